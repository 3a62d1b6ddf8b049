import Foundation
import XCTest

@testable import GuichetApp

/// The tracking look-up aggregates a case's events without `ORDER BY` (nine sorts saved per
/// look-up); the timeline it rebuilds must still be in seq order whatever order the rows came in.
final class TimelineOrderTests: XCTestCase {
    private func events(_ seqs: [Int]) -> [CaseEvent] {
        seqs.map { seq in
            CaseEvent(
                seq: seq, at: Date(timeIntervalSince1970: Double(seq)), actor: "a", type: "note", fromStatus: nil,
                toStatus: nil, isPublic: true, publicMessage: "event \(seq)", data: [:])
        }
    }

    func testOutOfOrderRowsAreSortedBySeq() {
        let sorted = CaseStore.inSeqOrder(events([3, 1, 4, 2, 5]))
        XCTAssertEqual(sorted.map(\.seq), [1, 2, 3, 4, 5])
        // Each event keeps its own fields: the arrays were aligned, the order alone was wrong.
        XCTAssertEqual(sorted.map(\.publicMessage), (1...5).map { "event \($0)" })
    }

    func testOrderedAndShortTimelinesAreKept() {
        XCTAssertEqual(CaseStore.inSeqOrder(events([1, 2, 7])).map(\.seq), [1, 2, 7])
        XCTAssertEqual(CaseStore.inSeqOrder(events([4])).map(\.seq), [4])
        XCTAssertEqual(CaseStore.inSeqOrder([]).map(\.seq), [])
    }

    /// The benchmark compares Guichet with pgbench and the peer running the same statement: its
    /// copy must carry the timeline subquery Guichet sends, word for word.
    func testTheBenchStatementCarriesTheSameTimeline() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let bench = try String(
            contentsOf: root.appendingPathComponent("scripts/bench/track_statement.sql"), encoding: .utf8)
        func words(_ text: String) -> String { text.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        XCTAssertTrue(words(bench).contains(words(CaseStore.timelineArrays)), "track_statement.sql drifted")
    }
}
