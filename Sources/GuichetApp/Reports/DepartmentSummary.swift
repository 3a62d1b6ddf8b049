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

    /// A statement of the report, from the calendars of the offices it may cover and the time.
    private typealias Statement = (_ calendars: [String: CalendarCache.Entry], _ now: Date) -> PostgresQuery

    func rows(office: String?) throws -> [Row] {
        try read(calendarsOf: office) { calendars, now in query(office: office, calendars: calendars, now: now) }
    }

    /// What `caller`'s session may see when the reports read the primary: the counts of the
    /// office `asked` (nil: of every office for an administrator, of their own for a supervisor),
    /// summed by the statement the event loop sends (`start(caller:asked:reply:)`), so that the
    /// loop finds it prepared on the connections the workers used. The caller has been checked
    /// already; a session ended since reads no rows.
    func rows(caller session: PostgresQuery, asked: String?) throws -> [Row] {
        try read(calendarsOf: asked) { calendars, now in
            query(caller: session, asked: asked, calendars: calendars, now: now)
        }
    }

    /// The report's JSON on the event loop, for a dashboard under light load (`ReportsAPI`): the
    /// statement sent from the loop and the rows written there, the same bytes as the worker's.
    /// Declined to the blocking path when a calendar is not in memory or anything fails.
    func start(office: String?, reply: EventedReply) {
        start(calendarsOf: office, reply: reply, declineEmpty: false) { calendars, now in
            query(office: office, calendars: calendars, now: now)
        }
    }

    /// `start(office:reply:)` with the session check folded in, when the reports read the primary
    /// (`ReportsAPI`): one round trip instead of two, and the report's work only for a live
    /// supervisor's or administrator's session. No rows — no session, a role or office refused,
    /// or nothing open — is declined: the worker tells which, with its problem document.
    func start(caller session: PostgresQuery, asked: String?, reply: EventedReply) {
        start(calendarsOf: asked, reply: reply, declineEmpty: true) { calendars, now in
            query(caller: session, asked: asked, calendars: calendars, now: now)
        }
    }

    /// Runs `statement` on a worker, with the calendars of `office` (nil: every office) loaded as needed.
    private func read(calendarsOf office: String?, _ statement: Statement) throws -> [Row] {
        let now = workflow.clock.now()
        return try workflow.reports.read { connection in
            let calendars = try workflow.calendars.entries(office: office, connection: connection)
            return try Self.rows(from: connection.query(statement(calendars, now)))
        }
    }

    /// Sends `statement` from the event loop when the calendars of `office` are all in memory.
    private func start(
        calendarsOf office: String?, reply: EventedReply, declineEmpty: Bool, _ statement: Statement
    ) {
        let now = workflow.clock.now()
        guard let calendars = workflow.calendars.freshEntries(office: office) else { return reply.decline() }
        workflow.reports.loopDatabase.query(onLoop: statement(calendars, now), reply: reply) { rows in
            do {
                let rows = try Self.rows(from: rows)
                if declineEmpty && rows.isEmpty { return reply.decline() }
                reply.respond(.json(bytes: Self.jsonBytes(rows)))
            } catch {
                reply.decline()
            }
        }
    }

    private func query(office: String?, calendars: [String: CalendarCache.Entry], now: Date) -> PostgresQuery {
        // The office filter is in the text only when there is one. Written as `$n IS NULL OR
        // office = $n`, PostgreSQL's generic plan (from the sixth run of the prepared
        // statement on) guessed a tenth of the tally and sorted 100,000 unfolded deltas instead
        // of hashing them: 100 ms against 25 (EXPLAIN EXECUTE, docs/BENCHMARKS.md).
        let buckets = Self.bucketSums(office.map { office -> PostgresQuery in "WHERE office = \(office)" } ?? "")
        return summed(buckets, calendars: calendars, now: now)
    }

    /// The counts with the session check in the same statement: `session` (the caller's user row,
    /// `UserStore.sessionQuery`) becomes the `caller` CTE, and every scan of the tally sits under
    /// a condition on it alone, which PostgreSQL evaluates once, before the scan ("One-Time
    /// Filter" in EXPLAIN): without a session, or for an agent, the tally is never read
    /// (0.08 ms against 1.6 over the folded bench tally). Without `asked`, one branch serves an
    /// administrator (every office) and the other a supervisor (their own, by the tally's index);
    /// only one can have rows.
    private func query(
        caller session: PostgresQuery, asked: String?, calendars: [String: CalendarCache.Entry], now: Date
    ) -> PostgresQuery {
        let buckets: PostgresQuery
        if let asked {
            buckets = Self.bucketSums(
                """
                WHERE office = \(asked) AND EXISTS (SELECT FROM caller WHERE role = 'admin'
                                                      OR (role = 'supervisor' AND office = \(asked)))
                """)
        } else {
            buckets =
                Self.bucketSums("WHERE EXISTS (SELECT FROM caller WHERE role = 'admin')") + " UNION ALL "
                + Self.bucketSums("WHERE office = (SELECT office FROM caller WHERE role = 'supervisor')")
        }
        return "WITH caller AS MATERIALIZED (\(session)) " + summed(buckets, calendars: calendars, now: now)
    }

    /// The tally's deltas summed per bucket, over the rows `filter` keeps.
    private static func bucketSums(_ filter: PostgresQuery) -> PostgresQuery {
        """
        SELECT office, department, paused, deadline_at, sum(cases) AS cases FROM open_case_tally \(filter)
         GROUP BY office, department, paused, deadline_at
        """
    }

    private func summed(
        _ buckets: PostgresQuery, calendars: [String: CalendarCache.Entry], now: Date
    ) -> PostgresQuery {
        // Due soon ends with each office's next working day, from its calendar; the database
        // gets that horizon per office and sums the tally (Migrations/0008) per department
        // itself, so only the departments' rows come back. The deltas are summed per bucket
        // first (`buckets`), with one sum: classifying every unfolded delta costs half again as
        // much over 100,000 of them (EXPLAIN, TIMING OFF: 28-32 ms against 43-60). The sums
        // equal counting the open cases; an office without a calendar is left out.
        let calendars = calendars.sorted { $0.key < $1.key }
        let offices = calendars.map(\.key)
        let horizons = calendars.map { _, entry in
            let calendar = entry.calendar
            return calendar.endOfDay(calendar.nthWorkingDay(after: calendar.localDate(of: now), n: 1))
        }
        return """
            SELECT t.office, t.department, sum(t.cases)::integer AS open,
                   coalesce(sum(t.cases) FILTER (WHERE t.paused), 0)::integer AS paused,
                   coalesce(sum(t.cases) FILTER (WHERE NOT t.paused AND t.deadline_at <= \(now)), 0)::integer
                       AS overdue,
                   coalesce(sum(t.cases) FILTER (WHERE NOT t.paused AND t.deadline_at > \(now)
                                                  AND t.deadline_at <= h.horizon), 0)::integer AS due_soon
              FROM (\(buckets)) AS t
              JOIN unnest(\(PostgresArray(offices)), \(PostgresArray(horizons))) AS h(office, horizon)
                ON h.office = t.office
             GROUP BY t.office, t.department HAVING sum(t.cases) <> 0
             ORDER BY t.office COLLATE "C", t.department COLLATE "C"
            """
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
