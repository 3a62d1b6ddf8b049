import Foundation
import GuichetCore
import Postgres

/// Everything staff see of a case: the register entry, the applicant, the whole timeline with
/// internal notes, the due state and why the deadline is what it is.
struct CaseView: Codable, Sendable {
    struct Event: Codable, Sendable {
        var seq: Int
        var at: Date
        var actor: String
        var type: String
        var fromStatus: String?
        var toStatus: String?
        var `public`: Bool
        var publicMessage: String?
        var internalNote: String?
        var data: [String: String]
    }

    var reference: String
    var office: String
    var kind: String
    var service: String
    var department: String
    var status: String
    var subject: String
    var description: String
    var channel: String
    var language: String
    var submittedAt: Date
    var receivedAt: Date
    var responseDays: Int
    var extensionDays: Int
    var extensionUsed: Bool
    var assignee: String?
    var createdBy: String?
    var deadlineDate: LocalDate?
    var deadlineAt: Date?
    var dueState: String
    var daysOverdue: Int
    var deadlineExplanation: DeadlineExplanation?
    var applicant: Applicant?
    var timeline: [Event]?
}

/// One line of the staff case list.
struct CaseSummary: Codable, Sendable {
    var reference: String
    var office: String
    var kind: String
    var service: String
    var department: String
    var status: String
    var subject: String
    var channel: String
    var submittedAt: Date
    var assignee: String?
    var deadlineDate: LocalDate?
    var deadlineAt: Date?
    var dueState: String
    var daysOverdue: Int
}

/// A page of a list: the items and the opaque cursor of the next page (nil on the last).
struct Page<Item: Codable & Sendable>: Codable, Sendable {
    var items: [Item]
    var nextCursor: String?
}

extension CaseWorkflow {
    func view(_ reference: String, user: StaffUser) throws -> CaseView {
        let now = clock.now()
        return try database.read { connection in
            guard let parsed = CaseReference(parsing: reference), user.canAccess(office: parsed.office.rawValue) else {
                throw Problems.notFound()
            }
            let store = CaseStore(connection: connection)
            guard let record = try store.fetch(office: parsed.office.rawValue, reference: reference) else {
                throw Problems.notFound()
            }
            return try view(record, connection: connection, now: now, withTimeline: true)
        }
    }

    func view(_ record: CaseRecord, connection: PostgresConnection, now: Date, withTimeline: Bool) throws -> CaseView {
        let store = CaseStore(connection: connection)
        let events = try store.events(office: record.office, reference: record.reference)
        let (_, calendar) = try self.calendar(record.office, connection: connection)
        let refresh = DeadlineRefresh(calendar: calendar)
        let evaluation = try refresh.evaluate(record.tracked, events: events)
        let due = try refresh.dueStatus(evaluation.state, record: record.tracked, now: now)
        return CaseView(
            reference: record.reference, office: record.office, kind: record.kind.rawValue, service: record.service,
            department: record.department, status: record.status.rawValue, subject: record.subject,
            description: record.description, channel: record.channel, language: record.language,
            submittedAt: record.submittedAt, receivedAt: record.receivedAt, responseDays: record.responseDays,
            extensionDays: record.extensionDays, extensionUsed: record.extensionUsed, assignee: record.assignee,
            createdBy: record.createdBy, deadlineDate: record.deadlineDate, deadlineAt: record.deadlineAt,
            dueState: due.state.rawValue, daysOverdue: due.daysOverdue, deadlineExplanation: evaluation.explanation,
            applicant: try store.applicant(office: record.office, reference: record.reference),
            timeline: withTimeline
                ? events.map { event in
                    CaseView.Event(
                        seq: event.seq, at: event.at, actor: event.actor, type: event.type,
                        fromStatus: event.fromStatus, toStatus: event.toStatus, public: event.isPublic,
                        publicMessage: event.publicMessage, internalNote: event.internalNote, data: event.data)
                } : nil)
    }
}
