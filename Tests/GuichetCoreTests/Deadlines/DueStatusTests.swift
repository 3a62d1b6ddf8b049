import Foundation
import XCTest

@testable import GuichetCore

final class DueStatusTests: XCTestCase {
    private let calculator = makeCalculator()

    private func due(_ events: [DeadlineEvent], now: String, file: StaticString = #filePath, line: UInt = #line)
        -> DueStatus?
    {
        do {
            let state = try calculator.state(of: makeTimeline(events, file: file, line: line))
            return calculator.dueStatus(of: state, now: instant(now, file: file, line: line))
        } catch {
            XCTFail("\(error)", file: file, line: line)
            return nil
        }
    }

    /// Submitted Mon 23 Nov 2026 in Tunis: deadline Thu 26, ending 2026-11-26T23:00Z.
    private let monday: [DeadlineEvent] = [.submitted(at: instant("2026-11-23T09:00:00Z"))]
    /// Submitted Tue 24 Nov: deadline Fri 27, so the weekend follows it.
    private let tuesday: [DeadlineEvent] = [.submitted(at: instant("2026-11-24T09:00:00Z"))]

    func testOpenCases() {
        let table: [(String, [DeadlineEvent], String, DueState, Int)] = [
            ("plenty of time", monday, "2026-11-23T10:00:00Z", .onTime, 0),
            ("two days left", monday, "2026-11-24T10:00:00Z", .onTime, 0),
            ("deadline is the next working day", monday, "2026-11-25T10:00:00Z", .dueSoon, 0),
            ("deadline is today", monday, "2026-11-26T10:00:00Z", .dueSoon, 0),
            ("last second", monday, "2026-11-26T22:59:59Z", .dueSoon, 0),
            ("deadline_at reached", monday, "2026-11-26T23:00:00Z", .overdue, 1),
            ("next day", monday, "2026-11-27T10:00:00Z", .overdue, 1),
            ("weekend after a Friday deadline", tuesday, "2026-11-28T10:00:00Z", .overdue, 0),
            ("Sunday after a Friday deadline", tuesday, "2026-11-29T22:00:00Z", .overdue, 0),
            ("Monday after a Friday deadline", tuesday, "2026-11-29T23:00:00Z", .overdue, 1),
            ("over the holiday", monday, "2026-12-18T10:00:00Z", .overdue, 15),
            ("Thursday, deadline Friday", tuesday, "2026-11-26T10:00:00Z", .dueSoon, 0),
        ]
        for (label, events, now, state, days) in table {
            XCTAssertEqual(due(events, now: now), DueStatus(state: state, daysOverdue: days), label)
        }
    }

    func testDueSoonAcrossTheWeekend() {
        // Submitted Wed 25: deadline Mon 30. On Saturday the next working day is Monday.
        let events: [DeadlineEvent] = [.submitted(at: instant("2026-11-25T09:00:00Z"))]
        XCTAssertEqual(due(events, now: "2026-11-27T10:00:00Z")?.state, .dueSoon)
        XCTAssertEqual(due(events, now: "2026-11-28T10:00:00Z")?.state, .dueSoon)
        XCTAssertEqual(due(events, now: "2026-11-26T10:00:00Z")?.state, .onTime)
    }

    func testPaused() {
        let events =
            monday + [.statusChanged(from: .received, to: .awaitingCitizen, at: instant("2026-11-24T10:00:00Z"))]
        XCTAssertEqual(due(events, now: "2026-12-20T10:00:00Z"), DueStatus(state: .paused))
    }

    func testMetAndMissed() {
        let resolvedInTime =
            monday + [.statusChanged(from: .received, to: .resolved, at: instant("2026-11-26T22:59:59Z"))]
        XCTAssertEqual(due(resolvedInTime, now: "2027-01-10T10:00:00Z"), DueStatus(state: .met))
        let rejectedLate =
            monday + [.statusChanged(from: .received, to: .rejected, at: instant("2026-11-30T10:00:00Z"))]
        XCTAssertEqual(due(rejectedLate, now: "2027-01-10T10:00:00Z"), DueStatus(state: .missed, daysOverdue: 2))
        let justLate = monday + [.statusChanged(from: .received, to: .resolved, at: instant("2026-11-26T23:00:00Z"))]
        XCTAssertEqual(due(justLate, now: "2026-11-27T10:00:00Z")?.state, .missed)
        // Closing keeps the judgement; a later answer after reopening does not change it.
        let closed =
            resolvedInTime + [.statusChanged(from: .resolved, to: .closed, at: instant("2026-12-10T10:00:00Z"))]
        XCTAssertEqual(due(closed, now: "2027-01-10T10:00:00Z")?.state, .met)
        let reopenedLate =
            rejectedLate + [
                .statusChanged(from: .rejected, to: .inProgress, at: instant("2026-12-01T10:00:00Z")),
                .statusChanged(from: .inProgress, to: .resolved, at: instant("2026-12-02T10:00:00Z")),
                .statusChanged(from: .resolved, to: .closed, at: instant("2026-12-03T10:00:00Z")),
            ]
        XCTAssertEqual(due(reopenedLate, now: "2027-01-10T10:00:00Z")?.state, .missed)
        // While reopened the case is open again, against its deadline.
        let reopened =
            resolvedInTime + [.statusChanged(from: .resolved, to: .inProgress, at: instant("2026-11-30T10:00:00Z"))]
        XCTAssertEqual(due(reopened, now: "2026-11-30T11:00:00Z")?.state, .overdue)
    }

    func testNone() {
        let withdrawn = monday + [.statusChanged(from: .received, to: .withdrawn, at: instant("2026-11-24T10:00:00Z"))]
        XCTAssertEqual(due(withdrawn, now: "2026-12-20T10:00:00Z"), DueStatus(state: .none))
        let petition: [DeadlineEvent] = [
            .submitted(at: instant("2026-11-02T09:00:00Z"), initialStatus: .collectingSignatures)
        ]
        XCTAssertEqual(due(petition, now: "2026-12-20T10:00:00Z"), DueStatus(state: .none))
        let lapsed =
            petition + [.statusChanged(from: .collectingSignatures, to: .lapsed, at: instant("2026-12-02T10:00:00Z"))]
        XCTAssertEqual(due(lapsed, now: "2026-12-20T10:00:00Z"), DueStatus(state: .none))
    }

    func testEncodesTheAPIFields() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(DueStatus(state: .dueSoon)), as: UTF8.self)
        XCTAssertEqual(json, #"{"days_overdue":0,"due_state":"due_soon"}"#)
        XCTAssertEqual(
            DueState.allCases.map(\.rawValue), ["paused", "overdue", "due_soon", "on_time", "met", "missed", "none"])
    }
}
