import Foundation
import GuichetCore
import HTTPServer
import Postgres

/// `GET /api/v1/reports/overdue`: open cases past their deadline, most overdue first, as JSON or
/// CSV. Streamed from a single-row-mode query, so 100,000 rows never sit in memory.
struct OverdueReport: Sendable {
    let workflow: CaseWorkflow

    struct Filter: Sendable {
        var office: String?
        var department: String?
        var service: String?
        var assignee: String?
        var limit: Int?
    }

    static let csvHeader =
        "reference,office,service,department,assignee,status,received_at,deadline_date,deadline_at,days_overdue\n"

    /// Pages up to this many rows are read in one result (a prepared statement, one round trip)
    /// and may be answered on the event loop; longer ones stream row by row.
    static let bufferedRowLimit = 1000

    func response(filter: Filter, csv: Bool) -> Response {
        let now = workflow.clock.now()
        return Response(status: .ok, headers: Self.headers(csv: csv)) { writer in
            var out = Output(csv: csv)
            try workflow.reports.read { connection in
                // Calendars first: the connection is busy streaming once rows flow.
                let days = DaysOverdue(
                    now: now, try workflow.calendars.entries(office: filter.office, connection: connection))
                let query = query(filter, now: now)
                if Self.isBuffered(filter) {
                    for row in try connection.query(query) { try out.append(row, days: days, flushingTo: writer) }
                } else {
                    try connection.forEachRow(query) { row in try out.append(row, days: days, flushingTo: writer) }
                }
            }
            // Never an empty piece: a stream would take it for its end.
            let rest = out.finish()
            if !rest.isEmpty { try writer.write(rest) }
        }
    }

    /// Whether `startPage` can answer: a page of JSON read in one result.
    static func answersOnLoop(_ filter: Filter, csv: Bool) -> Bool {
        !csv && isBuffered(filter)
    }

    /// A JSON page for a filter that `answersOnLoop` (the caller asks first, before it checks the
    /// session), on the event loop: its statement sent from the loop, its rows written there, the
    /// same bytes `response` sends. Declined to the blocking path when a calendar is not in memory
    /// or anything fails.
    func startPage(_ filter: Filter, reply: EventedReply) {
        let now = workflow.clock.now()
        guard let entries = workflow.calendars.freshEntries(office: filter.office) else { return reply.decline() }
        let days = DaysOverdue(now: now, entries)
        workflow.reports.loopDatabase.query(onLoop: query(filter, now: now), reply: reply) { rows in
            do {
                var out = Output(csv: false)
                for row in rows { try out.append(row, days: days) }
                reply.respond(Response(status: .ok, headers: Self.headers(csv: false), body: out.finish()))
            } catch {
                reply.decline()
            }
        }
    }

    /// Pages of at most `bufferedRowLimit` rows are read in one result.
    private static func isBuffered(_ filter: Filter) -> Bool {
        filter.limit.map { $0 <= bufferedRowLimit } ?? false
    }

    private static func headers(csv: Bool) -> HeaderFields {
        .jsonOrCSV(csv: csv, filename: "overdue.csv", cacheControl: "no-store")
    }

    private func query(_ filter: Filter, now: Date) -> PostgresQuery {
        var sql: PostgresQuery = """
            SELECT reference, office, service, department, assignee, status, received_at, deadline_date, deadline_at
              FROM cases
             WHERE status IN ('received', 'in_progress') AND deadline_at <= \(now)
            """
        if let office = filter.office { sql.append(" AND office = \(office)") }
        if let department = filter.department { sql.append(" AND department = \(department)") }
        if let service = filter.service { sql.append(" AND service = \(service)") }
        if let assignee = filter.assignee { sql.append(" AND assignee = \(assignee)") }
        sql.append(" ORDER BY deadline_at, reference")
        if let limit = filter.limit { sql.append(" LIMIT \(limit)") }
        return sql
    }

    /// The select list's positions: rows are decoded by position, not by name, on this per-row path.
    enum Column {
        static let reference = 0, office = 1, service = 2, department = 3, assignee = 4, status = 5
        static let receivedAt = 6, deadlineDate = 7, deadlineAt = 8
    }

    /// Working days between each office's deadlines and its today; "today" is worked out once per
    /// office, not once per row.
    struct DaysOverdue {
        let now: Date
        /// Office codes' bytes, searched in order (a handful of offices, 100 rows a page), each at
        /// the index of its calendar in `offices`; apart, so the search copies no calendar.
        private var codes: [[UInt8]] = []
        private var offices: [(calendar: WorkingCalendar, today: LocalDate)] = []

        /// The calendars the rows can name: the filtered office's, or every office's.
        init(now: Date, _ entries: [String: CalendarCache.Entry]) {
            self.now = now
            for (office, entry) in entries {
                codes.append(Array(office.utf8))
                offices.append((entry.calendar, entry.calendar.localDate(of: now)))
            }
        }

        /// 0 for an office without a calendar (deleted meanwhile): the row still shows.
        func days(office: String, after deadline: LocalDate) -> Int {
            var office = office
            return office.withUTF8 { days(officeText: $0, after: deadline) }
        }

        /// The same, for the office code's text as the row holds it.
        func days(officeText office: UnsafeBufferPointer<UInt8>?, after deadline: LocalDate) -> Int {
            guard let office, let start = office.baseAddress else { return 0 }
            for index in codes.indices where codes[index].count == office.count {
                let same = codes[index].withUnsafeBytes { stored in
                    stored.baseAddress.map { memcmp($0, start, office.count) == 0 } ?? office.isEmpty
                }
                if same { return offices[index].calendar.workingDays(after: deadline, through: offices[index].today) }
            }
            return 0
        }
    }

    /// The body as it is written: a JSON array or CSV lines, handed on in 32 KiB pieces when a
    /// writer is given.
    struct Output {
        let csv: Bool
        private var spool = ByteSpool(capacity: 40 * 1024)
        private var first = true

        init(csv: Bool) {
            self.csv = csv
            put(csv ? OverdueReport.csvHeader : "{\"items\":[")
        }

        mutating func append(_ row: PostgresRow, days: DaysOverdue, flushingTo writer: (any BodyWriter)? = nil) throws {
            if csv {
                put(try Line(row: row, days: days).csv)
            } else {
                try JSONLine.append(row, days: days, comma: !first, to: &spool)
            }
            first = false
            if let writer, spool.count >= 32 * 1024 { try writer.write(spool.take()) }
        }

        /// The rest of the body, closed.
        mutating func finish() -> [UInt8] {
            if !csv { put("]}") }
            return spool.take()
        }

        private mutating func put(_ text: String) {
            var text = text
            text.withUTF8 { bytes in spool.write(reserving: bytes.count) { $0.put(bytes) } }
        }
    }

    /// One overdue case, decoded: the CSV form (the JSON form is written from the row's text, by
    /// `JSONLine`).
    struct Line {
        var reference: String
        var office: String
        var service: String
        var department: String
        var assignee: String?
        var status: String
        var receivedAt: Date
        var deadlineDate: LocalDate
        var deadlineAt: Date
        var daysOverdue: Int

        init(row: PostgresRow, days: DaysOverdue) throws {
            reference = try row.decode(at: Column.reference)
            office = try row.decode(at: Column.office)
            service = try row.decode(at: Column.service)
            department = try row.decode(at: Column.department)
            assignee = try row.decode(at: Column.assignee)
            status = try row.decode(at: Column.status)
            receivedAt = try row.decode(at: Column.receivedAt)
            deadlineDate = try row.decode(at: Column.deadlineDate)
            deadlineAt = try row.decode(at: Column.deadlineAt)
            daysOverdue = days.days(office: office, after: deadlineDate)
        }

        var csv: String {
            [
                reference, office, service, department, assignee ?? "", status, RFC3339.string(receivedAt),
                deadlineDate.description, RFC3339.string(deadlineAt), String(daysOverdue),
            ].map(CSV.field).joined(separator: ",") + "\n"
        }
    }
}
