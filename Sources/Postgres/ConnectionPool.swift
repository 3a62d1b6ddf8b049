import Dispatch
import Locking

/// A bounded pool of `PostgresConnection`s for synchronous handlers on worker threads.
///
/// - Connections are opened lazily, up to `size`.
/// - When all are checked out, a caller waits (first come, first served) up to
///   `checkoutTimeout`, then gets `.poolTimeout`.
/// - A connection that is broken when returned, or found closed by the server when taken from
///   the idle list, is discarded and its slot reused for a fresh connection.
/// - When the database is unreachable, a failed connect is remembered for `failureCooldown`
///   (a small circuit breaker): checkouts needing a new connection fail at once with
///   `.unavailable` instead of each waiting for a connect timeout. Recovery needs no restart:
///   the first checkout after the cooldown tries again.
public final class ConnectionPool: Sendable {
    /// A snapshot of the pool, for `/metrics`.
    public struct Stats: Sendable, Hashable {
        /// The maximum number of connections.
        public var size: Int
        /// Connections open or being opened.
        public var open: Int
        /// Connections checked out.
        public var inUse: Int
        /// Callers waiting for a connection.
        public var waiting: Int
        /// Checkouts that gave up after `checkoutTimeout`, since the pool was created.
        public var timeouts: Int
        /// Connects that failed, since the pool was created.
        public var connectFailures: Int
    }

    /// What a waiting caller is handed: a connection, or a free slot to open one in.
    private enum Grant {
        case connection(PostgresConnection)
        case slot
    }

    /// One blocked caller, or one event loop's statement waiting without blocking (`lend`).
    /// `grant` is written and read under the pool's lock only; the semaphore wakes a blocked
    /// caller once it is set, and `lent` is called (outside the lock) for a waiting loop instead.
    private final class Waiter: @unchecked Sendable {
        var grant: Grant?
        let wakeUp = DispatchSemaphore(value: 0)
        let lent: (@Sendable (PostgresConnection?) -> Void)?

        init(lent: (@Sendable (PostgresConnection?) -> Void)? = nil) {
            self.lent = lent
        }
    }

    /// What `lend` did.
    public enum Lending: Sendable {
        /// An idle connection, lent at once.
        case lent(PostgresConnection)
        /// None is idle: the closure gets one when it is given back, in turn with blocked callers.
        case queued
        /// Take the blocking path instead: the pool is closed, or has a free slot to open a
        /// connection into, which only the blocking path does.
        case refused
    }

    private struct State {
        var idle: [PostgresConnection] = []
        var open = 0
        var inUse = 0
        var waiters: [Waiter] = []
        var lastConnectFailure: ContinuousClock.Instant?
        var closed = false
        var timeouts = 0
        var connectFailures = 0

        /// An idle connection, counted as in use from now on.
        mutating func takeIdle() -> PostgresConnection? {
            guard let connection = idle.popLast() else { return nil }
            inUse += 1
            return connection
        }
    }

    private let url: String
    private let size: Int
    private let checkoutTimeout: Duration
    private let connectTimeout: Duration
    private let failureCooldown: Duration
    private let state = Locked(State())

    /// A pool of at most `size` connections to `url`.
    ///
    /// `connectTimeout` bounds each connect (libpq rounds it up to 2 s); `failureCooldown` is how
    /// long a failed connect makes new-connection checkouts fail fast with `.unavailable`.
    public init(
        url: String,
        size: Int,
        checkoutTimeout: Duration,
        connectTimeout: Duration = .seconds(5),
        failureCooldown: Duration = .seconds(1)
    ) {
        self.url = url
        self.size = max(1, size)
        self.checkoutTimeout = checkoutTimeout
        self.connectTimeout = connectTimeout
        self.failureCooldown = failureCooldown
    }

    /// The current counts.
    public var stats: Stats {
        state.withLock {
            Stats(
                size: size, open: $0.open, inUse: $0.inUse, waiting: $0.waiters.count,
                timeouts: $0.timeouts, connectFailures: $0.connectFailures)
        }
    }

    /// Checks a connection out, runs `body` with it, and returns it (or discards it if broken).
    ///
    /// Throws `.poolTimeout`, `.unavailable` (a connect failed now or within the cooldown) or
    /// `.poolClosed` before `body` runs, and whatever `body` throws.
    public func withConnection<Result>(_ body: (PostgresConnection) throws -> Result) throws -> Result {
        let connection = try checkout()
        defer { checkin(connection) }
        return try body(connection)
    }

    /// Closes the idle connections and refuses further checkouts with `.poolClosed`;
    /// connections in use are closed when they come back.
    public func close() {
        let (idle, waiters) = state.withLock { state -> ([PostgresConnection], [Waiter]) in
            state.closed = true
            let idle = state.idle
            let waiters = state.waiters
            state.open -= idle.count
            state.idle.removeAll()
            state.waiters.removeAll()
            return (idle, waiters)
        }
        _ = idle  // closed (PQfinish) as the array is released, outside the lock
        for waiter in waiters {
            waiter.wakeUp.signal()
            waiter.lent?(nil)
        }
    }

    // MARK: - Checkout and checkin

    private func checkout() throws(PostgresError) -> PostgresConnection {
        switch try acquire() {
        case .connection(let connection):
            // An idle connection may have been closed by a server restart; a zero-timeout poll
            // finds out without a round trip. Its slot is kept and filled with a new connection.
            if connection.isAliveWhenIdle() { return connection }
            return try openConnection()
        case .slot:
            return try openConnection()
        }
    }

    /// Takes an idle connection or a free slot, or waits for one to be handed over.
    private func acquire() throws(PostgresError) -> Grant {
        let immediate = state.withLock { state -> Result<Grant, PostgresError>? in
            if state.closed { return .failure(PostgresError(.poolClosed)) }
            if let connection = state.takeIdle() { return .success(.connection(connection)) }
            if state.open < size {
                state.open += 1
                state.inUse += 1
                return .success(.slot)
            }
            return nil
        }
        if let immediate { return try immediate.get() }
        return try wait()
    }

    private func wait() throws(PostgresError) -> Grant {
        let waiter = Waiter()
        let handed = state.withLock { state -> Result<Grant, PostgresError>? in
            // Re-check under the lock: a connection may have come back in between.
            if state.closed { return .failure(PostgresError(.poolClosed)) }
            if let connection = state.takeIdle() { return .success(.connection(connection)) }
            state.waiters.append(waiter)
            return nil
        }
        if let handed { return try handed.get() }

        let seconds =
            Double(checkoutTimeout.components.seconds)
            + Double(checkoutTimeout.components.attoseconds) / 1e18
        _ = waiter.wakeUp.wait(timeout: .now() + seconds)
        let outcome = state.withLock { state -> Result<Grant, PostgresError> in
            if let grant = waiter.grant { return .success(grant) }
            // Timed out (or the pool closed): leave the queue so no grant is lost to us.
            state.waiters.removeAll { $0 === waiter }
            if state.closed { return .failure(PostgresError(.poolClosed)) }
            state.timeouts += 1
            return .failure(PostgresError(.poolTimeout))
        }
        return try outcome.get()
    }

    /// Opens a connection in a reserved slot, unless a recent failure says not to try yet.
    private func openConnection() throws(PostgresError) -> PostgresConnection {
        let cooling = state.withLock { state in
            state.lastConnectFailure.map { ContinuousClock.now - $0 < failureCooldown } ?? false
        }
        if cooling {
            releaseSlot()
            throw PostgresError(.unavailable)
        }
        do {
            let connection = try PostgresConnection(url: url, connectTimeout: connectTimeout)
            state.withLock { $0.lastConnectFailure = nil }
            return connection
        } catch {
            state.withLock {
                $0.lastConnectFailure = .now
                $0.connectFailures += 1
            }
            releaseSlot()
            // To a caller the database is unavailable whatever the reason; libpq's reason (refused,
            // authentication, timeout) stays in `serverMessage` for the operator's log.
            throw error.withKind(.unavailable)
        }
    }

    /// Lends a connection without ever blocking, for an event loop: an idle one at once, or
    /// later, when one is given back (then `later` gets it on the thread giving it back, in turn
    /// with callers blocked in `withConnection`, or nil when the pool closes or a connection is
    /// lost: the caller then takes the blocking path, which opens connections). Never connects.
    /// The connection comes back through `checkin`.
    public func lend(orLater later: @escaping @Sendable (PostgresConnection?) -> Void) -> Lending {
        let taken = state.withLock { state -> PostgresConnection?? in
            if state.closed || (state.idle.isEmpty && state.open < size) { return .some(nil) }
            if let connection = state.takeIdle() { return .some(connection) }
            state.waiters.append(Waiter(lent: later))
            return .none
        }
        guard let taken else { return .queued }
        guard let taken else { return .refused }
        if taken.isAliveWhenIdle() { return .lent(taken) }
        // Closed by the server while idle: the slot goes to whoever opens the next connection.
        releaseSlot()
        return .refused
    }

    /// Takes back a connection from `lend`; one left broken or inside a transaction is discarded
    /// (or rolled back) as after `withConnection`.
    public func checkin(_ connection: PostgresConnection) {
        // An answer left unread puts the protocol in an unknown state: never lent again.
        if connection.isAwaitingAnswer {
            releaseSlot()
            return
        }
        // A body that left a transaction open (or failed) must not lend it to the next caller.
        if !connection.isBroken, connection.isInTransaction {
            try? connection.simpleCommand("ROLLBACK")
        }
        if connection.isBroken || connection.isInTransaction {
            releaseSlot()
            return
        }
        let (closed, loop) = state.withLock { state -> (Bool, Waiter?) in
            if state.closed { return (true, nil) }
            if state.waiters.isEmpty {
                state.inUse -= 1
                state.idle.append(connection)
                return (false, nil)
            }
            let waiter = state.waiters.removeFirst()
            if waiter.lent != nil { return (false, waiter) }
            waiter.grant = .connection(connection)
            waiter.wakeUp.signal()
            return (false, nil)
        }
        if closed { releaseSlot() }
        loop?.lent?(connection)
    }

    /// Gives up a checked-out slot whose connection is gone: the first waiter gets the slot
    /// (to open a new connection), or the slot becomes free.
    ///
    /// A waiting event loop cannot open a connection: when only loops wait, the slot becomes free
    /// and every one of them is told to take the blocking path, which will.
    private func releaseSlot() {
        let loops = state.withLock { state -> [Waiter] in
            if !state.closed, let index = state.waiters.firstIndex(where: { $0.lent == nil }) {
                let waiter = state.waiters.remove(at: index)
                waiter.grant = .slot
                waiter.wakeUp.signal()
                return []
            }
            state.open -= 1
            state.inUse -= 1
            let loops = state.waiters
            state.waiters.removeAll()
            return loops
        }
        for waiter in loops { waiter.lent?(nil) }
    }
}
