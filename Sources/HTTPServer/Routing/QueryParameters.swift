/// Name–value pairs decoded from `application/x-www-form-urlencoded` text: a query string or a form
/// body (WHATWG URL §5.1). `+` is a space, `%XX` an escape; pairs are split on `&`, a pair without `=`
/// has an empty value, empty pairs (`a=1&&b=2`) are skipped. Repeated names are kept, in order, so
/// `?status=open&status=paused` means both. Invalid escapes, NUL and invalid UTF-8 are refused
/// (`400 invalid_query`) instead of being repaired into a different value.
public struct QueryParameters: Sendable, Sequence {
    /// One decoded pair.
    public struct Pair: Sendable, Equatable {
        /// The decoded name.
        public var name: String
        /// The decoded value; empty for `name` without `=`.
        public var value: String

        /// Makes a pair.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The pairs in the order they appeared.
    public private(set) var pairs: [Pair]

    /// No parameters.
    public init() { pairs = [] }

    /// Decodes `text`, e.g. the raw query after `?`.
    public init(parsing text: Substring) throws(HTTPError) {
        try self.init(parsingBytes: Array(text.utf8))
    }

    /// Decodes form-encoded bytes (a request body).
    public init(parsingBytes bytes: [UInt8]) throws(HTTPError) {
        pairs = []
        for piece in bytes.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let name: ArraySlice<UInt8>
            let value: ArraySlice<UInt8>
            if let equals = piece.firstIndex(of: UInt8(ascii: "=")) {
                name = piece[..<equals]
                value = piece[(equals + 1)...]
            } else {
                name = piece
                value = []
            }
            pairs.append(Pair(name: try Self.decode(name), value: try Self.decode(value)))
        }
    }

    /// Decodes one name or value; the error names neither, since a query may hold a tracking key.
    private static func decode(_ bytes: ArraySlice<UInt8>) throws(HTTPError) -> String {
        do {
            return try PercentDecoding.string(fromUTF8: PercentDecoding.decodeBytes(bytes, plusAsSpace: true))
        } catch {
            let why =
                switch error.reason {
                case .invalidEscape: "a '%' not followed by two hexadecimal digits"
                case .nulByte: "a NUL character"
                case .invalidUTF8: "bytes that are not valid UTF-8"
                }
            throw HTTPError(.badRequest, code: "invalid_query", detail: "The parameters contain \(why).")
        }
    }

    /// The first value of `name`, if present.
    public subscript(name: String) -> String? {
        pairs.first { $0.name == name }?.value
    }

    /// Every value of `name`, in order.
    public func values(_ name: String) -> [String] {
        pairs.filter { $0.name == name }.map(\.value)
    }

    /// Whether `name` is present (with or without a value).
    public func contains(_ name: String) -> Bool {
        pairs.contains { $0.name == name }
    }

    /// Iterates the pairs in order.
    public func makeIterator() -> IndexingIterator<[Pair]> { pairs.makeIterator() }
}

extension Request {
    /// The decoded query string; throws `400 invalid_query` when it is malformed. Parsed on each access
    /// (`Request` is a shared value type with no cache slot), so read it once into a local.
    public var query: QueryParameters {
        get throws(HTTPError) { try QueryParameters(parsing: rawQuery) }
    }

    /// The body decoded as an HTML form. Requires `Content-Type: application/x-www-form-urlencoded`
    /// (else `415 unsupported_media_type`); a malformed body is `400 invalid_query`.
    public func formBody() throws(HTTPError) -> QueryParameters {
        guard MediaTypeHeader.essence(of: headers["Content-Type"]) == "application/x-www-form-urlencoded" else {
            throw HTTPError(
                .unsupportedMediaType, code: "unsupported_media_type",
                detail: "The body must be sent as application/x-www-form-urlencoded.")
        }
        return try QueryParameters(parsingBytes: body)
    }
}

/// Reads the `type/subtype` of a `Content-Type` value (RFC 9110 §8.3.1), lowercased, parameters
/// dropped, so `Application/JSON; charset=utf-8` compares equal to `application/json`.
enum MediaTypeHeader {
    /// The lowercased essence, or nil when the header is absent.
    static func essence(of value: String?) -> String? {
        guard let value else { return nil }
        let head = value.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return head.trimmingASCIIWhitespace().lowercased()
    }
}

extension Substring {
    /// Drops leading and trailing spaces and tabs (HTTP's OWS), without Foundation.
    func trimmingASCIIWhitespace() -> Substring {
        var result = self
        while let first = result.first, first == " " || first == "\t" { result.removeFirst() }
        while let last = result.last, last == " " || last == "\t" { result.removeLast() }
        return result
    }
}
