import Foundation
import GuichetCore
import Postgres

/// `GET /api/v1/reports/departments`: open, overdue and due-soon counts per department — the
/// supervisors' dashboard at a glance, one indexed aggregate per office.
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
                let rows = try connection.query(
                    """
                    SELECT department, count(*) AS open,
                           count(*) FILTER (WHERE paused) AS paused,
                           count(*) FILTER (WHERE NOT paused AND deadline_at <= \(now)) AS overdue,
                           count(*) FILTER (WHERE NOT paused AND deadline_at > \(now) AND deadline_at <= \(horizon)) AS due_soon
                      FROM cases
                     WHERE office = \(officeRecord.code) AND status IN ('received', 'in_progress', 'awaiting_citizen')
                     GROUP BY department ORDER BY department
                    """)
                for row in rows {
                    result.append(
                        Row(
                            office: officeRecord.code, department: try row.decode(column: "department"),
                            open: try row.decode(column: "open"), paused: try row.decode(column: "paused"),
                            overdue: try row.decode(column: "overdue"), dueSoon: try row.decode(column: "due_soon")))
                }
            }
            return result
        }
    }
}
