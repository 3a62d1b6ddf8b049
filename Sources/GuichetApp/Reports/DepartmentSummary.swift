import Foundation
import GuichetCore
import HTTPServer
import Postgres

/// `GET /api/v1/reports/departments`: open, overdue and due-soon counts per department — the
/// supervisors' dashboard at a glance, summed from the open-case tally that every change to an
/// open case keeps (Migrations/0008_open_case_tally.sql) instead of counting the cases.
struct DepartmentSummary: Sendable {
    let workflow: CaseWorkflow

    struct Row: Codable, Sendable {
        var office: String
        var department: String
        var open: Int
        var paused: Int
        var overdue: Int
        var dueSoon: Int
    }

    func rows(office: String?) throws -> [Row] {
        let now = workflow.clock.now()
        return try workflow.reports.read { connection in
            let calendars = try workflow.calendars.entries(office: office, connection: connection)
            return try Self.rows(from: connection.query(query(office: office, calendars: calendars, now: now)))
        }
    }

    /// The report's JSON on the event loop, for a dashboard under light load (`ReportsAPI`): the
    /// statement sent from the loop and the rows written there, the same bytes as the worker's.
    /// Declined to the blocking path when a calendar is not in memory or anything fails.
    func start(office: String?, reply: EventedReply) {
        let now = workflow.clock.now()
        guard let calendars = workflow.calendars.freshEntries(office: office) else { return reply.decline() }
        let statement = query(office: office, calendars: calendars, now: now)
        workflow.reports.loopDatabase.query(onLoop: statement, reply: reply) { rows in
            do {
                reply.respond(.json(bytes: Self.jsonBytes(try Self.rows(from: rows))))
            } catch {
                reply.decline()
            }
        }
    }

    private func query(office: String?, calendars: [String: CalendarCache.Entry], now: Date) -> PostgresQuery {
        // Due soon ends with each office's next working day, from its calendar; the database
        // gets that horizon per office and sums the tally (Migrations/0008) per department
        // itself, so only the departments' rows come back. The deltas are summed per bucket
        // first, with one sum: classifying every unfolded delta costs half again as much over
        // 100,000 of them (EXPLAIN, TIMING OFF: 28-32 ms against 43-60). The sums equal
        // counting the open cases; an office without a calendar is left out.
        let calendars = calendars.sorted { $0.key < $1.key }
        let offices = calendars.map(\.key)
        let horizons = calendars.map { _, entry in
            let calendar = entry.calendar
            return calendar.endOfDay(calendar.nthWorkingDay(after: calendar.localDate(of: now), n: 1))
        }
        var sql: PostgresQuery = """
            SELECT t.office, t.department, sum(t.cases)::integer AS open,
                   coalesce(sum(t.cases) FILTER (WHERE t.paused), 0)::integer AS paused,
                   coalesce(sum(t.cases) FILTER (WHERE NOT t.paused AND t.deadline_at <= \(now)), 0)::integer
                       AS overdue,
                   coalesce(sum(t.cases) FILTER (WHERE NOT t.paused AND t.deadline_at > \(now)
                                                  AND t.deadline_at <= h.horizon), 0)::integer AS due_soon
              FROM (SELECT office, department, paused, deadline_at, sum(cases) AS cases
                      FROM open_case_tally
            """
        // The office filter is in the text only when there is one. Written as `$n IS NULL OR
        // office = $n`, PostgreSQL's generic plan (from the sixth run of the prepared
        // statement on) guessed a tenth of the tally and sorted 100,000 unfolded deltas instead
        // of hashing them: 100 ms against 25 (EXPLAIN EXECUTE, docs/BENCHMARKS.md).
        if let office { sql.append(" WHERE office = \(office)") }
        sql.append(
            """
             GROUP BY office, department, paused, deadline_at) AS t
              JOIN unnest(\(PostgresArray(offices)), \(PostgresArray(horizons))) AS h(office, horizon)
                ON h.office = t.office
             GROUP BY t.office, t.department HAVING sum(t.cases) <> 0
             ORDER BY t.office COLLATE "C", t.department COLLATE "C"
            """)
        return sql
    }

    /// By position, in the select list's order: by name, each of the 300 values of a 50-row report
    /// hashed its column's name.
    private static func rows(from rows: PostgresRows) throws -> [Row] {
        try rows.map { row in
            Row(
                office: try row.decode(at: 0), department: try row.decode(at: 1), open: try row.decode(at: 2),
                paused: try row.decode(at: 3), overdue: try row.decode(at: 4), dueSoon: try row.decode(at: 5))
        }
    }

    /// `{"items": [...]}` with each row's keys sorted, as `Response.json` writes the `Codable`
    /// rows, without Foundation's encoder (most of the report's instructions, by callgrind).
    static func jsonBytes(_ rows: [Row]) -> [UInt8] {
        var out = JSONObjectWriter(capacity: 64 + rows.count * 112)
        out.objects("items", rows) { row, item in
            item.string("department", row.department)
            item.int("due_soon", row.dueSoon)
            item.string("office", row.office)
            item.int("open", row.open)
            item.int("overdue", row.overdue)
            item.int("paused", row.paused)
        }
        return out.finish()
    }

    /// Folds the tally's deltas into one row per bucket (the sweeper, every minute), keeping every
    /// sum: `fold_open_case_tally()` of Migrations/0009, which the benchmark runs too.
    static func foldTally(connection: PostgresConnection) throws {
        try connection.execute("SELECT fold_open_case_tally()")
    }
}
