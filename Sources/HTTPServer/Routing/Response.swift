/// A response a handler returns: status, headers and a body. The connection adds `Content-Length`
/// (or chunked framing for streams), `Date` and `Connection`; handlers never set framing headers.
public struct Response: Sendable {
    /// How the body is produced.
    public enum Body: Sendable {
        /// The whole body, in memory.
        case bytes([UInt8])
        /// A body written piece by piece from the worker thread (large CSV reports), sent with chunked
        /// framing on HTTP/1.1. The writer blocks while the connection's send buffer is full.
        case stream(@Sendable (BodyWriter) throws -> Void)
    }

    /// The status.
    public var status: HTTPStatus
    /// The header fields (no framing headers).
    public var headers: HeaderFields
    /// The body.
    public var body: Body

    /// Makes a response with an in-memory body.
    public init(status: HTTPStatus = .ok, headers: HeaderFields = HeaderFields(), body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = .bytes(body)
    }

    /// Makes a response whose body is streamed.
    public init(
        status: HTTPStatus = .ok, headers: HeaderFields = HeaderFields(),
        stream: @escaping @Sendable (BodyWriter) throws -> Void
    ) {
        self.status = status
        self.headers = headers
        self.body = .stream(stream)
    }

    /// A plain-text response.
    public static func text(_ text: String, status: HTTPStatus = .ok) -> Response {
        Response(status: status, headers: ["Content-Type": "text/plain; charset=utf-8"], body: Array(text.utf8))
    }

    /// The in-memory body, or empty for a stream.
    public var bodyBytes: [UInt8] {
        if case .bytes(let bytes) = body { return bytes }
        return []
    }
}

/// Where a streamed body's pieces go. `write` blocks while the client is slow to read and throws
/// when the connection is gone, so a producer stops early instead of filling memory.
public protocol BodyWriter: Sendable {
    /// Sends one piece of the body.
    func write(_ bytes: [UInt8]) throws
}
