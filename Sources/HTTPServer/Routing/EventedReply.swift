/// How an evented handler (`HandlerExecution.evented`) answers its request from the event loop: it
/// watches the descriptors its I/O waits on, then responds, or declines so the route's blocking
/// handler answers on the worker pool instead.
///
/// Every method but `onLoop` must be called on the event loop thread that started the handler, and exactly one
/// of `respond` and `decline` must be called once; later calls are ignored. A descriptor must be
/// unwatched before its owner lends it to another thread (a pooled database connection).
public struct EventedReply: Sendable {
    let exchange: EventedExchange
    /// What the middleware around the route adds to a response (security headers), innermost first.
    let transform: @Sendable (Response) -> Response

    init(exchange: EventedExchange) {
        self.exchange = exchange
        self.transform = { $0 }
    }

    private init(exchange: EventedExchange, transform: @escaping @Sendable (Response) -> Response) {
        self.exchange = exchange
        self.transform = transform
    }

    /// Sends `response` (through the middleware's transformation), unless the client left meanwhile.
    public func respond(_ response: Response) {
        exchange.finish(with: transform(response))
    }

    /// Runs the route's blocking handler on the worker pool, as for a `.blocking` route (`503
    /// server_busy` when the pool's queue is full).
    public func decline() {
        exchange.decline()
    }

    /// Calls `onReady` on the loop each time `descriptor` is readable, or writable too when asked,
    /// or in error: the caller then retries its non-blocking operation. Watching again changes the
    /// interest. Throws when epoll refuses the descriptor.
    public func watch(
        descriptor: Int32, writable: Bool = false, _ onReady: @escaping @Sendable () -> Void
    ) throws(SystemError) {
        try exchange.loop.watch(descriptor: descriptor, writable: writable, onReady)
    }

    /// Runs `body` on the reply's event loop thread: at once when called there (a database
    /// connection the loop itself just gave back), else soon (one given back by a worker or by
    /// the other loop). Safe from any thread.
    public func onLoop(_ body: @escaping @Sendable () -> Void) {
        if exchange.loop.isCurrentThread { return body() }
        exchange.loop.execute { _, _ in body() }
    }

    /// Stops watching `descriptor`.
    public func unwatch(descriptor: Int32) {
        exchange.loop.unwatch(descriptor: descriptor)
    }

    /// A reply whose responses go through `transform` before this one's: how middleware wraps an
    /// evented route (see `RoutedRequest.mapResponse`).
    func mapping(_ transform: @escaping @Sendable (Response) -> Response) -> EventedReply {
        let outer = self.transform
        return EventedReply(exchange: exchange, transform: { outer(transform($0)) })
    }
}

/// One evented request's state on its loop: where the answer goes, and the blocking fallback.
/// `@unchecked Sendable`: it travels inside `@Sendable` closures, but only its loop's thread touches it.
final class EventedExchange: @unchecked Sendable {
    unowned let loop: EventLoop
    let connection: ConnectionID
    let keepAlive: Bool
    let isHead: Bool
    /// The route's blocking handler with the middleware around it.
    let fallback: @Sendable () -> Response
    private var isFinished = false

    init(
        loop: EventLoop, connection: ConnectionID, keepAlive: Bool, isHead: Bool,
        fallback: @escaping @Sendable () -> Response
    ) {
        self.loop = loop
        self.connection = connection
        self.keepAlive = keepAlive
        self.isHead = isHead
        self.fallback = fallback
    }

    func finish(with response: Response) {
        guard !isFinished else { return }
        isFinished = true
        loop.eventedEnded(.answered, connection: connection)
        loop.connection(connection)?.respond(response, keepAlive: keepAlive, now: MonotonicClock.now())
    }

    func decline() {
        guard !isFinished else { return }
        isFinished = true
        loop.eventedEnded(.declined, connection: connection)
        loop.runOnWorker(fallback, connection: connection, keepAlive: keepAlive, isHead: isHead)
    }
}
