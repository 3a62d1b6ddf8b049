import Foundation

/// Carries a streamed response body from the worker thread that produces it to the event loop
/// that sends it, with a window of two pieces in flight: the producer blocks while the client
/// reads slowly, so a 100,000-row report never sits whole in memory. Cancelled when the
/// connection closes, which makes the producer's next `write` throw.
final class StreamChannel: BodyWriter, @unchecked Sendable {
    // `condition` guards `inFlight`, `cancelled` and `sequence`.
    private let condition = NSCondition()
    private var inFlight = 0
    private var cancelled = false
    private var sequence = 0
    private let window = 2

    private unowned let loop: EventLoop
    let connection: ConnectionID

    init(loop: EventLoop, connection: ConnectionID) {
        self.loop = loop
        self.connection = connection
    }

    /// Sends one piece; blocks while `window` pieces are unsent; throws once the client is gone.
    func write(_ bytes: [UInt8]) throws {
        guard !bytes.isEmpty else { return }
        condition.lock()
        while inFlight >= window && !cancelled { condition.wait() }
        if cancelled {
            condition.unlock()
            throw StreamCancelled()
        }
        inFlight += 1
        sequence += 1
        let number = sequence
        condition.unlock()
        let id = connection
        loop.execute { loop, now in
            loop.connection(id)?.streamPiece(bytes, sequence: number, now: now)
        }
    }

    /// Called on the loop when a piece has left for the socket.
    func acknowledge(_ sequence: Int) {
        condition.lock()
        inFlight = max(0, inFlight - 1)
        condition.signal()
        condition.unlock()
    }

    /// Called on the loop when the connection closes.
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }
}

/// Thrown to a body producer whose client went away.
public struct StreamCancelled: Error, Sendable, CustomStringConvertible {
    /// "the client closed the connection".
    public var description: String { "the client closed the connection" }
}
