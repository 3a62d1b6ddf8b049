import Foundation
import GuichetCore
import Postgres

/// A case row as stored: the register entry plus the deadline fields derived from its timeline.
struct CaseRecord: Sendable {
    var office: String
    var reference: String
    var kind: CaseKind
    var service: String
    var department: String
    var status: CaseStatus
    var subject: String
    var description: String
    var channel: String
    var language: String
    var submittedAt: Date
    var receivedAt: Date
    var responseDays: Int
    var extensionDays: Int
    var trackingKeyHash: [UInt8]
    var assignee: String?
    var createdBy: String?
    var deadlineDate: LocalDate?
    var deadlineAt: Date?
    var paused: Bool
    var extensionUsed: Bool
    var firstAnsweredAt: Date?
    var updatedAt: Date

    static let columns = """
        c.office, c.reference, c.kind, c.service, c.department, c.status, c.subject, c.description, c.channel,
        c.language, c.submitted_at, c.received_at, c.response_days, c.extension_days, c.tracking_key_hash,
        c.assignee, c.created_by, c.deadline_date, c.deadline_at, c.paused, c.extension_used,
        c.first_answered_at, c.updated_at
        """

    init(row: PostgresRow) throws {
        office = try row.decode(column: "office")
        reference = try row.decode(column: "reference")
        kind = CaseKind(rawValue: try row.decode(column: "kind")) ?? .application
        service = try row.decode(column: "service")
        department = try row.decode(column: "department")
        status = CaseStatus(rawValue: try row.decode(column: "status")) ?? .received
        subject = try row.decode(column: "subject")
        description = try row.decode(column: "description")
        channel = try row.decode(column: "channel")
        language = try row.decode(column: "language")
        submittedAt = try row.decode(column: "submitted_at")
        receivedAt = try row.decode(column: "received_at")
        responseDays = try row.decode(column: "response_days")
        extensionDays = try row.decode(column: "extension_days")
        trackingKeyHash = try row.decode(column: "tracking_key_hash")
        assignee = try row.decode(column: "assignee")
        createdBy = try row.decode(column: "created_by")
        deadlineDate = try row.decode(column: "deadline_date")
        deadlineAt = try row.decode(column: "deadline_at")
        paused = try row.decode(column: "paused")
        extensionUsed = try row.decode(column: "extension_used")
        firstAnsweredAt = try row.decode(column: "first_answered_at")
        updatedAt = try row.decode(column: "updated_at")
    }
}

/// One event of a case's timeline, as stored (append-only).
struct CaseEvent: Sendable, Codable {
    var seq: Int
    var at: Date
    var actor: String
    var type: String
    var fromStatus: String?
    var toStatus: String?
    var isPublic: Bool
    var publicMessage: String?
    var internalNote: String?
    var data: [String: String]

    static let columns =
        "seq, at, actor, type, from_status, to_status, public, public_message, internal_note, data"

    init(row: PostgresRow) throws {
        seq = try row.decode(column: "seq")
        at = try row.decode(column: "at")
        actor = try row.decode(column: "actor")
        type = try row.decode(column: "type")
        fromStatus = try row.decode(column: "from_status")
        toStatus = try row.decode(column: "to_status")
        isPublic = try row.decode(column: "public")
        publicMessage = try row.decode(column: "public_message")
        internalNote = try row.decode(column: "internal_note")
        data = try row.decode(PostgresJSON<[String: String]>.self, column: "data").value
    }

    init(
        seq: Int, at: Date, actor: String, type: String, fromStatus: String? = nil, toStatus: String? = nil,
        isPublic: Bool, publicMessage: String? = nil, internalNote: String? = nil, data: [String: String] = [:]
    ) {
        self.seq = seq
        self.at = at
        self.actor = actor
        self.type = type
        self.fromStatus = fromStatus
        self.toStatus = toStatus
        self.isPublic = isPublic
        self.publicMessage = publicMessage
        self.internalNote = internalNote
        self.data = data
    }

    /// The events that move a deadline, in timeline order, for GuichetCore's calculator.
    static func deadlineEvents(_ events: [CaseEvent], receivedAt: Date, initialStatus: CaseStatus) -> [DeadlineEvent] {
        var result: [DeadlineEvent] = []
        for event in events {
            switch event.type {
            case "submitted":
                result.append(.submitted(at: receivedAt, initialStatus: initialStatus))
            case "status_changed":
                if let from = event.fromStatus.flatMap(CaseStatus.init(rawValue:)),
                    let to = event.toStatus.flatMap(CaseStatus.init(rawValue:))
                {
                    result.append(.statusChanged(from: from, to: to, at: event.at))
                }
            case "extended":
                if let days = event.data["days"].flatMap(Int.init) {
                    result.append(.extended(days: days, reason: event.publicMessage ?? "", at: event.at))
                }
            default:
                continue
            }
        }
        return result
    }
}
