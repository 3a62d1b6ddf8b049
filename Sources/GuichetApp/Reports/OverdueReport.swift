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

    /// Pages up to this many rows are read in one result (a prepared statement, one round trip);
    /// longer ones stream row by row.
    static let bufferedRowLimit = 1000

    func response(filter: Filter, csv: Bool) -> Response {
        let now = workflow.clock.now()
        var headers: HeaderFields = ["Cache-Control": "no-store"]
        if csv {
            headers.add("Content-Type", "text/csv; charset=utf-8")
            headers.add("Content-Disposition", "attachment; filename=\"overdue.csv\"")
        } else {
            headers.add("Content-Type", "application/json")
        }
        return Response(status: .ok, headers: headers) { writer in
            var out = Output(csv: csv, writer: writer)
            try workflow.reports.read { connection in
                // Calendars first: the connection is busy streaming once rows flow.
                let days = try daysOverdue(filter, now: now, connection: connection)
                let query = query(filter, now: now)
                if let limit = filter.limit, limit <= Self.bufferedRowLimit {
                    for row in try connection.query(query) { try out.append(row, days: days) }
                } else {
                    try connection.forEachRow(query) { row in try out.append(row, days: days) }
                }
            }
            try out.finish()
        }
    }

    /// The calendars the rows can name: the filtered office's, or every office's (from the cache,
    /// whose list of offices is re-read at most every few seconds).
    private func daysOverdue(_ filter: Filter, now: Date, connection: PostgresConnection) throws -> DaysOverdue {
        var days = DaysOverdue(now: now)
        for (office, entry) in try workflow.calendars.entries(office: filter.office, connection: connection) {
            days.add(office, entry)
        }
        return days
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

        init(now: Date) { self.now = now }

        mutating func add(_ office: String, _ entry: CalendarCache.Entry) {
            codes.append(Array(office.utf8))
            offices.append((entry.calendar, entry.calendar.localDate(of: now)))
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

    /// The body as it is written: a JSON array or CSV lines, handed to the writer in 32 KiB pieces.
    struct Output {
        let csv: Bool
        let writer: any BodyWriter
        private var spool = ByteSpool(capacity: 40 * 1024)
        private var first = true

        init(csv: Bool, writer: any BodyWriter) {
            self.csv = csv
            self.writer = writer
            put(csv ? OverdueReport.csvHeader : "{\"items\":[")
        }

        mutating func append(_ row: PostgresRow, days: DaysOverdue) throws {
            if csv {
                put(try Line(row: row, days: days).csv)
            } else {
                if !first { spool.write(reserving: 1) { $0.put(UInt8(ascii: ",")) } }
                try JSONLine.append(row, days: days, to: &spool)
            }
            first = false
            if spool.count >= 32 * 1024 { try flush() }
        }

        mutating func finish() throws {
            if !csv { put("]}") }
            try flush()
        }

        private mutating func put(_ text: String) {
            var text = text
            text.withUTF8 { bytes in spool.write(reserving: bytes.count) { $0.put(bytes) } }
        }

        private mutating func flush() throws {
            guard spool.count > 0 else { return }
            try writer.write(spool.take())
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
