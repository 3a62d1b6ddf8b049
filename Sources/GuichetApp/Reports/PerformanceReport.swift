import Foundation
import GuichetCore
import HTTPServer
import Postgres

/// `GET /api/v1/reports/performance`: per service, department or assignee, for cases received in
/// a date range: received, resolved (answered), open, overdue, on-time rate, median working days
/// to the answer, satisfaction, and queue fairness (``QueueFairness``: answered cases that overtook
/// an older waiting case of their service).
struct PerformanceReport: Sendable {
    let workflow: CaseWorkflow

    enum Grouping: String, Sendable {
        case service, department, assignee
    }

    struct Row: Codable, Sendable {
        var office: String
        var group: String
        var received: Int
        var resolved: Int
        var open: Int
        var overdue: Int
        var onTimeRate: Double?
        var medianWorkingDaysToResolution: Double?
        var satisfaction: Double?
        var ratings: Int
        /// Answered cases that overtook at least one older waiting case of their service.
        var queueJumps: Int
        /// `queue_jumps / resolved`.
        var queueJumpRate: Double?
        /// The older waiting cases overtaken, summed over the answered ones.
        var overtakenCases: Int
    }

    struct Report: Codable, Sendable {
        var from: LocalDate
        var to: LocalDate
        var groupBy: String
        var items: [Row]
    }

    func report(office: String?, from: LocalDate, to: LocalDate, grouping: Grouping) throws -> Report {
        let now = workflow.clock.now()
        return try workflow.reports.read { connection in
            var rows: [String: Accumulator] = [:]
            let offices = try CatalogueStore(connection: connection).offices().filter {
                office == nil || $0.code == office
            }
            for officeRecord in offices {
                guard
                    let (_, calendar) = try workflow.calendars.calendar(for: officeRecord.code, connection: connection)
                else { continue }
                // The range is in the office's own days: from its local midnight to the end of `to`.
                let start = calendar.endOfDay(from.adding(days: -1))
                let end = calendar.endOfDay(to)
                let column = grouping.rawValue
                // Read before streaming: the connection is busy while rows flow.
                let overtaken = try QueueFairness.load(
                    office: officeRecord.code, start: start, end: end, connection: connection)
                let query: PostgresQuery = """
                    SELECT coalesce(c.\(unsafeSQL: column), '') AS grp, c.reference, c.status, c.received_at, c.deadline_at,
                           c.first_answered_at, f.rating
                      FROM cases c LEFT JOIN case_feedback f ON f.office = c.office AND f.reference = c.reference
                     WHERE c.office = \(officeRecord.code) AND c.received_at >= \(start) AND c.received_at < \(end)
                    """
                try connection.forEachRow(query) { row in
                    let group: String = try row.decode(column: "grp")
                    let status = CaseStatus(rawValue: try row.decode(column: "status")) ?? .received
                    let receivedAt: Date = try row.decode(column: "received_at")
                    let deadlineAt: Date? = try row.decode(column: "deadline_at")
                    let answeredAt: Date? = try row.decode(column: "first_answered_at")
                    let rating: Int? = try row.decode(column: "rating")
                    let key = officeRecord.code + "\u{1F}" + group
                    var accumulator = rows[key] ?? Accumulator(office: officeRecord.code, group: group)
                    accumulator.received += 1
                    if let answeredAt {
                        accumulator.resolved += 1
                        let jumped = overtaken[try row.decode(String.self, column: "reference")] ?? 0
                        if jumped > 0 { accumulator.jumps += 1 }
                        accumulator.overtaken += jumped
                        if let deadlineAt, answeredAt < deadlineAt { accumulator.onTime += 1 }
                        accumulator.workingDays.append(
                            calendar.workingDays(
                                after: calendar.localDate(of: receivedAt), through: calendar.localDate(of: answeredAt)))
                    }
                    if status.isOpen {
                        accumulator.open += 1
                        if status != .awaitingCitizen, let deadlineAt, deadlineAt <= now { accumulator.overdue += 1 }
                    }
                    if let rating { accumulator.ratings.append(rating) }
                    rows[key] = accumulator
                }
            }
            return Report(
                from: from, to: to, groupBy: grouping.rawValue,
                items: rows.values.sorted { ($0.office, $0.group) < ($1.office, $1.group) }.map(\.row))
        }
    }

    private struct Accumulator {
        let office: String
        let group: String
        var received = 0
        var resolved = 0
        var onTime = 0
        var open = 0
        var overdue = 0
        var workingDays: [Int] = []
        var ratings: [Int] = []
        var jumps = 0
        var overtaken = 0

        var row: Row {
            Row(
                office: office, group: group, received: received, resolved: resolved, open: open, overdue: overdue,
                onTimeRate: resolved == 0 ? nil : (Double(onTime) / Double(resolved) * 1000).rounded() / 1000,
                medianWorkingDaysToResolution: Self.median(workingDays),
                satisfaction: ratings.isEmpty
                    ? nil : (Double(ratings.reduce(0, +)) / Double(ratings.count) * 100).rounded() / 100,
                ratings: ratings.count, queueJumps: jumps,
                queueJumpRate: resolved == 0 ? nil : (Double(jumps) / Double(resolved) * 1000).rounded() / 1000,
                overtakenCases: overtaken)
        }

        static func median(_ values: [Int]) -> Double? {
            guard !values.isEmpty else { return nil }
            let sorted = values.sorted()
            let middle = sorted.count / 2
            return sorted.count % 2 == 1 ? Double(sorted[middle]) : Double(sorted[middle - 1] + sorted[middle]) / 2
        }
    }
}
