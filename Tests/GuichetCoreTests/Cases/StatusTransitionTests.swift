import XCTest

@testable import GuichetCore

final class StatusTransitionTests: XCTestCase {
    /// DESIGN.md's table, written out again by hand as (from, to) spellings so the test does not
    /// share a single line with the implementation.
    private let allowed: Set<String> = [
        "received>in_progress", "received>awaiting_citizen", "received>resolved", "received>rejected",
        "received>withdrawn",
        "in_progress>awaiting_citizen", "in_progress>resolved", "in_progress>rejected", "in_progress>withdrawn",
        "awaiting_citizen>in_progress", "awaiting_citizen>resolved", "awaiting_citizen>rejected",
        "awaiting_citizen>withdrawn",
        "resolved>closed", "resolved>in_progress",
        "rejected>closed", "rejected>in_progress",
        "collecting_signatures>received", "collecting_signatures>lapsed", "collecting_signatures>withdrawn",
    ]

    func testEveryPairOfTheGrid() {
        XCTAssertEqual(CaseStatus.allCases.count, 9)
        var allowedSeen = 0
        for from in CaseStatus.allCases {
            for to in CaseStatus.allCases {
                let expected = allowed.contains("\(from.rawValue)>\(to.rawValue)")
                XCTAssertEqual(StatusTransition.canTransition(from: from, to: to), expected, "\(from) → \(to)")
                XCTAssertEqual(from.canTransition(to: to), expected)
                XCTAssertEqual(StatusTransition(from: from, to: to).isAllowed, expected)
                if expected {
                    allowedSeen += 1
                    XCTAssertNoThrow(try StatusTransition.validated(from: from, to: to))
                } else {
                    XCTAssertThrowsError(try StatusTransition.validated(from: from, to: to)) { error in
                        XCTAssertEqual(error as? InvalidTransitionError, InvalidTransitionError(from: from, to: to))
                    }
                }
            }
        }
        XCTAssertEqual(allowedSeen, allowed.count, "every expected transition names real statuses")
    }

    func testTerminalOpenAndMessageFlags() {
        for status in CaseStatus.allCases {
            XCTAssertEqual(
                status.isTerminal, StatusTransition.targets(from: status).isEmpty, "\(status) terminal iff no way out")
        }
        XCTAssertEqual(Set(CaseStatus.allCases.filter(\.isTerminal)), [.closed, .withdrawn, .lapsed])
        XCTAssertEqual(Set(CaseStatus.allCases.filter(\.isOpen)), [.received, .inProgress, .awaitingCitizen])
        XCTAssertEqual(Set(CaseStatus.allCases.filter(\.requiresPublicMessage)), [.resolved, .rejected])
        XCTAssertEqual(Set(CaseStatus.allCases.filter(\.isClockRunning)), [.received, .inProgress])
    }

    func testRawValuesAreTheAPISpellings() {
        XCTAssertEqual(
            CaseStatus.allCases.map(\.rawValue),
            [
                "received", "in_progress", "awaiting_citizen", "resolved", "rejected", "closed", "withdrawn",
                "collecting_signatures", "lapsed",
            ])
        XCTAssertEqual(
            CaseKind.allCases.map(\.rawValue),
            ["application", "complaint", "petition", "information_request", "suggestion"])
        XCTAssertEqual(CaseKind.petition.initialStatus, .collectingSignatures)
        XCTAssertEqual(CaseKind.complaint.initialStatus, .received)
    }

    func testErrorSaysWhatWasRefused() {
        let error = InvalidTransitionError(from: .closed, to: .inProgress)
        XCTAssertEqual(InvalidTransitionError.code, "invalid_transition")
        XCTAssertEqual(error.description, "a case cannot move from closed to in_progress")
        XCTAssertEqual(InvalidTransitionError(from: .resolved, to: .received).allowed, [.inProgress, .closed])
    }
}
