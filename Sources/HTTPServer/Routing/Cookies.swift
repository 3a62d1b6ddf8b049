/// The cookies a client sent, parsed tolerantly as RFC 6265 §5.4 says user agents send them:
/// `name=value` pairs separated by `;`, whitespace around them ignored, a pair without `=` or with an
/// empty name skipped, one pair of surrounding double quotes removed from a value. Values are not
/// percent-decoded (RFC 6265 gives them no encoding). Several `Cookie` fields are read in order.
public struct Cookies: Sendable {
    /// The pairs in the order they were sent; a name may repeat (different paths), the first one is
    /// the most specific path per RFC 6265 §5.4 step 2.
    public private(set) var pairs: [(name: String, value: String)]

    /// Parses the values of every `Cookie` field.
    public init(headerValues: [String]) {
        pairs = []
        for header in headerValues {
            for piece in header.split(separator: ";", omittingEmptySubsequences: true) {
                guard let equals = piece.firstIndex(of: "=") else { continue }
                let name = piece[..<equals].trimmingASCIIWhitespace()
                var value = piece[piece.index(after: equals)...].trimmingASCIIWhitespace()
                guard !name.isEmpty else { continue }
                if value.count >= 2, value.first == "\"", value.last == "\"" {
                    value = value.dropFirst().dropLast()
                }
                pairs.append((String(name), String(value)))
            }
        }
    }

    /// The first value sent for `name`.
    public subscript(name: String) -> String? {
        pairs.first { $0.name == name }?.value
    }

    /// Every value sent for `name`, in order.
    public func values(_ name: String) -> [String] {
        pairs.filter { $0.name == name }.map(\.value)
    }
}

extension Request {
    /// The cookies from the `Cookie` header fields.
    public var cookies: Cookies { Cookies(headerValues: headers.values("Cookie")) }
}

/// Why a `SetCookie` was refused: which part holds a byte that would corrupt the header or let a
/// value inject attributes. Holds no cookie value, which may be a session token.
public struct CookieError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The offending part.
    public enum Part: String, Sendable {
        /// The name is not an RFC 9110 token.
        case name
        /// The value holds a byte outside RFC 6265 `cookie-octet`.
        case value
        /// The path holds a control character or `;`.
        case path
        /// A `__Host-` or `__Secure-` prefixed name without the attributes its prefix demands
        /// (RFC 6265bis §4.1.3).
        case prefix
    }

    /// The offending part.
    public var part: Part

    /// Makes an error.
    public init(_ part: Part) { self.part = part }

    /// `"CookieError(value)"`.
    public var description: String { "CookieError(\(part.rawValue))" }
}

/// A `Set-Cookie` field value (RFC 6265 §4.1), built only from bytes that cannot break the header:
/// the initializer refuses a name that is not a token, a value outside `cookie-octet`, a path with a
/// control character or `;`, and a `__Host-`/`__Secure-` name without the attributes it promises.
public struct SetCookie: Sendable, Equatable {
    /// The `SameSite` attribute (RFC 6265bis §5.4.7).
    public enum SameSite: String, Sendable {
        /// Sent only with same-site requests: session cookies of the staff interface.
        case strict = "Strict"
        /// Also sent on top-level navigations from other sites.
        case lax = "Lax"
    }

    /// The cookie name.
    public let name: String
    /// The cookie value.
    public let value: String
    /// The `Path` attribute.
    public let path: String?
    /// The `Max-Age` attribute in seconds; `0` deletes the cookie; nil makes a session cookie.
    public let maxAge: Int?
    /// Whether to add `HttpOnly` (not readable from scripts).
    public let httpOnly: Bool
    /// Whether to add `Secure` (sent over HTTPS only).
    public let secure: Bool
    /// The `SameSite` attribute, if any.
    public let sameSite: SameSite?

    /// Makes a cookie, checking every part. Defaults are the safe ones: `Path=/`, `HttpOnly`, `Secure`,
    /// `SameSite=Strict`.
    public init(
        name: String, value: String, path: String? = "/", maxAge: Int? = nil, httpOnly: Bool = true,
        secure: Bool = true, sameSite: SameSite? = .strict
    ) throws(CookieError) {
        guard !name.isEmpty, name.utf8.allSatisfy(Self.isTokenByte) else { throw CookieError(.name) }
        guard value.utf8.allSatisfy(Self.isCookieOctet) else { throw CookieError(.value) }
        if let path {
            guard path.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: ";") }) else {
                throw CookieError(.path)
            }
        }
        if name.hasPrefix("__Secure-") && !secure { throw CookieError(.prefix) }
        if name.hasPrefix("__Host-") && (!secure || path != "/") { throw CookieError(.prefix) }
        self.name = name
        self.value = value
        self.path = path
        self.maxAge = maxAge
        self.httpOnly = httpOnly
        self.secure = secure
        self.sameSite = sameSite
    }

    /// A cookie that tells the client to delete `name` (`Max-Age=0`, empty value), with the same path.
    public static func deletion(name: String, path: String? = "/", secure: Bool = true) throws(CookieError) -> SetCookie
    {
        try SetCookie(name: name, value: "", path: path, maxAge: 0, secure: secure)
    }

    /// The field value, e.g. `sid=abc; Path=/; Max-Age=3600; HttpOnly; Secure; SameSite=Strict`.
    public var headerValue: String {
        var out = "\(name)=\(value)"
        if let path { out += "; Path=\(path)" }
        // RFC 6265 §5.2.2: a non-positive Max-Age expires the cookie at once; send 0, not a negative.
        if let maxAge { out += "; Max-Age=\(max(0, maxAge))" }
        if httpOnly { out += "; HttpOnly" }
        if secure { out += "; Secure" }
        if let sameSite { out += "; SameSite=\(sameSite.rawValue)" }
        return out
    }

    /// RFC 9110 §5.6.2 `tchar`.
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default: "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }

    /// RFC 6265 §4.1.1 `cookie-octet`: visible ASCII except `"`, `,`, `;` and `\`.
    static func isCookieOctet(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x21, 0x23...0x2B, 0x2D...0x3A, 0x3C...0x5B, 0x5D...0x7E: true
        default: false
        }
    }
}

extension Response {
    /// Adds a `Set-Cookie` field (one per cookie; they are never folded into one line).
    public mutating func setCookie(_ cookie: SetCookie) {
        headers.add("Set-Cookie", cookie.headerValue)
    }
}
