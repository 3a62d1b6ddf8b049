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
            var result: [Row] = []
            for officeRecord in try CatalogueStore(connection: connection).offices()
            where office == nil || officeRecord.code == office {
                guard
                    let (_, calendar) = try workflow.calendars.calendar(for: officeRecord.code, connection: connection)
                else { continue }
                let horizon = calendar.endOfDay(calendar.nthWorkingDay(after: calendar.localDate(of: now), n: 1))
                // The buckets of the tally (Migrations/0008), classified here because overdue and
                // due soon depend on now; the sums equal counting the open cases themselves.
                let buckets = try connection.query(
                    """
                    SELECT department, paused, deadline_at, sum(cases)::integer AS cases
                      FROM open_case_tally WHERE office = \(officeRecord.code)
                     GROUP BY department, paused, deadline_at HAVING sum(cases) <> 0
                    """)
                var rows: [String: Row] = [:]
                for bucket in buckets {
                    let department: String = try bucket.decode(column: "department")
                    let cases: Int = try bucket.decode(column: "cases")
                    let paused: Bool = try bucket.decode(column: "paused")
                    let deadlineAt: Date? = try bucket.decode(column: "deadline_at")
                    var row =
                        rows[department]
                        ?? Row(
                            office: officeRecord.code, department: department, open: 0, paused: 0, overdue: 0,
                            dueSoon: 0)
                    row.open += cases
                    if paused {
                        row.paused += cases
                    } else if let deadlineAt, deadlineAt <= now {
                        row.overdue += cases
                    } else if let deadlineAt, deadlineAt <= horizon {
                        row.dueSoon += cases
                    }
                    rows[department] = row
                }
                result += rows.values.filter { $0.open != 0 }.sorted { $0.department < $1.department }
            }
            return result
        }
    }

    /// Folds the tally's deltas into one row per bucket (the sweeper, every minute). Deleting and
    /// re-inserting in one statement keeps every sum: rows appended meanwhile are not seen and stay.
    static func foldTally(connection: PostgresConnection) throws {
        try connection.execute(
            """
            WITH folded AS (DELETE FROM open_case_tally RETURNING office, department, paused, deadline_at, cases)
            INSERT INTO open_case_tally (office, department, paused, deadline_at, cases)
            SELECT office, department, paused, deadline_at, sum(cases) FROM folded
             GROUP BY office, department, paused, deadline_at HAVING sum(cases) <> 0
            """)
    }
}
