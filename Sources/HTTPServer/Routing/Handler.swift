/// What a route runs. Handlers are synchronous and may block (on PostgreSQL): they run on the
/// worker pool, never on an event loop, unless the route is registered as non-blocking.
public typealias Handler = @Sendable (Request) throws -> Response

/// A route's fast path, started on the event loop thread, which it must never block: it either
/// answers through the reply once the I/O it watches there is done, or declines, and the route's
/// blocking `Handler` runs on the worker pool as if the fast path did not exist.
public typealias EventedHandler = @Sendable (Request, EventedReply) -> Void

/// How a route's handler must be run.
public enum HandlerExecution: Sendable {
    /// On the bounded worker pool: the handler may block (database, disk).
    case blocking
    /// Directly on the event loop thread: the handler is quick and never blocks (`/healthz`).
    case inline
    /// First `EventedHandler` on the event loop (no hand-over to a worker thread and back); the
    /// blocking handler when it declines. For the hottest look-ups, whose common case is one
    /// database round trip.
    case evented(EventedHandler)
}
