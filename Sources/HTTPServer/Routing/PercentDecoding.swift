/// Why percent-decoding refused its input. Holds a reason and a byte offset, never the input itself,
/// so it can be logged without echoing what a client sent.
public struct PercentDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was wrong.
    public enum Reason: String, Sendable {
        /// A `%` not followed by two hexadecimal digits (RFC 3986 §2.1).
        case invalidEscape = "invalid_escape"
        /// A NUL byte, encoded (`%00`) or raw: no path, name or value here may hold one, and
        /// PostgreSQL text cannot store it.
        case nulByte = "nul_byte"
        /// The decoded bytes are not valid UTF-8.
        case invalidUTF8 = "invalid_utf8"
    }

    /// What was wrong.
    public var reason: Reason
    /// The byte offset in the encoded input where the problem was seen (0 for invalid UTF-8).
    public var offset: Int

    /// Makes an error.
    public init(_ reason: Reason, offset: Int) {
        self.reason = reason
        self.offset = offset
    }

    /// `"PercentDecodingError(invalid_escape at 12)"`.
    public var description: String { "PercentDecodingError(\(reason.rawValue) at \(offset))" }
}

/// The one percent-decoder (RFC 3986 §2.1) shared by the router, query and form parsing and the static
/// file handler, so all three agree on what a path or value means. Decoding happens exactly once:
/// the output is never decoded again, which is what keeps `%252e` a literal `%2e` and not a dot.
public enum PercentDecoding {
    /// Decodes `%XX` escapes in `bytes` and, when `plusAsSpace` is set (form encoding), `+` as a space.
    /// Refuses malformed escapes and NUL bytes; does not check UTF-8 (callers that need text use `decode`).
    public static func decodeBytes(
        _ bytes: some Collection<UInt8>, plusAsSpace: Bool = false
    ) throws(PercentDecodingError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        var offset = 0
        while index != bytes.endIndex {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "%"):
                let first = bytes.index(after: index)
                guard first != bytes.endIndex, let high = hexValue(bytes[first]) else {
                    throw PercentDecodingError(.invalidEscape, offset: offset)
                }
                let second = bytes.index(after: first)
                guard second != bytes.endIndex, let low = hexValue(bytes[second]) else {
                    throw PercentDecodingError(.invalidEscape, offset: offset)
                }
                let decoded = high << 4 | low
                if decoded == 0 { throw PercentDecodingError(.nulByte, offset: offset) }
                out.append(decoded)
                index = bytes.index(after: second)
                offset += 3
                continue
            case UInt8(ascii: "+") where plusAsSpace:
                out.append(UInt8(ascii: " "))
            case 0:
                throw PercentDecodingError(.nulByte, offset: offset)
            default:
                out.append(byte)
            }
            index = bytes.index(after: index)
            offset += 1
        }
        return out
    }

    /// Decodes `text` (see `decodeBytes`) and requires the result to be valid UTF-8.
    public static func decode(_ text: Substring, plusAsSpace: Bool = false) throws(PercentDecodingError) -> String {
        let utf8 = text.utf8
        // Fast path: most path segments and query values carry no escape at all.
        if !utf8.contains(where: { $0 == UInt8(ascii: "%") || $0 == 0 || (plusAsSpace && $0 == UInt8(ascii: "+")) }) {
            return String(text)
        }
        let bytes = try decodeBytes(utf8, plusAsSpace: plusAsSpace)
        return try string(fromUTF8: bytes)
    }

    /// Decodes a `String` (see `decode(_:plusAsSpace:)`).
    public static func decode(_ text: String, plusAsSpace: Bool = false) throws(PercentDecodingError) -> String {
        try decode(text[...], plusAsSpace: plusAsSpace)
    }

    /// Turns decoded bytes into a `String`, refusing invalid UTF-8 rather than repairing it, so two
    /// different byte strings never map to the same text.
    public static func string(fromUTF8 bytes: [UInt8]) throws(PercentDecodingError) -> String {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw PercentDecodingError(.invalidUTF8, offset: 0)
        }
        return text
    }

    /// The value of one hexadecimal digit, either case.
    @inline(__always)
    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
