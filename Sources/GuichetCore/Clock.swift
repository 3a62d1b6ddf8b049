import Foundation
import Locking

/// Where the domain and the server read the current time; injected so tests and the server's
/// `--test-clock` mode control it. Named to avoid Swift's own `Clock` protocol.
public protocol GuichetClock: Sendable {
    /// The current instant.
    func now() -> Date
}

/// The real wall clock.
public struct SystemClock: GuichetClock {
    /// Makes the system clock.
    public init() {}

    /// The current instant from the system.
    public func now() -> Date { Date() }
}

/// A clock that stands still at a settable instant: tests, and the server's simulated time
/// (`PUT /api/v1/test/clock`). Safe to share between threads.
public final class TestClock: GuichetClock {
    private let current: Locked<Date>

    /// Makes a clock standing at `start`.
    public init(_ start: Date) {
        current = Locked(start)
    }

    /// The instant the clock stands at.
    public func now() -> Date {
        current.withLock { $0 }
    }

    /// Moves the clock to `instant`, earlier or later.
    public func set(_ instant: Date) {
        current.withLock { $0 = instant }
    }

    /// Moves the clock by `interval` seconds and returns the new instant.
    @discardableResult
    public func advance(by interval: TimeInterval) -> Date {
        current.withLock {
            $0 += interval
            return $0
        }
    }
}
