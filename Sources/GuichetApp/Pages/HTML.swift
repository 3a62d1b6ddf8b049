/// A fragment of HTML. Built by string interpolation in which every interpolated `String` is
/// escaped and only other `HTML` values go in as they are, so the safe path takes no effort and
/// raw markup must be spelled `HTML(unsafeRaw:)`.
struct HTML: Sendable, ExpressibleByStringInterpolation, ExpressibleByStringLiteral {
    /// The markup.
    private(set) var raw: String

    /// Markup taken as it is: only for text produced by our own code (an SVG we drew).
    init(unsafeRaw raw: String) { self.raw = raw }

    init(stringLiteral value: String) { raw = value }

    init(stringInterpolation: StringInterpolation) { raw = stringInterpolation.out }

    /// Empty markup.
    static let empty = HTML(unsafeRaw: "")

    /// Joins fragments.
    static func join(_ parts: [HTML], separator: String = "") -> HTML {
        HTML(unsafeRaw: parts.map(\.raw).joined(separator: separator))
    }

    /// Escapes text for an element's content or a double-quoted attribute value.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Interpolation that escapes text and keeps markup.
    struct StringInterpolation: StringInterpolationProtocol {
        var out = ""

        init(literalCapacity: Int, interpolationCount: Int) { out.reserveCapacity(literalCapacity * 2) }

        mutating func appendLiteral(_ literal: String) { out += literal }
        mutating func appendInterpolation(_ text: String) { out += HTML.escape(text) }
        mutating func appendInterpolation(_ text: String?) { out += HTML.escape(text ?? "") }
        mutating func appendInterpolation(_ number: Int) { out += String(number) }
        mutating func appendInterpolation(_ html: HTML) { out += html.raw }
        mutating func appendInterpolation(_ parts: [HTML]) { for part in parts { out += part.raw } }
    }
}

extension HTML {
    /// ` selected` when `condition` holds, for `<option>`.
    static func selected(_ condition: Bool) -> HTML { condition ? " selected" : "" }
    /// ` checked` when `condition` holds, for checkboxes and radios.
    static func checked(_ condition: Bool) -> HTML { condition ? " checked" : "" }

    /// Percent-encodes a query component (RFC 3986 unreserved characters kept).
    static func urlComponent(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }

    /// `path?name=value&…` with each part encoded; pairs with an empty value are dropped.
    static func url(_ path: String, _ pairs: [(String, String?)]) -> String {
        let query = pairs.compactMap { name, value -> String? in
            guard let value, !value.isEmpty else { return nil }
            return urlComponent(name) + "=" + urlComponent(value)
        }
        return query.isEmpty ? path : path + "?" + query.joined(separator: "&")
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
