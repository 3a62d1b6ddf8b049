import Foundation

/// A type that can be an element of a one-dimensional SQL array.
public protocol PostgresArrayElement: PostgresEncodable, PostgresDecodable {
    /// The OID of the array type (`text[]` is 1009, `int8[]` is 1016, …).
    static var postgresArrayDataType: PostgresDataType { get }
}

/// A one-dimensional SQL array, bound or read in the text format `{"a","b"}`.
///
/// A wrapper rather than a conformance on `Array`, because `[UInt8]` is already `bytea`. Its main
/// use is a variable-length filter as one bind: `WHERE status = ANY(\(PostgresArray(statuses)))`.
/// NULL elements are not supported (`.unexpectedNull` when read), nor multi-dimensional arrays.
public struct PostgresArray<Element: PostgresArrayElement>: PostgresEncodable, PostgresDecodable {
    /// The elements.
    public var elements: [Element]

    /// Wraps elements.
    public init(_ elements: [Element]) {
        self.elements = elements
    }

    /// The array type of `Element`.
    public static var postgresDataType: PostgresDataType { Element.postgresArrayDataType }

    /// `{"…","…"}`: every element quoted, `"` and `\` escaped, which `array_in` accepts for
    /// every element type.
    public func postgresText() throws -> String? {
        // Over UTF-8 bytes: `"` and `\` are ASCII and never part of a multi-byte character. The
        // scalar-by-scalar String appends it replaced were 254k instructions for the department
        // counts' two arrays of ten (callgrind), a third of the request.
        let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
        var text: [UInt8] = [UInt8(ascii: "{")]
        text.reserveCapacity(2 + elements.count * 16)
        for (index, element) in elements.enumerated() {
            if index > 0 { text.append(UInt8(ascii: ",")) }
            guard var value = try element.postgresText() else {
                text.append(contentsOf: "NULL".utf8)
                continue
            }
            text.append(quote)
            value.withUTF8 { bytes in
                for byte in bytes {
                    if byte == quote || byte == backslash { text.append(backslash) }
                    text.append(byte)
                }
            }
            text.append(quote)
        }
        text.append(UInt8(ascii: "}"))
        return String(decoding: text, as: UTF8.self)
    }

    /// A one-dimensional array as `array_out` writes it (elements quoted only when needed).
    public init(postgresText text: String, type: PostgresDataType) throws(PostgresError.DecodingFailure) {
        self = try decodingUTF8(text) { bytes throws(PostgresError.DecodingFailure) in
            try PostgresArray(postgresBytes: bytes, type: type)
        }
    }

    /// The same, read from the result's bytes.
    /// Specialized for the element types the tracking look-up reads: called from another module,
    /// the generic body would look up `[Element]`'s metadata on every append.
    @_specialize(where Element == String)
    @_specialize(where Element == Int)
    @_specialize(where Element == Double)
    @_specialize(where Element == Bool)
    public init(postgresBytes bytes: UnsafeBufferPointer<UInt8>, type: PostgresDataType)
        throws(PostgresError.DecodingFailure)
    {
        let elementType = Self.elementType(ofArray: type)
        // Parsed as UTF-8 bytes: every delimiter is ASCII, so a multi-byte character can never be
        // mistaken for one, and an element is cut out of the text in one piece (tracking decodes
        // several arrays per look-up; a scalar-by-scalar walk was a tenth of its CPU).
        guard bytes.count >= 2, bytes[0] == UInt8(ascii: "{"), bytes[bytes.count - 1] == UInt8(ascii: "}") else {
            throw .invalidValue
        }
        var elements: [Element] = []
        elements.reserveCapacity(bytes.lazy.filter { $0 == UInt8(ascii: ",") }.count + 1)
        var index = 1
        let end = bytes.count - 1
        while index < end {
            if bytes[index] == UInt8(ascii: "\"") {
                // Found whole first; only an element with a backslash is copied to drop them.
                index += 1
                let start = index
                var escaped = false
                while index < end, bytes[index] != UInt8(ascii: "\"") {
                    if bytes[index] == UInt8(ascii: "\\") {
                        escaped = true
                        index += 1
                    }
                    index += 1
                }
                guard index < end else { throw .invalidValue }
                let quoted = UnsafeBufferPointer(rebasing: bytes[start..<index])
                index += 1
                if escaped {
                    elements.append(try Self.unescaping(quoted, as: elementType))
                } else {
                    elements.append(try Element(postgresBytes: quoted, type: elementType))
                }
            } else {
                let start = index
                while index < end, bytes[index] != UInt8(ascii: ",") {
                    // A nested `{` means a multi-dimensional array.
                    guard bytes[index] != UInt8(ascii: "{") else { throw .invalidValue }
                    index += 1
                }
                let value = UnsafeBufferPointer(rebasing: bytes[start..<index])
                if Self.isNullLiteral(value) {
                    elements.append(try Element.postgresNull())
                } else {
                    elements.append(try Element(postgresBytes: value, type: elementType))
                }
            }
            if index < end {
                guard bytes[index] == UInt8(ascii: ","), index + 1 < end else { throw .invalidValue }
                index += 1
            }
        }
        self.elements = elements
    }

    /// The element type of an array type, for the element decoders' type checks (a switch: the
    /// dictionary it replaced hashed the type once per array read).
    private static func elementType(ofArray type: PostgresDataType) -> PostgresDataType {
        switch type.rawValue {
        case 1000: .bool
        case 1005: .int2
        case 1007: .int4
        case 1016: .int8
        case 1009: .text
        case 1015: .varchar
        case 1021: .float4
        case 1022: .float8
        case 1231: .numeric
        case 2951: .uuid
        case 1182: .date
        case 1115: .timestamp
        case 1185: .timestamptz
        default: .unspecified
        }
    }

    /// The element quoted as `quoted` (between its quotes), each backslash dropped and the byte
    /// after it kept.
    private static func unescaping(_ quoted: UnsafeBufferPointer<UInt8>, as type: PostgresDataType)
        throws(PostgresError.DecodingFailure) -> Element
    {
        var unescaped: [UInt8] = []
        unescaped.reserveCapacity(quoted.count)
        var index = 0
        while index < quoted.count {
            if quoted[index] == UInt8(ascii: "\\") { index += 1 }
            guard index < quoted.count else { throw .invalidValue }
            unescaped.append(quoted[index])
            index += 1
        }
        return try unescaped.withUnsafeBufferPointer { unescaped in
            Result { () throws(PostgresError.DecodingFailure) in try Element(postgresBytes: unescaped, type: type) }
        }.get()
    }

    /// An unquoted `NULL`, in any case.
    private static func isNullLiteral(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count == 4 else { return false }
        return zip(bytes, "NULL".utf8).allSatisfy { $0 | 0x20 == $1 | 0x20 }
    }
}

extension PostgresArray: Sendable where Element: Sendable {}
extension PostgresArray: Equatable where Element: Equatable {}

extension String: PostgresArrayElement {
    /// `text[]`.
    public static var postgresArrayDataType: PostgresDataType { PostgresDataType(rawValue: 1009) }
}

extension Int: PostgresArrayElement {
    /// `int8[]`.
    public static var postgresArrayDataType: PostgresDataType { PostgresDataType(rawValue: 1016) }
}

extension Int64: PostgresArrayElement {
    /// `int8[]`.
    public static var postgresArrayDataType: PostgresDataType { PostgresDataType(rawValue: 1016) }
}

extension Int32: PostgresArrayElement {
    /// `int4[]`.
    public static var postgresArrayDataType: PostgresDataType { PostgresDataType(rawValue: 1007) }
}

extension Int16: PostgresArrayElement {
    /// `int2[]`.
    public static var postgresArrayDataType: PostgresDataType { PostgresDataType(rawValue: 1005) }
}

extension Bool: PostgresArrayElement {
    /// `bool[]`.
    public static var postgresArrayDataType: PostgresDataType { PostgresDataType(rawValue: 1000) }
}

extension Double: PostgresArrayElement {
    /// `float8[]`.
    public static var postgresArrayDataType: PostgresDataType { PostgresDataType(rawValue: 1022) }
}

extension UUID: PostgresArrayElement {
    /// `uuid[]`.
    public static var postgresArrayDataType: PostgresDataType { PostgresDataType(rawValue: 2951) }
}

extension PostgresDate: PostgresArrayElement {
    /// `date[]`.
    public static var postgresArrayDataType: PostgresDataType { PostgresDataType(rawValue: 1182) }
}

extension Date: PostgresArrayElement {
    /// `timestamptz[]`.
    public static var postgresArrayDataType: PostgresDataType { PostgresDataType(rawValue: 1185) }
}
