/// A Swift value that can be sent as a bind, in PostgreSQL's text format.
///
/// The text form is what the type's input function accepts (`int8in`, `timestamptz_in`, …);
/// the declared OID lets the server type `$1 + 1` or `$1 = ANY(...)` without casts.
public protocol PostgresEncodable {
    /// The type OID sent with the bind.
    static var postgresDataType: PostgresDataType { get }
    /// The text form, or nil for SQL NULL. Throws only when the value has no text form (a JSON
    /// encoder failure); the error is reported as `.encodingFailed` naming the bind.
    func postgresText() throws -> String?
}

extension String: PostgresEncodable {
    /// `text`: explicit, so a bind never silently becomes another type. Enum columns therefore
    /// need a cast in SQL (`\(status)::case_status`).
    public static var postgresDataType: PostgresDataType { .text }
    /// The string itself.
    public func postgresText() -> String? { self }
}

extension Bool: PostgresEncodable {
    /// `bool`.
    public static var postgresDataType: PostgresDataType { .bool }
    /// `t` or `f`, as `boolout` writes it.
    public func postgresText() -> String? { self ? "t" : "f" }
}

extension Int: PostgresEncodable {
    /// `int8`: Swift's `Int` is 64 bits on every platform Guichet runs on.
    public static var postgresDataType: PostgresDataType { .int8 }
    /// Decimal digits.
    public func postgresText() -> String? { String(self) }
}

extension Int64: PostgresEncodable {
    /// `int8`.
    public static var postgresDataType: PostgresDataType { .int8 }
    /// Decimal digits.
    public func postgresText() -> String? { String(self) }
}

extension Int32: PostgresEncodable {
    /// `int4`.
    public static var postgresDataType: PostgresDataType { .int4 }
    /// Decimal digits.
    public func postgresText() -> String? { String(self) }
}

extension Int16: PostgresEncodable {
    /// `int2`.
    public static var postgresDataType: PostgresDataType { .int2 }
    /// Decimal digits.
    public func postgresText() -> String? { String(self) }
}

extension Double: PostgresEncodable {
    /// `float8`.
    public static var postgresDataType: PostgresDataType { .float8 }
    /// Swift's shortest round-tripping form; infinities and NaN in `float8in`'s spelling.
    public func postgresText() -> String? { postgresFloatText(self) }
}

extension Float: PostgresEncodable {
    /// `float4`.
    public static var postgresDataType: PostgresDataType { .float4 }
    /// Swift's shortest round-tripping form; infinities and NaN in `float4in`'s spelling.
    public func postgresText() -> String? { postgresFloatText(self) }
}

/// `float8in` accepts `Infinity`, `-Infinity` and `NaN`; Swift prints `inf` and `nan`.
private func postgresFloatText<F: BinaryFloatingPoint & LosslessStringConvertible>(_ value: F) -> String {
    if value.isNaN { return "NaN" }
    if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
    return value.description
}

extension Optional: PostgresEncodable where Wrapped: PostgresEncodable {
    /// The wrapped type's OID, so a NULL bind is still typed.
    public static var postgresDataType: PostgresDataType { Wrapped.postgresDataType }
    /// The wrapped value's text, or nil (SQL NULL).
    public func postgresText() throws -> String? {
        switch self {
        case .some(let value): return try value.postgresText()
        case .none: return nil
        }
    }
}
