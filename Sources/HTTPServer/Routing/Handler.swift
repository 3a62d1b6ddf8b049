/// What a route runs. Handlers are synchronous and may block (on PostgreSQL): they run on the
/// worker pool, never on an event loop, unless the route is registered as non-blocking.
public typealias Handler = @Sendable (Request) throws -> Response

/// How a route's handler must be run.
public enum HandlerExecution: Sendable {
    /// On the bounded worker pool: the handler may block (database, disk).
    case blocking
    /// Directly on the event loop thread: the handler is quick and never blocks (`/healthz`).
    case inline
}
