import Foundation
import GuichetCore
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
            // The buckets of the tally (Migrations/0008) in one statement for every office asked,
            // classified here because overdue and due soon depend on now and on each office's
            // calendar; the sums equal counting the open cases themselves.
            let buckets = try connection.query(
                """
                SELECT office, department, paused, deadline_at, sum(cases)::integer AS cases
                  FROM open_case_tally WHERE \(office)::text IS NULL OR office = \(office)
                 GROUP BY office, department, paused, deadline_at HAVING sum(cases) <> 0
                """)
            var horizons: [String: Date] = [:]
            var rows: [String: Row] = [:]
            for bucket in buckets {
                let officeCode: String = try bucket.decode(column: "office")
                let department: String = try bucket.decode(column: "department")
                let cases: Int = try bucket.decode(column: "cases")
                let paused: Bool = try bucket.decode(column: "paused")
                let deadlineAt: Date? = try bucket.decode(column: "deadline_at")
                if horizons[officeCode] == nil {
                    guard let (_, calendar) = try workflow.calendars.calendar(for: officeCode, connection: connection)
                    else { continue }
                    horizons[officeCode] = calendar.endOfDay(
                        calendar.nthWorkingDay(after: calendar.localDate(of: now), n: 1))
                }
                let horizon = horizons[officeCode] ?? now
                let key = officeCode + "\u{1F}" + department
                var row =
                    rows[key]
                    ?? Row(office: officeCode, department: department, open: 0, paused: 0, overdue: 0, dueSoon: 0)
                row.open += cases
                if paused {
                    row.paused += cases
                } else if let deadlineAt, deadlineAt <= now {
                    row.overdue += cases
                } else if let deadlineAt, deadlineAt <= horizon {
                    row.dueSoon += cases
                }
                rows[key] = row
            }
            return rows.values.filter { $0.open != 0 }.sorted {
                ($0.office, $0.department) < ($1.office, $1.department)
            }
        }
    }

    /// Folds the tally's deltas into one row per bucket (the sweeper, every minute), keeping every
    /// sum: `fold_open_case_tally()` of Migrations/0009, which the benchmark runs too.
    static func foldTally(connection: PostgresConnection) throws {
        try connection.execute("SELECT fold_open_case_tally()")
    }
}
