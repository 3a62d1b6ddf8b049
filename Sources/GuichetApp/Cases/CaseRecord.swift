import Foundation
import GuichetCore
import Postgres

/// A case row as stored: the register entry plus the deadline fields derived from its timeline.
///
/// The columns a citizen's tracking look-up reads are one `TrackedCase`, which the look-up
/// decodes alone; the staff's columns are the rest. `record.office` and the like reach into
/// `tracked` through dynamic member lookup, so the two never list the same field twice.
@dynamicMemberLookup
struct CaseRecord: Sendable {
    var tracked: TrackedCase
    var department: String
    var subject: String
    var description: String
    var channel: String
    var language: String
    var assignee: String?
    var createdBy: String?
    var paused: Bool
    var extensionUsed: Bool
    var firstAnsweredAt: Date?
    var updatedAt: Date

    static let columns =
        TrackedCase.columns + """
            , c.department, c.subject, c.description, c.channel, c.language, c.assignee, c.created_by, c.paused,
            c.extension_used, c.first_answered_at, c.updated_at
            """

    init(row: PostgresRow) throws {
        tracked = try TrackedCase(row: row)
        department = try row.decode(column: "department")
        subject = try row.decode(column: "subject")
        description = try row.decode(column: "description")
        channel = try row.decode(column: "channel")
        language = try row.decode(column: "language")
        assignee = try row.decode(column: "assignee")
        createdBy = try row.decode(column: "created_by")
        paused = try row.decode(column: "paused")
        extensionUsed = try row.decode(column: "extension_used")
        firstAnsweredAt = try row.decode(column: "first_answered_at")
        updatedAt = try row.decode(column: "updated_at")
    }

    subscript<Value>(dynamicMember keyPath: WritableKeyPath<TrackedCase, Value>) -> Value {
        get { tracked[keyPath: keyPath] }
        set { tracked[keyPath: keyPath] = newValue }
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
