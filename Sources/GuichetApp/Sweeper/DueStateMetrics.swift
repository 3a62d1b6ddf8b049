import Foundation
import GuichetCore
import Postgres

/// The deadline figures of `/metrics`: the sweeper's last run and lag, open cases by due state per
/// office, and the age of the oldest overdue case per office.
struct DueStateMetrics: Sendable {
    let workflow: CaseWorkflow
    let sweeper: Sweeper

    func render(into out: inout String) throws {
        let now = workflow.clock.now()
        let stats = sweeper.currentStats
        out += "# HELP guichet_sweeper_runs_total Completed sweeps in this instance.\n"
        out += "# TYPE guichet_sweeper_runs_total counter\n"
        out += "guichet_sweeper_runs_total \(stats.runs)\n"
        out += "# HELP guichet_sweeper_last_run_timestamp_seconds When the last sweep started (Unix time).\n"
        out += "# TYPE guichet_sweeper_last_run_timestamp_seconds gauge\n"
        out += "guichet_sweeper_last_run_timestamp_seconds \(Int(stats.lastRun?.timeIntervalSince1970 ?? 0))\n"
        out += "# HELP guichet_sweeper_lag_seconds Seconds since the last sweep started (alert when well over 60).\n"
        out += "# TYPE guichet_sweeper_lag_seconds gauge\n"
        out += "guichet_sweeper_lag_seconds \(Int(stats.lastRun.map { Date().timeIntervalSince($0) } ?? -1))\n"
        out += "# HELP guichet_sweeper_last_duration_seconds How long the last sweep took.\n"
        out += "# TYPE guichet_sweeper_last_duration_seconds gauge\n"
        out += "guichet_sweeper_last_duration_seconds \(stats.lastDuration)\n"
        out += "# HELP guichet_sweeper_events_total due_soon and escalated events this instance recorded.\n"
        out += "# TYPE guichet_sweeper_events_total counter\n"
        out += "guichet_sweeper_events_total{type=\"due_soon\"} \(stats.dueSoonRecorded)\n"
        out += "guichet_sweeper_events_total{type=\"escalated\"} \(stats.escalationsRecorded)\n"

        var states = ""
        var oldest = ""
        try workflow.database.read { connection in
            for office in try CatalogueStore(connection: connection).offices() {
                guard let (_, calendar) = try workflow.calendars.calendar(for: office.code, connection: connection)
                else {
                    continue
                }
                let horizon = calendar.endOfDay(calendar.nthWorkingDay(after: calendar.localDate(of: now), n: 1))
                let row = try connection.query(
                    """
                    SELECT count(*) FILTER (WHERE paused) AS paused,
                           count(*) FILTER (WHERE NOT paused AND deadline_at <= \(now)) AS overdue,
                           count(*) FILTER (WHERE NOT paused AND deadline_at > \(now) AND deadline_at <= \(horizon)) AS due_soon,
                           count(*) FILTER (WHERE NOT paused AND deadline_at > \(horizon)) AS on_time,
                           min(deadline_at) FILTER (WHERE NOT paused AND deadline_at <= \(now)) AS oldest
                      FROM cases
                     WHERE office = \(office.code) AND status IN ('received', 'in_progress', 'awaiting_citizen')
                    """)[0]
                for state in ["paused", "overdue", "due_soon", "on_time"] {
                    let count: Int = try row.decode(column: state)
                    states += "guichet_open_cases{office=\"\(office.code)\",due_state=\"\(state)\"} \(count)\n"
                }
                let oldestDeadline: Date? = try row.decode(column: "oldest")
                let age = oldestDeadline.map { max(0, now.timeIntervalSince($0)) } ?? 0
                oldest += "guichet_oldest_overdue_age_seconds{office=\"\(office.code)\"} \(Int(age))\n"
            }
        }
        out += "# HELP guichet_open_cases Open cases by office and due state.\n"
        out += "# TYPE guichet_open_cases gauge\n"
        out += states
        out += "# HELP guichet_oldest_overdue_age_seconds Time since the deadline of the oldest overdue open case.\n"
        out += "# TYPE guichet_oldest_overdue_age_seconds gauge\n"
        out += oldest
    }
}
