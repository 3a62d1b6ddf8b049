/// The HTTP versions this server speaks: 1.0 and 1.1 (RFC 9112 §2.3). Anything else is `505`.
public enum HTTPVersion: Sendable, Hashable, CustomStringConvertible {
    case http10
    case http11

    /// The version as it appears on a status line.
    public var description: String {
        switch self {
        case .http10: "HTTP/1.0"
        case .http11: "HTTP/1.1"
        }
    }
}
