import Foundation
import Postgres

/// Queue fairness: how often a case was answered while an older case of the same office and
/// service still waited.
///
/// Definition. A case *enters* its service's queue when it is received (a petition: when it
/// reaches its threshold) and *leaves* it at its first answer (resolved or rejected) or when it
/// is withdrawn or lapses; an open case has not left. For each answered case A, the cases it
/// *overtook* are those of the same office and service that entered strictly before A and had not
/// left when A was answered (strictly after A's answer instant). A *jumped the queue* when it
/// overtook at least one. Reports give `jumps / answered` and the total of overtaken cases.
///
/// Cost: one query per office reading its cases in service order (index `cases_by_service_received`),
/// then per service a sort and a Fenwick tree over the leave instants: O(n log n), and memory for one
/// service's cases at a time, instead of the O(n²) self-join the definition suggests.
enum QueueFairness {
    /// One case as the queue sees it.
    struct Entry: Sendable {
        var reference: String
        var entered: Date
        /// The first answer, or nil.
        var answered: Date?
        /// When it left the queue (answer, withdrawal, lapse), or nil while it waits.
        var left: Date?
    }

    /// For each answered entry, how many entries it overtook (see the type's definition); pure.
    static func overtaken(_ entries: [Entry]) -> [String: Int] {
        let ordered = entries.sorted { $0.entered < $1.entered }
        let leaves = Array(Set(ordered.compactMap(\.left))).sorted()
        // Ranks 1…m for known leave instants, m + 1 for "still waiting" (after every answer).
        var tree = FenwickTree(size: leaves.count + 1)
        func rank(_ left: Date?) -> Int {
            guard let left else { return leaves.count + 1 }
            return lowerBound(leaves, left) + 1
        }
        var result: [String: Int] = [:]
        var inserted = 0
        var index = 0
        while index < ordered.count {
            // Entries entered at the same instant do not overtake one another: query the whole tie
            // group before inserting any of it.
            var end = index
            while end < ordered.count && ordered[end].entered == ordered[index].entered { end += 1 }
            for entry in ordered[index..<end] {
                guard let answered = entry.answered else { continue }
                // Entered earlier and left at or before the answer: not overtaken.
                let leftByThen = tree.prefixSum(upperBound(leaves, answered))
                result[entry.reference] = inserted - leftByThen
            }
            for entry in ordered[index..<end] {
                tree.add(at: rank(entry.left))
                inserted += 1
            }
            index = end
        }
        return result
    }

    /// The overtaken counts of `office`'s cases received in [`start`, `end`) and answered.
    static func load(office: String, start: Date, end: Date, connection: PostgresConnection) throws -> [String: Int] {
        // Cases that left before `start` cannot be overtaken by one received from `start` on.
        let query: PostgresQuery = """
            SELECT c.reference, c.service, c.received_at, c.first_answered_at,
                   CASE WHEN c.kind = 'petition' THEN
                       (SELECT min(e.at) FROM case_events e
                         WHERE e.office = c.office AND e.reference = c.reference AND e.type = 'status_changed'
                           AND e.from_status = 'collecting_signatures' AND e.to_status = 'received')
                   ELSE c.received_at END AS entered_at,
                   CASE WHEN c.first_answered_at IS NULL AND c.status IN ('withdrawn', 'lapsed') THEN
                       (SELECT min(e.at) FROM case_events e
                         WHERE e.office = c.office AND e.reference = c.reference AND e.type = 'status_changed'
                           AND e.to_status IN ('withdrawn', 'lapsed'))
                   END AS withdrawn_at
              FROM cases c
             WHERE c.office = \(office) AND c.received_at < \(end)
               AND (c.first_answered_at IS NULL OR c.first_answered_at >= \(start))
             ORDER BY c.service, c.received_at
            """
        var result: [String: Int] = [:]
        var service: String?
        var batch: [Entry] = []
        var inRange: Set<String> = []
        func finish() {
            for (reference, count) in overtaken(batch) where inRange.contains(reference) { result[reference] = count }
            batch.removeAll(keepingCapacity: true)
            inRange.removeAll(keepingCapacity: true)
        }
        try connection.forEachRow(query) { row in
            let rowService: String = try row.decode(column: "service")
            if rowService != service {
                finish()
                service = rowService
            }
            // A petition that never reached its threshold never joined the queue.
            guard let entered: Date = try row.decode(column: "entered_at") else { return }
            let reference: String = try row.decode(column: "reference")
            let receivedAt: Date = try row.decode(column: "received_at")
            let answered: Date? = try row.decode(column: "first_answered_at")
            let withdrawn: Date? = try row.decode(column: "withdrawn_at")
            batch.append(Entry(reference: reference, entered: entered, answered: answered, left: answered ?? withdrawn))
            if receivedAt >= start && answered != nil { inRange.insert(reference) }
        }
        finish()
        return result
    }

    /// The first index whose value is not below `value`.
    private static func lowerBound(_ values: [Date], _ value: Date) -> Int {
        var low = 0
        var high = values.count
        while low < high {
            let middle = (low + high) / 2
            if values[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The number of values not above `value`.
    private static func upperBound(_ values: [Date], _ value: Date) -> Int {
        var low = 0
        var high = values.count
        while low < high {
            let middle = (low + high) / 2
            if values[middle] <= value { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

/// Counts per rank with prefix sums in O(log n) (a binary indexed tree).
private struct FenwickTree {
    private var counts: [Int]

    init(size: Int) {
        counts = Array(repeating: 0, count: size + 1)
    }

    /// Adds one at `rank` (1-based).
    mutating func add(at rank: Int) {
        var index = rank
        while index < counts.count {
            counts[index] += 1
            index += index & -index
        }
    }

    /// The total at ranks 1…`rank`.
    func prefixSum(_ rank: Int) -> Int {
        var index = min(rank, counts.count - 1)
        var sum = 0
        while index > 0 {
            sum += counts[index]
            index -= index & -index
        }
        return sum
    }
}
