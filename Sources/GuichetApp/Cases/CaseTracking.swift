import Foundation
import GuichetCore
import HTTPServer
import Postgres

/// The public view of a case, for whoever holds its reference and key: never personal data,
/// never internal notes.
struct TrackingView: Codable, Sendable {
    struct Event: Codable, Sendable {
        var at: Date
        var type: String
        var fromStatus: String?
        var toStatus: String?
        var message: String?
    }

    var reference: String
    var office: String
    var service: String
    var serviceName: Trilingual
    var kind: String
    var status: String
    var submittedAt: Date
    var receivedAt: Date
    var deadlineDate: LocalDate?
    var deadlineAt: Date?
    var dueState: String
    var daysOverdue: Int
    var deadlineExplanation: DeadlineExplanation?
    var timeline: [Event]
    var feedbackAllowed: Bool
}

extension CaseWorkflow {
    /// Answers a tracking look-up. An unknown reference, a malformed one and a wrong key give the
    /// same `404`; failures count against the client's address and are limited (`429`).
    func track(reference: String, key rawKey: String?, client: String, language: String = "fr") throws -> TrackingView {
        let now = clock.now()
        return try database.read { connection in
            let limiter = RateLimiter(connection: connection)
            func fail() throws -> Never {
                try limiter.hit(limits.trackingFailures, client: client, now: now)
                throw Problems.caseNotFound
            }
            guard let (parsed, key) = Self.parseTracking(reference: reference, key: rawKey) else {
                try limiter.check(limits.trackingFailures, client: client, now: now)
                try fail()
            }
            let lookup = try CaseStore.trackingLookup(
                from: connection.query(trackingLookupQuery(parsed, reference: reference, client: client, now: now)))
            guard let record = try checkedRecord(lookup, key: key, now: now) else { try fail() }
            guard let office = try calendars.entry(for: record.office, connection: connection) else {
                throw Problems.notFound("office")
            }
            return try trackingView(record, lookup: lookup, office: office, now: now, language: language)
        }
    }

    /// A tracking look-up ready to be sent from an event loop, and what its answer needs.
    struct TrackingPlan: Sendable {
        let query: PostgresQuery
        let key: TrackingKey
        let office: CalendarCache.Entry
        let now: Date
        let language: String
    }

    /// The first half of the look-up on the event loop (`PublicAPI`): its statement, when the
    /// reference and key are well-formed and the office's calendar is in memory. Nil sends the
    /// request to `track`, which counts failures and loads calendars.
    func planTracking(reference: String, key rawKey: String?, client: String, language: String) -> TrackingPlan? {
        guard let (parsed, key) = Self.parseTracking(reference: reference, key: rawKey),
            let office = calendars.freshEntry(for: parsed.office.rawValue)
        else { return nil }
        let now = clock.now()
        let query = trackingLookupQuery(parsed, reference: reference, client: client, now: now)
        return TrackingPlan(query: query, key: key, office: office, now: now, language: language)
    }

    /// The reference and the key, when both are well-formed.
    private static func parseTracking(reference: String, key: String?) -> (CaseReference, TrackingKey)? {
        guard let parsed = CaseReference(parsing: reference), let key = key.flatMap(TrackingKey.init(normalizing:))
        else { return nil }
        return (parsed, key)
    }

    /// One round trip: the client's failures in this window, the case, its service's names and
    /// its timeline.
    private func trackingLookupQuery(_ parsed: CaseReference, reference: String, client: String, now: Date)
        -> PostgresQuery
    {
        CaseStore.trackingLookupQuery(
            office: parsed.office.rawValue, reference: reference, rateBucket: limits.trackingFailures.bucket(client),
            rateWindow: limits.trackingFailures.windowStart(now))
    }

    /// The second half: the view from the statement's rows. Nil for an unknown reference or a
    /// wrong key, a failure `track` must count; throws `429` past the client's failure limit.
    func finishTracking(_ plan: TrackingPlan, rows: PostgresRows) throws -> TrackingView? {
        let lookup = try CaseStore.trackingLookup(from: rows)
        guard let record = try checkedRecord(lookup, key: plan.key, now: plan.now) else { return nil }
        return try trackingView(record, lookup: lookup, office: plan.office, now: plan.now, language: plan.language)
    }

    /// The case the look-up found if the key opens it; nil for no case or a wrong key. Refuses
    /// (`429`) a client already past its failure limit, whatever it sent.
    private func checkedRecord(_ lookup: CaseStore.TrackingLookup, key: TrackingKey, now: Date) throws -> TrackedCase? {
        if lookup.failures >= limits.trackingFailures.limit {
            throw Problems.rateLimited(retryAfter: limits.trackingFailures.retryAfter(now))
        }
        guard let record = lookup.record, key.matches(storedHash: record.trackingKeyHash, secret: trackingKeySecret)
        else { return nil }
        return record
    }

    private func trackingView(
        _ record: TrackedCase, lookup: CaseStore.TrackingLookup, office: CalendarCache.Entry, now: Date,
        language: String
    ) throws -> TrackingView {
        let events = lookup.events
        let refresh = DeadlineRefresh(calendar: office.calendar)
        let evaluation = try refresh.evaluate(record, events: events)
        var explanation = evaluation.explanation
        explanation.localizeHolidays(office.holidayNames, language: language)
        let due = try refresh.dueStatus(evaluation.state, record: record, now: now)
        let answered = events.contains { $0.toStatus == "resolved" || $0.toStatus == "rejected" }
        let rated = events.contains { $0.type == "feedback" }
        return TrackingView(
            reference: record.reference, office: record.office, service: record.service,
            serviceName: lookup.serviceName
                ?? Trilingual(ar: record.service, fr: record.service, en: record.service),
            kind: record.kind.rawValue, status: record.status.rawValue, submittedAt: record.submittedAt,
            receivedAt: record.receivedAt, deadlineDate: record.deadlineDate, deadlineAt: record.deadlineAt,
            dueState: due.state.rawValue, daysOverdue: due.daysOverdue,
            deadlineExplanation: explanation,
            timeline: events.filter(\.isPublic).map { event in
                TrackingView.Event(
                    at: event.at, type: event.type, fromStatus: event.fromStatus, toStatus: event.toStatus,
                    message: event.publicMessage)
            },
            feedbackAllowed: answered && !rated)
    }
}

extension DeadlineExplanation {
    /// Names the skipped holidays in the reader's language (the calendar computes with French).
    mutating func localizeHolidays(_ names: [LocalDate: Trilingual], language: String) {
        skippedHolidays = skippedHolidays.map { holiday in
            NamedHoliday(date: holiday.date, name: names[holiday.date]?.text(in: language) ?? holiday.name)
        }
    }
}
