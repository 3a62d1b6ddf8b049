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
        var text = "{"
        for (index, element) in elements.enumerated() {
            if index > 0 { text += "," }
            guard let value = try element.postgresText() else { text += "NULL"; continue }
            text += "\""
            for character in value.unicodeScalars {
                if character == "\"" || character == "\\" { text += "\\" }
                text.unicodeScalars.append(character)
            }
            text += "\""
        }
        return text + "}"
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
        let elementType = arrayElementTypes[type] ?? .unspecified
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
                index += 1
                var unescaped: [UInt8] = []
                var closed = false
                while index < end {
                    let byte = bytes[index]
                    index += 1
                    if byte == UInt8(ascii: "\"") {
                        closed = true
                        break
                    }
                    if byte == UInt8(ascii: "\\") {
                        guard index < end else { throw .invalidValue }
                        unescaped.append(bytes[index])
                        index += 1
                    } else {
                        unescaped.append(byte)
                    }
                }
                guard closed else { throw .invalidValue }
                let element = unescaped.withUnsafeBufferPointer { unescaped in
                    Result { () throws(PostgresError.DecodingFailure) in
                        try Element(postgresBytes: unescaped, type: elementType)
                    }
                }
                elements.append(try element.get())
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

    /// An unquoted `NULL`, in any case.
    private static func isNullLiteral(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count == 4 else { return false }
        return zip(bytes, "NULL".utf8).allSatisfy { $0 | 0x20 == $1 | 0x20 }
    }
}

extension PostgresArray: Sendable where Element: Sendable {}
extension PostgresArray: Equatable where Element: Equatable {}

/// Array type OID → element type OID, for the element decoders' type checks.
private let arrayElementTypes: [PostgresDataType: PostgresDataType] = [
    PostgresDataType(rawValue: 1000): .bool,
    PostgresDataType(rawValue: 1005): .int2,
    PostgresDataType(rawValue: 1007): .int4,
    PostgresDataType(rawValue: 1016): .int8,
    PostgresDataType(rawValue: 1009): .text,
    PostgresDataType(rawValue: 1015): .varchar,
    PostgresDataType(rawValue: 1021): .float4,
    PostgresDataType(rawValue: 1022): .float8,
    PostgresDataType(rawValue: 1231): .numeric,
    PostgresDataType(rawValue: 2951): .uuid,
    PostgresDataType(rawValue: 1182): .date,
    PostgresDataType(rawValue: 1115): .timestamp,
    PostgresDataType(rawValue: 1185): .timestamptz,
]

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
