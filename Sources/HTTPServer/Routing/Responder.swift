/// What the server asks of the application for each request: how it must run (on the loop or on
/// the worker pool) and, then, its response. `Router` is the usual responder; tests use small ones.
public protocol Responder: Sendable {
    /// Matches the request and returns how to run it. Called on the event loop: must not block.
    func route(_ request: Request) -> RoutedRequest
}

/// A request matched to its handler, ready to run where `execution` says.
public struct RoutedRequest: Sendable {
    /// Where the handler must run.
    public var execution: HandlerExecution
    /// An evented route's fast path, bound to the request: started on the loop, with `run` (on the
    /// worker pool) when it declines.
    public var startOnLoop: (@Sendable (EventedReply) -> Void)?
    /// The route pattern, for metrics and logs (nil when nothing matched).
    public var routePattern: String?
    /// Runs the handler and turns any error into a response.
    public var run: @Sendable () -> Response
    /// The client's address as the responder resolved it (from a trusted proxy's `X-Forwarded-For`),
    /// for the access log; nil keeps the TCP peer's. The server itself never reads forwarding headers:
    /// which proxies to believe is the application's decision.
    public var clientAddress: String?

    /// Makes a routed request.
    public init(
        execution: HandlerExecution, routePattern: String?, clientAddress: String? = nil,
        run: @escaping @Sendable () -> Response
    ) {
        self.execution = execution
        self.routePattern = routePattern
        self.clientAddress = clientAddress
        self.run = run
    }

    /// Passes every response of this request through `transform`, from `run` and from the
    /// evented fast path alike: how middleware decorates responses.
    public mutating func mapResponse(_ transform: @escaping @Sendable (Response) -> Response) {
        let run = self.run
        self.run = { transform(run()) }
        if let start = startOnLoop {
            startOnLoop = { reply in start(reply.mapping(transform)) }
        }
    }
}

/// One finished request as the access log and metrics see it. Holds the path without its query
/// string: queries may carry tracking keys, which never reach a log.
public struct RequestRecord: Sendable {
    /// The method.
    public var method: HTTPMethod
    /// The path, without the query string.
    public var path: String
    /// The route pattern that matched, if any.
    public var routePattern: String?
    /// The status sent.
    public var status: HTTPStatus
    /// Body bytes sent.
    public var bytes: Int
    /// From the complete request to the response queued for sending, in nanoseconds.
    public var durationNanoseconds: Int64
    /// The client's address: the TCP peer's, or the one the responder resolved behind a trusted proxy.
    public var remoteAddress: String
    /// How an evented route's fast path ended; nil when none was started (other routes, or under load).
    public var evented: EventedOutcome?
}

/// How an evented route's fast path ended (`HandlerExecution.evented`).
public enum EventedOutcome: String, Sendable {
    /// Answered on the event loop.
    case answered
    /// Declined to the route's blocking handler on a worker.
    case declined
}

/// Receives what the server observes: finished requests, refused requests and connections.
public protocol ServerObserver: Sendable {
    /// A request got its response.
    func requestFinished(_ record: RequestRecord)
    /// The server refused a request itself (parse error, limit, timeout, overload) with `status`.
    func requestRejected(status: HTTPStatus, remoteAddress: String)
}
