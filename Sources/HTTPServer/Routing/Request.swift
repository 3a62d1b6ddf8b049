/// A complete request as handlers see it: the parsed head, the whole body (already de-chunked and
/// within the body limit), the peer's address, and the path parameters the router matched.
public struct Request: Sendable {
    /// The parsed request line and headers.
    public var head: RequestHead
    /// The body bytes; empty when there was none.
    public var body: [UInt8]
    /// The peer's IP address as text (`127.0.0.1`, `::1`); the proxy's when behind one.
    public var remoteAddress: String
    /// Path parameters captured by the route pattern, by name (`{reference}` → `"TUN-2026-000042"`), percent-decoded.
    public var pathParameters: [String: String] = [:]
    /// The route pattern that matched, as registered (`/api/v1/track/{reference}`); metrics and logs use it.
    public var routePattern: String?

    /// Makes a request.
    public init(head: RequestHead, body: [UInt8] = [], remoteAddress: String = "") {
        self.head = head
        self.body = body
        self.remoteAddress = remoteAddress
    }

    /// The method.
    public var method: HTTPMethod { head.method }
    /// The header fields.
    public var headers: HeaderFields { head.headers }
    /// The path, still percent-encoded, without the query.
    public var rawPath: Substring { head.rawPath }
    /// The raw query string (after `?`), still percent-encoded.
    public var rawQuery: Substring { head.rawQuery }

    /// A path parameter by name.
    public func parameter(_ name: String) -> String? { pathParameters[name] }
}
