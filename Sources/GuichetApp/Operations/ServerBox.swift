import HTTPServer
import Locking

/// A late-bound reference to the running server (set once at start).
final class ServerBox: Sendable {
    private let value = Locked<Server?>(nil)

    func set(_ server: Server) { value.withLock { $0 = server } }
    func get() -> Server? { value.withLock { $0 } }
}
