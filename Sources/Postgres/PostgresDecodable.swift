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
        self = try decodingUTF8(text) { bytes throws(PostgresError.DecodingFailure) in
            try Bool(postgresBytes: bytes, type: type)
        }
    }

    /// The same, from the bytes (no `String` for one letter).
    public init(postgresBytes bytes: UnsafeBufferPointer<UInt8>, type: PostgresDataType)
        throws(PostgresError.DecodingFailure)
    {
        guard type == .bool else { throw .typeMismatch(type) }
        guard bytes.count == 1 else { throw .invalidValue }
        switch bytes[0] {
        case UInt8(ascii: "t"): self = true
        case UInt8(ascii: "f"): self = false
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

/// A Swift integer read from `int2`, `int4`, `int8` or `oid` text, a narrower one with its range
/// checked. Read straight from the result's bytes: no `String` per value, which arrays of numbers
/// (a tracking answer's timeline) paid once per element.
public protocol PostgresInteger: FixedWidthInteger, PostgresDecodable {}

extension PostgresInteger {
    /// `int2`, `int4`, `int8` or `oid`; a value outside `Self` is `.invalidValue`.
    public init(postgresText text: String, type: PostgresDataType) throws(PostgresError.DecodingFailure) {
        self = try decodingUTF8(text) { bytes throws(PostgresError.DecodingFailure) in try Self(digits: bytes, type) }
    }

    /// The same, from the bytes.
    public init(postgresBytes bytes: UnsafeBufferPointer<UInt8>, type: PostgresDataType)
        throws(PostgresError.DecodingFailure)
    {
        self = try Self(digits: bytes, type)
    }

    /// An optional sign and decimal digits, as `int8out` writes them (and `Int("…")` reads them).
    private init(digits bytes: UnsafeBufferPointer<UInt8>, _ type: PostgresDataType)
        throws(PostgresError.DecodingFailure)
    {
        guard type == .int8 || type == .int4 || type == .int2 || type == .oid else { throw .typeMismatch(type) }
        let negative = bytes.first == UInt8(ascii: "-")
        var index = negative || bytes.first == UInt8(ascii: "+") ? 1 : 0
        guard index < bytes.count else { throw .invalidValue }
        var value: Self = 0
        while index < bytes.count {
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit < 10 else { throw .invalidValue }
            let (shifted, overflowed) = value.multipliedReportingOverflow(by: 10)
            // Accumulated negative for a negative number, so `Int.min` reads without overflow.
            let (next, outOfRange) =
                negative
                ? shifted.subtractingReportingOverflow(Self(digit)) : shifted.addingReportingOverflow(Self(digit))
            guard !overflowed, !outOfRange else { throw .invalidValue }
            value = next
            index += 1
        }
        self = value
    }
}

extension Int: PostgresInteger {}
extension Int64: PostgresInteger {}
extension Int32: PostgresInteger {}
extension Int16: PostgresInteger {}

/// Types whose text is a decimal or float literal. A comparison each, not a set: hashing the type
/// was a visible share of decoding an array of numbers.
private func isFloatSource(_ type: PostgresDataType) -> Bool {
    type == .float8 || type == .float4 || type == .numeric || type == .int8 || type == .int4 || type == .int2
}

private func decodeFloat<F: BinaryFloatingPoint & LosslessStringConvertible>(
    _ text: String, _ type: PostgresDataType
) throws(PostgresError.DecodingFailure) -> F {
    guard isFloatSource(type) else { throw .typeMismatch(type) }
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
