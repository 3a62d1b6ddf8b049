import Synchronization

/// What every event loop of one server shares: limits, the responder, the worker pool, the
/// observer and the count of open connections against the cap.
final class ServerContext: Sendable {
    let limits: Limits
    let responder: any Responder
    let workers: WorkerPool
    let observer: (any ServerObserver)?
    let logger: @Sendable (String) -> Void
    let openConnections = Atomic<Int>(0)

    init(
        limits: Limits, responder: any Responder, workers: WorkerPool, observer: (any ServerObserver)?,
        logger: @escaping @Sendable (String) -> Void
    ) {
        self.limits = limits
        self.responder = responder
        self.workers = workers
        self.observer = observer
        self.logger = logger
    }

    /// Counts a new connection in, unless the cap is reached.
    func admitConnection() -> Bool {
        let after = openConnections.add(1, ordering: .relaxed).newValue
        if after > limits.maxConnections {
            openConnections.subtract(1, ordering: .relaxed)
            return false
        }
        return true
    }

    func releaseConnection() {
        openConnections.subtract(1, ordering: .relaxed)
    }

    func log(_ message: String) { logger(message) }
}
