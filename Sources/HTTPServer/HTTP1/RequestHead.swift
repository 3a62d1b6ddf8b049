/// A parsed request line and header section (RFC 9112 §3, §5), before any body.
public struct RequestHead: Sendable, Equatable {
    /// The method token.
    public var method: HTTPMethod
    /// The request target exactly as sent (origin-form `/path?query`, or `*`, or absolute-form).
    public var target: String
    /// The protocol version.
    public var version: HTTPVersion
    /// The header fields, duplicates kept, in order.
    public var headers: HeaderFields

    /// Makes a head.
    public init(method: HTTPMethod, target: String, version: HTTPVersion, headers: HeaderFields) {
        self.method = method
        self.target = target
        self.version = version
        self.headers = headers
    }

    /// The path part of the target, before `?`, still percent-encoded.
    public var rawPath: Substring {
        // Byte search: the target is ASCII (the parser refuses anything else in it).
        if let mark = target.utf8.firstIndex(of: UInt8(ascii: "?")) { return target[..<mark] }
        return target[...]
    }

    /// The query part of the target after `?`, still percent-encoded; empty when absent.
    public var rawQuery: Substring {
        if let mark = target.utf8.firstIndex(of: UInt8(ascii: "?")) { return target[target.utf8.index(after: mark)...] }
        return ""
    }
}
