import Foundation
import GuichetCore
import Postgres

/// The part of a case row that a citizen's tracking look-up reads: what the answer shows, what the
/// deadline is recomputed from, and the key's hash. Every `CaseRecord` holds one (`tracked`), and
/// `DeadlineRefresh` reads its inputs from it.
///
/// The look-up is the hottest public path, and the rest of the row (subject, description,
/// assignee, audit times) is neither shown nor needed there: leaving it out spares PostgreSQL
/// formatting those columns and Guichet parsing them on every look-up (about 8% of the database's
/// CPU per look-up with pgbench).
struct TrackedCase: Sendable {
    var office: String
    var reference: String
    var kind: CaseKind
    var service: String
    var status: CaseStatus
    var submittedAt: Date
    var receivedAt: Date
    var responseDays: Int
    var extensionDays: Int
    var trackingKeyHash: [UInt8]
    var deadlineDate: LocalDate?
    var deadlineAt: Date?

    static let columns = """
        c.office, c.reference, c.kind, c.service, c.status, c.submitted_at, c.received_at, c.response_days,
        c.extension_days, c.tracking_key_hash, c.deadline_date, c.deadline_at
        """

    init(row: PostgresRow) throws {
        office = try row.decode(column: "office")
        reference = try row.decode(column: "reference")
        kind = CaseKind(rawValue: try row.decode(column: "kind")) ?? .application
        service = try row.decode(column: "service")
        status = CaseStatus(rawValue: try row.decode(column: "status")) ?? .received
        submittedAt = try row.decode(column: "submitted_at")
        receivedAt = try row.decode(column: "received_at")
        responseDays = try row.decode(column: "response_days")
        extensionDays = try row.decode(column: "extension_days")
        trackingKeyHash = try row.decode(column: "tracking_key_hash")
        deadlineDate = try row.decode(column: "deadline_date")
        deadlineAt = try row.decode(column: "deadline_at")
    }
}
