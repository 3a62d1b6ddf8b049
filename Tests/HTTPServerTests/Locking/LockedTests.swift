import Foundation
import Locking
import XCTest

final class LockedTests: XCTestCase {
    /// Eight threads (more than this machine's cores, as the server runs) each add 20,000 times:
    /// a lost update would show in the total.
    func testConcurrentUpdatesAreNotLost() {
        let counter = Locked(0)
        let threads = 8
        let rounds = 20_000
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            for _ in 0..<rounds { counter.withLock { $0 += 1 } }
        }
        XCTAssertEqual(counter.withLock { $0 }, threads * rounds)
    }

    /// A body's error leaves through `withLock` with the lock released and the state as the
    /// body left it.
    func testAThrowingBodyReleasesTheLock() {
        struct Refused: Error {}
        let state = Locked([1])
        XCTAssertThrowsError(
            try state.withLock { (values: inout [Int]) throws(Refused) in
                values.append(2)
                throw Refused()
            })
        XCTAssertEqual(state.withLock { $0 }, [1, 2])
    }
}
