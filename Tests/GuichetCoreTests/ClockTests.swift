import Foundation
import XCTest

@testable import GuichetCore

final class ClockTests: XCTestCase {
    func testTestClockStandsStillUntilSet() {
        let clock = TestClock(instant("2026-11-23T09:00:00Z"))
        XCTAssertEqual(clock.now(), clock.now())
        clock.set(instant("2026-11-20T00:00:00Z"))
        XCTAssertEqual(clock.now(), instant("2026-11-20T00:00:00Z"))
        XCTAssertEqual(clock.advance(by: 3600), instant("2026-11-20T01:00:00Z"))
    }

    func testTestClockIsSafeAcrossThreads() {
        let clock = TestClock(Date(timeIntervalSince1970: 0))
        DispatchQueue.concurrentPerform(iterations: 1000) { _ in clock.advance(by: 1) }
        XCTAssertEqual(clock.now(), Date(timeIntervalSince1970: 1000))
    }

    func testSystemClockMoves() {
        let clock: any GuichetClock = SystemClock()
        XCTAssertLessThan(abs(clock.now().timeIntervalSinceNow), 5)
    }
}
