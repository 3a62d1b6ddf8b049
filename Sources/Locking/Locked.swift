import Foundation

/// A value that several threads share, guarded by a lock that does not hand itself over.
///
/// The standard library's `Mutex` on Linux spins on contention and then blocks on a
/// priority-inheritance futex, which passes the lock straight to the thread that waited: if that
/// thread is not running (this server has more threads than cores), every other thread queues
/// behind it, spinning first. The profile of the tracking look-up at 64 connections showed 4% of
/// the server's time spinning in that slow path and another 5% switching threads for it, on the
/// pool's and the calendar cache's locks. `NSLock` is a plain pthread mutex: a released lock goes
/// to whichever thread asks next, and a waiter sleeps at once instead of spinning.
///
/// `State` must be `Sendable`: what `withLock` returns leaves the lock, and may reach another thread.
public final class Locked<State: Sendable>: @unchecked Sendable {
    @usableFromInline let lock = NSLock()
    @usableFromInline var state: State

    /// Guards `state`.
    public init(_ state: State) {
        self.state = state
    }

    /// Runs `body` with the state, holding the lock: keep it short, and never block inside.
    @inlinable
    public func withLock<Result, Failure: Error>(_ body: (inout State) throws(Failure) -> Result) throws(Failure)
        -> Result
    {
        lock.lock()
        defer { lock.unlock() }
        return try body(&state)
    }
}
