import Dispatch

/// The HTTP/1.1 server: N event loops (one per core by default) — the first accepts and deals
/// connections round-robin to all — and a bounded worker pool for handlers that block. Knows nothing of
/// cases or databases: it takes a `Responder`.
///
/// A request's path: accept on a loop → bytes parsed by the connection's state machine → routed on
/// the loop → run inline or on a worker → the response handed back to the loop through its mailbox
/// → written in request order.
public final class Server: Sendable {
    /// How to run the server.
    public struct Configuration: Sendable {
        /// Address to bind (`127.0.0.1`, `0.0.0.0`, `::`).
        public var host = "127.0.0.1"
        /// Port to bind; 0 picks a free one (see `Server.port`).
        public var port = 8080
        /// Event loop threads.
        public var eventLoops = System.coreCount
        /// Worker threads for blocking handlers.
        public var workers = 16
        /// Limits and timeouts.
        public var limits = Limits()
        /// How long shutdown waits for in-flight requests.
        public var shutdownGrace: Duration = .seconds(10)

        /// The defaults.
        public init() {}
    }

    private let loops: [EventLoop]
    private let context: ServerContext
    /// The port the server listens on (the real one when configured with 0).
    public let port: Int

    /// Binds the listening sockets and starts the loops and workers.
    public init(
        configuration: Configuration, responder: any Responder, observer: (any ServerObserver)? = nil,
        logger: @escaping @Sendable (String) -> Void = { _ in }
    ) throws(SystemError) {
        Signals.ignoreBrokenPipe()
        let workers = WorkerPool(threads: configuration.workers, capacity: configuration.limits.maxQueuedRequests)
        let listener = try Socket.listen(host: configuration.host, port: configuration.port)
        let loopCount = max(1, configuration.eventLoops)
        context = ServerContext(
            limits: configuration.limits, responder: responder, workers: workers, observer: observer, logger: logger)
        var loops: [EventLoop] = []
        for index in 0..<loopCount {
            loops.append(try EventLoop(index: index, listener: index == 0 ? listener : nil, context: context))
        }
        loops[0].siblings = loops
        let boundPort = try listener.localPort()
        self.loops = loops
        self.port = boundPort
        self.shutdownGrace = configuration.shutdownGrace
        workers.start()
        for loop in loops { loop.start() }
    }

    private let shutdownGrace: Duration

    /// Open client connections right now.
    public var openConnections: Int { context.openConnections.load(ordering: .relaxed) }

    /// Requests queued for a worker, and workers busy.
    public var workerLoad: (queued: Int, busy: Int) { context.workers.load }

    /// Stops accepting, finishes in-flight requests (up to the grace period), closes everything,
    /// and returns when all loops have exited.
    public func shutdown() {
        for loop in loops { loop.beginShutdown(grace: shutdownGrace) }
        for loop in loops { loop.waitUntilFinished() }
        context.workers.stop()
    }
}
