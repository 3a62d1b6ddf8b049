/// Why `ResponseEncoder` refused to write a response head. A refused header is a bug in a handler
/// (or an attempt to inject a header through user data), so nothing is written.
public struct ResponseEncodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was wrong.
    public enum Reason: String, Sendable {
        /// A header name that is not a `token` (RFC 9110 §5.1): empty, or with spaces, CR, LF, `:`…
        case invalidHeaderName = "invalid_header_name"
        /// A header value containing CR, LF or NUL: header injection / response splitting.
        case invalidHeaderValue = "invalid_header_value"
        /// A framing header (`Content-Length`, `Transfer-Encoding`, `Connection`, `Date`) set by the
        /// caller: the encoder writes those itself from `framing` and `keepAlive`.
        case reservedHeader = "reserved_header"
        /// Chunked framing asked for an HTTP/1.0 response, which cannot carry it (RFC 9112 §7).
        case chunkedOnHTTP10 = "chunked_on_http10"
        /// A negative `Content-Length` in `framing`.
        case invalidContentLength = "invalid_content_length"
    }

    /// What was wrong.
    public var reason: Reason
    /// The offending header's name, only when the name itself is a valid token (so it holds no
    /// CR, LF or control byte and is safe to log); nil otherwise.
    public var headerName: String?

    /// Makes an error.
    public init(_ reason: Reason, headerName: String? = nil) {
        self.reason = reason
        self.headerName = headerName
    }

    /// `"ResponseEncodingError(invalid_header_value: X-Name)"`; never includes a value.
    public var description: String {
        "ResponseEncodingError(\(reason.rawValue)\(headerName.map { ": \($0)" } ?? ""))"
    }
}
