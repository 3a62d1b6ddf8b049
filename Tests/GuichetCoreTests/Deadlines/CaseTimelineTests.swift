import Foundation
import XCTest

@testable import GuichetCore

final class CaseTimelineTests: XCTestCase {
    func testRefusesMalformedTimelines() {
        let at = instant("2026-11-23T09:00:00Z")
        let table: [(String, [DeadlineEvent], TimelineError)] = [
            ("empty", [], .missingSubmission),
            ("starts with a change", [.statusChanged(from: .received, to: .inProgress, at: at)], .missingSubmission),
            ("starts resolved", [.submitted(at: at, initialStatus: .resolved)], .invalidInitialStatus(.resolved)),
            ("registered twice", [.submitted(at: at), .submitted(at: at)], .duplicateSubmission(index: 1)),
            (
                "wrong from", [.submitted(at: at), .statusChanged(from: .inProgress, to: .resolved, at: at)],
                .statusMismatch(index: 1, expected: .received, found: .inProgress)
            ),
            (
                "forbidden move", [.submitted(at: at), .statusChanged(from: .received, to: .closed, at: at)],
                .invalidTransition(index: 1, InvalidTransitionError(from: .received, to: .closed))
            ),
        ]
        for (label, events, expected) in table {
            XCTAssertThrowsError(try CaseTimeline(events), label) {
                XCTAssertEqual($0 as? TimelineError, expected, label)
            }
        }
    }

    /// Append order counts, not timestamps: the test clock may go backwards.
    func testAcceptsTimesGoingBackwards() throws {
        let timeline = try CaseTimeline([
            .submitted(at: instant("2026-11-23T09:00:00Z")),
            .statusChanged(from: .received, to: .inProgress, at: instant("2026-11-20T09:00:00Z")),
        ])
        XCTAssertEqual(timeline.status, .inProgress)
    }
}
