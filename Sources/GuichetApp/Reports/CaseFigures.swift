import Foundation
import GuichetCore

/// The figures of one group of cases (an office, a service, a month…) before publication.
struct CaseFigures: Sendable {
    var received = 0
    var resolved = 0
    var onTime = 0
    var workingDays: [Int] = []
    var ratings: [Int] = []

    /// Adds one case: received at `receivedAt`, first answered at `answeredAt` against `deadlineAt`.
    mutating func add(
        receivedAt: Date, answeredAt: Date?, deadlineAt: Date?, rating: Int?, calendar: WorkingCalendar?
    ) {
        received += 1
        if let answeredAt {
            resolved += 1
            if let deadlineAt, answeredAt < deadlineAt { onTime += 1 }
            if let calendar {
                workingDays.append(
                    calendar.workingDays(
                        after: calendar.localDate(of: receivedAt), through: calendar.localDate(of: answeredAt)))
            }
        }
        if let rating { ratings.append(rating) }
    }

    /// The figures as they may be published under small-count suppression with threshold `k`.
    func published(threshold k: Int) -> PublishedFigures {
        // A count of 1…k-1 could point to one person; 0 cannot, and is published.
        func small(_ count: Int) -> Bool { count > 0 && count < k }
        var out = PublishedFigures()
        if small(received) {
            // The whole group is too small: nothing but the marker, so no figure can be combined
            // with another source to single someone out.
            out.suppressed = [
                "received", "resolved", "on_time", "on_time_rate", "median_working_days",
                "satisfaction", "ratings",
            ]
            return out
        }
        out.received = received
        if small(resolved) { out.suppressed.append("resolved") } else { out.resolved = resolved }
        // The late ones are resolved − on time: a small late count is as telling as a small on-time
        // count, so either withholds both the count and the rate derived from it.
        if out.resolved == nil || small(onTime) || small(resolved - onTime) {
            if resolved > 0 { out.suppressed += ["on_time", "on_time_rate"] }
        } else {
            out.onTime = onTime
            if resolved > 0 { out.onTimeRate = (Double(onTime) / Double(resolved) * 1000).rounded() / 1000 }
        }
        // A median or a mean over fewer than k values is close to one person's own figure.
        if workingDays.count >= k {
            out.medianWorkingDays = Self.median(workingDays)
        } else if !workingDays.isEmpty {
            out.suppressed.append("median_working_days")
        }
        if small(ratings.count) {
            out.suppressed += ["satisfaction", "ratings"]
        } else {
            out.ratings = ratings.count
            if !ratings.isEmpty {
                out.satisfaction = (Double(ratings.reduce(0, +)) / Double(ratings.count) * 100).rounded() / 100
            }
        }
        return out
    }

    static func median(_ values: [Int]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? Double(sorted[middle]) : Double(sorted[middle - 1] + sorted[middle]) / 2
    }
}

/// Figures fit for the public: each is nil when there is nothing to say or when it was withheld,
/// and `suppressed` names the withheld ones.
struct PublishedFigures: Codable, Sendable {
    var received: Int?
    var resolved: Int?
    var onTime: Int?
    var onTimeRate: Double?
    var medianWorkingDays: Double?
    var satisfaction: Double?
    var ratings: Int?
    var suppressed: [String] = []

    /// Writes explicit nulls (a data set keeps one shape per row), unlike the API's usual omission.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(received, forKey: .received)
        try container.encode(resolved, forKey: .resolved)
        try container.encode(onTime, forKey: .onTime)
        try container.encode(onTimeRate, forKey: .onTimeRate)
        try container.encode(medianWorkingDays, forKey: .medianWorkingDays)
        try container.encode(satisfaction, forKey: .satisfaction)
        try container.encode(ratings, forKey: .ratings)
        try container.encode(suppressed, forKey: .suppressed)
    }
}
