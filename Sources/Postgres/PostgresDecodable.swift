/// A Swift value that can be read from a result column in PostgreSQL's text format.
///
/// Decoders check the column's server type as well as its text, so a schema change that turns
/// `int8` into `text` fails loudly, naming the column, instead of decoding by luck.
public protocol PostgresDecodable {
    /// Decodes the text form of a non-NULL column whose server type is `type`.
    init(postgresText text: String, type: PostgresDataType) throws(PostgresError.DecodingFailure)
    /// Decodes a non-NULL column straight from the result's bytes, which live only for the call.
    init(postgresBytes bytes: UnsafeBufferPointer<UInt8>, type: PostgresDataType) throws(PostgresError.DecodingFailure)
    /// The value for SQL NULL; every type but `Optional` throws `.unexpectedNull`.
    static func postgresNull() throws(PostgresError.DecodingFailure) -> Self
}

extension PostgresDecodable {
    /// The text as a `String`. Types that parse their text (dates, times) read the bytes instead:
    /// a report decodes two timestamps per row, and the `String` cost more than the parse.
    public init(postgresBytes bytes: UnsafeBufferPointer<UInt8>, type: PostgresDataType)
        throws(PostgresError.DecodingFailure)
    {
        try self.init(postgresText: String(decoding: bytes, as: UTF8.self), type: type)
    }

    /// Non-optional types have no NULL.
    public static func postgresNull() throws(PostgresError.DecodingFailure) -> Self {
        throw .unexpectedNull
    }
}

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    /// The wrapped type's decoding.
    public init(postgresText text: String, type: PostgresDataType) throws(PostgresError.DecodingFailure) {
        self = .some(try Wrapped(postgresText: text, type: type))
    }

    /// The wrapped type's decoding.
    public init(postgresBytes bytes: UnsafeBufferPointer<UInt8>, type: PostgresDataType)
        throws(PostgresError.DecodingFailure)
    {
        self = .some(try Wrapped(postgresBytes: bytes, type: type))
    }

    /// NULL is nil.
    public static func postgresNull() -> Self { nil }
}

extension String: PostgresDecodable {
    /// Any column: in text format every value has a text form, and enum or domain columns have
    /// OIDs that are only known at run time.
    public init(postgresText text: String, type: PostgresDataType) {
        self = text
    }
}

extension Bool: PostgresDecodable {
    /// `bool`, written `t` or `f` by `boolout`.
    public init(postgresText text: String, type: PostgresDataType) throws(PostgresError.DecodingFailure) {
        guard type == .bool else { throw .typeMismatch(type) }
        switch text {
        case "t": self = true
        case "f": self = false
        default: throw .invalidValue
        }
    }
}

/// Runs `decode` over the contiguous UTF-8 of `text`: the `String` initialisers of types that
/// parse bytes go through it.
func decodingUTF8<Value>(
    _ text: String, _ decode: (UnsafeBufferPointer<UInt8>) throws(PostgresError.DecodingFailure) -> Value
) throws(PostgresError.DecodingFailure) -> Value {
    var text = text
    return try text.withUTF8 { bytes in
        Result { () throws(PostgresError.DecodingFailure) -> Value in try decode(bytes) }
    }.get()
}

/// The integer types a Swift integer of any width reads; narrower targets check the range.
private let integerTypes: Set<PostgresDataType> = [.int2, .int4, .int8, .oid]

private func decodeInteger<I: FixedWidthInteger>(
    _ text: String, _ type: PostgresDataType
) throws(PostgresError.DecodingFailure) -> I {
    guard integerTypes.contains(type) else { throw .typeMismatch(type) }
    guard let value = I(text, radix: 10) else { throw .invalidValue }
    return value
}

extension Int: PostgresDecodable {
    /// `int2`, `int4`, `int8` or `oid`.
    public init(postgresText text: String, type: PostgresDataType) throws(PostgresError.DecodingFailure) {
        self = try decodeInteger(text, type)
    }
}

extension Int64: PostgresDecodable {
    /// `int2`, `int4`, `int8` or `oid`.
    public init(postgresText text: String, type: PostgresDataType) throws(PostgresError.DecodingFailure) {
        self = try decodeInteger(text, type)
    }
}

extension Int32: PostgresDecodable {
    /// `int2`, `int4`, `int8` or `oid`; a value outside `Int32` is `.invalidValue`.
    public init(postgresText text: String, type: PostgresDataType) throws(PostgresError.DecodingFailure) {
        self = try decodeInteger(text, type)
    }
}

extension Int16: PostgresDecodable {
    /// `int2`, `int4`, `int8` or `oid`; a value outside `Int16` is `.invalidValue`.
    public init(postgresText text: String, type: PostgresDataType) throws(PostgresError.DecodingFailure) {
        self = try decodeInteger(text, type)
    }
}

/// Types whose text is a decimal or float literal.
private let floatTypes: Set<PostgresDataType> = [.float4, .float8, .numeric, .int2, .int4, .int8]

private func decodeFloat<F: BinaryFloatingPoint & LosslessStringConvertible>(
    _ text: String, _ type: PostgresDataType
) throws(PostgresError.DecodingFailure) -> F {
    guard floatTypes.contains(type) else { throw .typeMismatch(type) }
    switch text {
    case "NaN": return .nan
    case "Infinity": return .infinity
    case "-Infinity": return -.infinity
    default:
        guard let value = F(text) else { throw .invalidValue }
        return value
    }
}

extension Double: PostgresDecodable {
    /// `float4`, `float8`, integers, or `numeric` (rounded to the nearest `Double`).
    public init(postgresText text: String, type: PostgresDataType) throws(PostgresError.DecodingFailure) {
        self = try decodeFloat(text, type)
    }
}

extension Float: PostgresDecodable {
    /// `float4`, `float8`, integers, or `numeric` (rounded to the nearest `Float`).
    public init(postgresText text: String, type: PostgresDataType) throws(PostgresError.DecodingFailure) {
        self = try decodeFloat(text, type)
    }
}
