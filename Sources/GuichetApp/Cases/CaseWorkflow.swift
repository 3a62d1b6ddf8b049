import Foundation
import GuichetCore
import HTTPServer
import Locking
import Postgres

/// The case operations behind the API: filing, tracking and the staff actions. Each runs in one
/// transaction that appends to the timeline and re-derives the deadline from it.
final class CaseWorkflow: Sendable {
    let database: Database
    /// Where the read-only reports read: a streaming replica when configured, else `database`.
    let reports: ReportsDatabase
    let clock: any GuichetClock
    let calendars: CalendarCache
    let secret: [UInt8]
    /// `secret` prepared for the tracking keys' HMAC, which every look-up checks.
    let trackingKeySecret: HMACSHA256.Key
    /// The public address of the server, for `tracking_url` (`https://guichet.example.tn`); known
    /// only once the server is bound when the port is chosen by the system.
    let publicBaseURL: PublicBaseURL
    /// Per-client limits on filings and tracking failures.
    let limits: RateLimits

    init(
        database: Database, reports: ReportsDatabase, clock: any GuichetClock, calendars: CalendarCache,
        secret: [UInt8], publicBaseURL: PublicBaseURL, limits: RateLimits
    ) {
        self.limits = limits
        self.database = database
        self.reports = reports
        self.clock = clock
        self.calendars = calendars
        self.secret = secret
        self.trackingKeySecret = HMACSHA256.Key(secret)
        self.publicBaseURL = publicBaseURL
    }

    func trackingURL(_ reference: String) -> String {
        "\(publicBaseURL.value)/track?reference=\(reference)"
    }

    /// The office's calendar for display (cached a few seconds), or `404`.
    func calendar(_ office: String, connection: PostgresConnection) throws -> (Office, WorkingCalendar) {
        guard let found = try calendars.calendar(for: office, connection: connection) else {
            throw Problems.notFound("office")
        }
        return found
    }

    /// The office's calendar for *storing* a deadline: read fresh inside the transaction, with the
    /// office row share-locked so a concurrent calendar change waits for it (and then recomputes
    /// this case too), on this instance or any other.
    func calendarForWrite(_ office: String, connection: PostgresConnection) throws -> (Office, WorkingCalendar)? {
        let store = CatalogueStore(connection: connection)
        guard let record = try store.office(office, lock: .share) else { return nil }
        return (record, try store.calendar(for: record))
    }

    /// Loads a case the user may see, locked for update; another office's case is a plain 404.
    func lockedCase(_ reference: String, user: StaffUser, connection: PostgresConnection) throws -> CaseRecord {
        guard let parsed = CaseReference(parsing: reference), user.canAccess(office: parsed.office.rawValue),
            let record = try CaseStore(connection: connection).fetch(
                office: parsed.office.rawValue, reference: reference, forUpdate: true)
        else { throw Problems.notFound() }
        return record
    }

    /// Appends `event`, re-derives the deadline from the whole timeline and stores both; records a
    /// public `deadline_changed` event when the date moved for another reason than the event itself.
    @discardableResult
    func record(
        _ event: CaseEvent, on record: CaseRecord, newStatus: CaseStatus? = nil, connection: PostgresConnection
    ) throws -> CaseRecord {
        let store = CaseStore(connection: connection)
        let seq = try store.append(office: record.office, reference: record.reference, event)
        var updated = record
        if let newStatus { updated.status = newStatus }
        guard let (_, calendar) = try calendarForWrite(record.office, connection: connection) else {
            throw Problems.notFound("office")
        }
        let events = try store.events(office: record.office, reference: record.reference)
        let evaluation = try DeadlineRefresh(calendar: calendar).evaluate(updated.tracked, events: events)
        // A finished case keeps the deadline it was judged against (for an answer given while
        // paused, the one it would have had if resumed then).
        updated.deadlineDate = evaluation.state.deadlineDate ?? evaluation.state.judgedDeadlineDate
        updated.deadlineAt = evaluation.state.deadlineAt ?? evaluation.state.judgedDeadlineAt
        updated.paused = evaluation.state.paused
        updated.extensionUsed = evaluation.state.extensionUsed
        updated.firstAnsweredAt = evaluation.state.answeredAt
        try store.update(updated)
        try queueNotifications(for: event, seq: seq, on: updated, connection: connection)
        return updated
    }
}

/// The server's public address, set once the listening port is known.
final class PublicBaseURL: Sendable {
    private let storage = Locked<String>("")

    var value: String { storage.withLock { $0 } }

    func set(_ url: String) {
        storage.withLock { $0 = url.hasSuffix("/") ? String(url.dropLast()) : url }
    }
}
