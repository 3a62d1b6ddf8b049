/// A route's path pattern, parsed and validated once when routes are registered:
/// `/api/v1/track/{reference}` is three literal segments and one parameter; a last segment
/// `{path...}` captures the rest of the path (static files). Patterns are written by us, not by
/// clients, so an invalid one is a programming error reported by `RouterBuilder.build()`.
///
/// Rules: the pattern starts with `/`; `/` alone is the root; no empty segment (so no trailing
/// slash); a literal holds only RFC 3986 `pchar` characters without `%`, `{` or `}` (it is
/// compared with the *decoded* request segment, so an escape in a literal could never match as
/// written); a parameter name is an identifier (`[A-Za-z_][A-Za-z0-9_]*`), unique in its pattern;
/// a catch-all is only the last segment.
public struct RoutePattern: Sendable, Hashable, CustomStringConvertible {
    /// One segment between slashes.
    public enum Segment: Sendable, Hashable {
        /// Matches exactly this text (after percent-decoding the request segment).
        case literal(String)
        /// Matches any one non-empty segment and captures it under this name.
        case parameter(String)
        /// Matches the rest of the path, zero or more segments, and captures it under this name.
        case catchAll(String)
    }

    /// The pattern as written.
    public let text: String
    /// The parsed segments; empty for the root `/`.
    public let segments: [Segment]

    /// Parses and validates a pattern.
    public init(_ text: String) throws(RouterError) {
        self.text = text
        guard text.hasPrefix("/") else { throw RouterError.invalidPattern(text, .missingLeadingSlash) }
        if text == "/" {
            segments = []
            return
        }
        var parsed: [Segment] = []
        var names: Set<String> = []
        let pieces = text.utf8.dropFirst().split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        for (index, piece) in pieces.enumerated() {
            let segment = String(decoding: piece, as: UTF8.self)
            guard !segment.isEmpty else { throw RouterError.invalidPattern(text, .emptySegment) }
            if segment.hasPrefix("{") {
                guard segment.hasSuffix("}"), segment.count >= 3 else {
                    throw RouterError.invalidPattern(text, .unclosedParameter(segment))
                }
                var name = String(segment.dropFirst().dropLast())
                let isCatchAll = name.hasSuffix("...")
                if isCatchAll {
                    name = String(name.dropLast(3))
                    guard index == pieces.count - 1 else {
                        throw RouterError.invalidPattern(text, .catchAllNotLast(name))
                    }
                }
                guard Self.isIdentifier(name) else {
                    throw RouterError.invalidPattern(text, .invalidParameterName(name))
                }
                guard names.insert(name).inserted else {
                    throw RouterError.invalidPattern(text, .duplicateParameter(name))
                }
                parsed.append(isCatchAll ? .catchAll(name) : .parameter(name))
            } else {
                guard segment.utf8.allSatisfy(Self.isLiteralByte) else {
                    throw RouterError.invalidPattern(text, .invalidLiteral(segment))
                }
                parsed.append(.literal(segment))
            }
        }
        segments = parsed
    }

    /// The pattern as written.
    public var description: String { text }

    /// The pattern with parameter names erased (`/a/{}/{...}`): two routes of the same method and
    /// shape would always match the same requests, so the router refuses them.
    public var shape: String {
        if segments.isEmpty { return "/" }
        var out = ""
        for segment in segments {
            out += "/"
            switch segment {
            case .literal(let text): out += text
            case .parameter: out += "{}"
            case .catchAll: out += "{...}"
            }
        }
        return out
    }

    /// The names of the parameters and catch-all, in order.
    public var parameterNames: [String] {
        segments.compactMap { segment in
            switch segment {
            case .literal: nil
            case .parameter(let name), .catchAll(let name): name
            }
        }
    }

    /// `[A-Za-z_][A-Za-z0-9_]*`.
    static func isIdentifier(_ name: String) -> Bool {
        guard let first = name.utf8.first, !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else {
            return false
        }
        return name.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"):
                true
            default: false
            }
        }
    }

    /// RFC 3986 `pchar` minus `%` (see the type's rules): unreserved, sub-delims, `:` and `@`.
    static func isLiteralByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default: "-._~!$&'()*+,;=:@".utf8.contains(byte)
        }
    }
}
