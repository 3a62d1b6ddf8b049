import Foundation
import GuichetCore
import HTTPServer
import Postgres

/// The staff case list: filters, newest first, keyset pagination with an opaque cursor.
struct CaseListQuery: Sendable {
    var office: String?
    var status: String?
    var service: String?
    var department: String?
    var assignee: String?
    var dueState: DueState?
    var text: String?
    var limit = 50
    var cursor: CaseListCursor?

    /// Reads the query string; bad values are `422`, never ignored.
    init(_ query: QueryParameters) throws {
        office = query["office"]
        status = query["status"]
        if let status, CaseStatus(rawValue: status) == nil {
            throw Problems.invalidField("status", "unknown status")
        }
        service = query["service"]
        department = query["department"]
        assignee = query["assignee"]
        if let due = query["due_state"] {
            guard let parsed = DueState(rawValue: due) else {
                throw Problems.invalidField("due_state", "unknown due state")
            }
            dueState = parsed
        }
        text = try CaseWorkflow.optionalText(query["q"], field: "q", limit: 200)
        if let limitText = query["limit"] {
            guard let value = Int(limitText), (1...200).contains(value) else {
                throw Problems.invalidField("limit", code: "out_of_range", "limit must be between 1 and 200")
            }
            limit = value
        }
        if let cursorText = query["cursor"] {
            guard let parsed = CaseListCursor(cursorText) else {
                throw Problems.invalidField("cursor", "invalid cursor")
            }
            cursor = parsed
        }
    }
}

/// Where the next page starts: the last item's submission time and reference.
struct CaseListCursor: Sendable {
    var submittedAtMicros: Int64
    var reference: String

    init(submittedAt: Date, reference: String) {
        submittedAtMicros = Int64((submittedAt.timeIntervalSince1970 * 1_000_000).rounded())
        self.reference = reference
    }

    init?(_ text: String) {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64), let decoded = String(data: data, encoding: .utf8) else {
            return nil
        }
        let parts = decoded.split(separator: "|", maxSplits: 1)
        guard parts.count == 2, let micros = Int64(parts[0]), CaseReference(parsing: parts[1]) != nil else {
            return nil
        }
        submittedAtMicros = micros
        reference = String(parts[1])
    }

    var text: String {
        Data("\(submittedAtMicros)|\(reference)".utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    var submittedAt: Date { Date(timeIntervalSince1970: Double(submittedAtMicros) / 1_000_000) }
}

extension CaseWorkflow {
    func list(_ query: CaseListQuery, user: StaffUser) throws -> Page<CaseSummary> {
        let now = clock.now()
        let office: String? = user.role == .admin ? query.office : user.office
        if let requested = query.office, !user.canAccess(office: requested) { return Page(items: [], nextCursor: nil) }
        return try database.read { connection in
            var items: [CaseSummary] = []
            var cursor = query.cursor
            var exhausted = false
            // Exact due states need the calendar: SQL narrows, Swift decides; a few rounds at most.
            for _ in 0..<5 where items.count < query.limit && !exhausted {
                let batch = try fetch(query, office: office, after: cursor, now: now, connection: connection)
                exhausted = batch.count < query.limit
                for record in batch {
                    cursor = CaseListCursor(submittedAt: record.submittedAt, reference: record.reference)
                    let summary = try summarize(record, now: now, connection: connection)
                    if let wanted = query.dueState, summary.dueState != wanted.rawValue { continue }
                    items.append(summary)
                    if items.count == query.limit { break }
                }
            }
            let more = !exhausted || items.count == query.limit
            return Page(items: items, nextCursor: more ? cursor?.text : nil)
        }
    }

    private func fetch(
        _ query: CaseListQuery, office: String?, after cursor: CaseListCursor?, now: Date,
        connection: PostgresConnection
    ) throws -> [CaseRecord] {
        var sql: PostgresQuery = "SELECT \(unsafeSQL: CaseRecord.columns) FROM cases c WHERE true"
        if let office { sql.append(" AND c.office = \(office)") }
        if let status = query.status { sql.append(" AND c.status = \(status)") }
        if let service = query.service { sql.append(" AND c.service = \(service)") }
        if let department = query.department { sql.append(" AND c.department = \(department)") }
        if let assignee = query.assignee { sql.append(" AND c.assignee = \(assignee)") }
        if let text = query.text {
            let pattern =
                "%"
                + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                .replacingOccurrences(of: "_", with: "\\_") + "%"
            sql.append(" AND (c.subject ILIKE \(pattern) OR c.reference ILIKE \(pattern))")
        }
        switch query.dueState {
        case .paused: sql.append(" AND c.paused")
        case .overdue: sql.append(" AND c.status IN ('received','in_progress') AND c.deadline_at <= \(now)")
        case .dueSoon, .onTime: sql.append(" AND c.status IN ('received','in_progress') AND c.deadline_at > \(now)")
        case .met, .missed: sql.append(" AND c.first_answered_at IS NOT NULL")
        case .some(.none): sql.append(" AND c.status IN ('withdrawn','lapsed')")
        case nil: break
        }
        if let cursor {
            sql.append(" AND (c.submitted_at, c.reference) < (\(cursor.submittedAt), \(cursor.reference))")
        }
        sql.append(" ORDER BY c.submitted_at DESC, c.reference DESC LIMIT \(query.limit)")
        return try connection.query(sql).map(CaseRecord.init(row:))
    }

    /// A list line, with the due state from the stored deadline and the office calendar.
    func summarize(_ record: CaseRecord, now: Date, connection: PostgresConnection) throws -> CaseSummary {
        let (_, calendar) = try self.calendar(record.office, connection: connection)
        let due = Self.dueStatus(record, calendar: calendar, now: now)
        return CaseSummary(
            reference: record.reference, office: record.office, kind: record.kind.rawValue, service: record.service,
            department: record.department, status: record.status.rawValue, subject: record.subject,
            channel: record.channel, submittedAt: record.submittedAt, assignee: record.assignee,
            deadlineDate: record.deadlineDate, deadlineAt: record.deadlineAt, dueState: due.state.rawValue,
            daysOverdue: due.daysOverdue)
    }

    /// The due state from the stored (timeline-derived) deadline fields, without replaying the
    /// timeline: the rules of DESIGN.md "Due state".
    static func dueStatus(_ record: CaseRecord, calendar: WorkingCalendar, now: Date) -> DueStatus {
        let today = calendar.localDate(of: now)
        switch record.status {
        case .withdrawn, .lapsed, .collectingSignatures:
            return DueStatus(state: .none)
        case .awaitingCitizen:
            return DueStatus(state: .paused)
        default:
            break
        }
        guard let deadlineDate = record.deadlineDate, let deadlineAt = record.deadlineAt else {
            return DueStatus(state: .none)
        }
        if let answered = record.firstAnsweredAt, !record.status.isOpen {
            if answered < deadlineAt { return DueStatus(state: .met) }
            let answeredOn = calendar.localDate(of: answered)
            return DueStatus(
                state: .missed, daysOverdue: calendar.workingDays(after: deadlineDate, through: answeredOn))
        }
        if now >= deadlineAt {
            return DueStatus(state: .overdue, daysOverdue: calendar.workingDays(after: deadlineDate, through: today))
        }
        if deadlineDate <= today || calendar.nthWorkingDay(after: today, n: 1) >= deadlineDate {
            return DueStatus(state: .dueSoon)
        }
        return DueStatus(state: .onTime)
    }
}
