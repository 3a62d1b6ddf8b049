import Foundation
import GuichetCore
import HTTPServer
import Postgres

/// `GET /api/v1/stats/{office}`: an office's record over the last 12 months (by the office-local
/// month of receipt, the current month included): per service and month the on-time rate, per
/// service satisfaction and queue fairness, and the office's totals. The same small-count
/// suppression as the open data applies, so the page can be public.
struct PublicStatistics: Sendable {
    let workflow: CaseWorkflow
    let threshold: Int

    /// Queue fairness as published (``QueueFairness``).
    struct Fairness: Codable, Sendable {
        var answered: Int?
        var queueJumps: Int?
        var queueJumpRate: Double?
        var overtakenCases: Int?
        var suppressed: Bool

        init(answered: Int, jumps: Int, overtaken: Int, threshold k: Int) {
            // Too few answers, or a handful of jumps, would let a reader point at one case.
            guard answered >= k || answered == 0, jumps == 0 || jumps >= k else {
                suppressed = true
                return
            }
            suppressed = false
            self.answered = answered
            queueJumps = jumps
            overtakenCases = overtaken
            queueJumpRate = answered == 0 ? nil : (Double(jumps) / Double(answered) * 1000).rounded() / 1000
        }
    }

    /// One month of a service: the month, then the figures flat beside it.
    struct Month: Encodable, Sendable {
        var month: String
        var figures: PublishedFigures

        private enum CodingKeys: String, CodingKey { case month }

        func encode(to encoder: any Encoder) throws {
            try figures.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(month, forKey: .month)
        }
    }

    struct ServiceStatistics: Encodable, Sendable {
        var service: String
        var kind: String
        var name: Trilingual?
        var months: [Month]
        var total: PublishedFigures
        var fairness: Fairness
    }

    struct Statistics: Encodable, Sendable {
        var office: String
        var suppressionThreshold: Int
        var fromMonth: String
        var toMonth: String
        var totals: PublishedFigures
        var fairness: Fairness
        var services: [ServiceStatistics]
    }

    func statistics(office code: String) throws -> Statistics {
        let now = workflow.clock.now()
        return try workflow.reports.read { connection in
            guard let (_, calendar) = try workflow.calendars.calendar(for: code, connection: connection) else {
                throw Problems.notFound("office")
            }
            let today = calendar.localDate(of: now)
            var months: [String] = []
            var year = today.year
            var month = today.month
            for _ in 0..<12 {
                months.insert(Self.monthText(year: year, month: month), at: 0)
                (year, month) = month == 1 ? (year - 1, 12) : (year, month - 1)
            }
            let (firstYear, firstMonth) = month == 12 ? (year + 1, 1) : (year, month + 1)
            guard let firstDay = LocalDate(year: firstYear, month: firstMonth, day: 1) else {
                throw Problems.notFound("office")
            }
            let start = calendar.endOfDay(firstDay.adding(days: -1))
            let end = now.addingTimeInterval(1)
            let catalogue = try CatalogueStore(connection: connection).services(office: code, kind: nil)
            let overtaken = try QueueFairness.load(office: code, start: start, end: end, connection: connection)

            var perMonth: [String: [String: CaseFigures]] = [:]
            var perService: [String: CaseFigures] = [:]
            var kinds: [String: String] = [:]
            var jumps: [String: (jumps: Int, overtaken: Int)] = [:]
            var totals = CaseFigures()
            let query: PostgresQuery = """
                SELECT c.reference, c.service, c.kind, c.received_at, c.deadline_at, c.first_answered_at, f.rating
                  FROM cases c
                  LEFT JOIN case_feedback f ON f.office = c.office AND f.reference = c.reference
                 WHERE c.office = \(code) AND c.received_at >= \(start) AND c.received_at < \(end)
                """
            try connection.forEachRow(query) { row in
                let service: String = try row.decode(column: "service")
                let receivedAt: Date = try row.decode(column: "received_at")
                let answeredAt: Date? = try row.decode(column: "first_answered_at")
                let deadlineAt: Date? = try row.decode(column: "deadline_at")
                let rating: Int? = try row.decode(column: "rating")
                let local = calendar.localDate(of: receivedAt)
                let month = Self.monthText(year: local.year, month: local.month)
                kinds[service] = try row.decode(column: "kind")
                perMonth[service, default: [:]][month, default: CaseFigures()].add(
                    receivedAt: receivedAt, answeredAt: answeredAt, deadlineAt: deadlineAt, rating: rating,
                    calendar: calendar)
                perService[service, default: CaseFigures()].add(
                    receivedAt: receivedAt, answeredAt: answeredAt, deadlineAt: deadlineAt, rating: rating,
                    calendar: calendar)
                totals.add(
                    receivedAt: receivedAt, answeredAt: answeredAt, deadlineAt: deadlineAt, rating: rating,
                    calendar: calendar)
                if answeredAt != nil, let count = overtaken[try row.decode(String.self, column: "reference")] {
                    jumps[service, default: (0, 0)].jumps += count > 0 ? 1 : 0
                    jumps[service, default: (0, 0)].overtaken += count
                }
            }
            var names: [String: Trilingual] = [:]
            for service in catalogue {
                names[service.code] = service.name
                kinds[service.code] = kinds[service.code] ?? service.kind.rawValue
            }
            let services = kinds.keys.sorted().map { service in
                let figures = perService[service] ?? CaseFigures()
                let fairness = jumps[service] ?? (0, 0)
                return ServiceStatistics(
                    service: service, kind: kinds[service] ?? "", name: names[service],
                    months: months.map { month in
                        Month(
                            month: month,
                            figures: (perMonth[service]?[month] ?? CaseFigures()).published(threshold: threshold))
                    },
                    total: figures.published(threshold: threshold),
                    fairness: Fairness(
                        answered: figures.resolved, jumps: fairness.jumps, overtaken: fairness.overtaken,
                        threshold: threshold))
            }
            let allJumps = jumps.values.reduce(0) { $0 + $1.jumps }
            let allOvertaken = jumps.values.reduce(0) { $0 + $1.overtaken }
            return Statistics(
                office: code, suppressionThreshold: threshold, fromMonth: months[0], toMonth: months[11],
                totals: totals.published(threshold: threshold),
                fairness: Fairness(
                    answered: totals.resolved, jumps: allJumps, overtaken: allOvertaken, threshold: threshold),
                services: services)
        }
    }

    static func monthText(year: Int, month: Int) -> String {
        "\(year)-\(month < 10 ? "0" : "")\(month)"
    }
}
