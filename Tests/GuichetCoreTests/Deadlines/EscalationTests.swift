import XCTest

@testable import GuichetCore

final class EscalationTests: XCTestCase {
    func testEachEventOncePerDeadline() {
        let table: [(String, DueState, Set<Escalation>, [Escalation])] = [
            ("on time", .onTime, [], []),
            ("becomes due soon", .dueSoon, [], [.dueSoon]),
            ("still due soon", .dueSoon, [.dueSoon], []),
            ("becomes overdue", .overdue, [.dueSoon], [.escalated]),
            ("jumps to overdue", .overdue, [], [.escalated]),
            ("still overdue", .overdue, [.dueSoon, .escalated], []),
            ("paused", .paused, [], []),
            ("met", .met, [], []),
            ("missed", .missed, [], []),
            ("withdrawn", .none, [], []),
        ]
        for (label, state, recorded, expected) in table {
            XCTAssertEqual(Escalation.events(for: DueStatus(state: state), alreadyRecorded: recorded), expected, label)
        }
    }
}
