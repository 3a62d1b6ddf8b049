/// A calendar date without a time or a time zone: SQL `date`.
///
/// Public so other modules (the domain's own local-date type) can convert to and from it
/// without this module knowing them. Validation is the server's: an impossible date such as
/// February 30 is rejected when bound (SQLSTATE 22008).
public struct PostgresDate: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The year (astronomical: 0 is 1 BC).
    public var year: Int
    /// The month, 1–12.
    public var month: Int
    /// The day of the month, 1–31.
    public var day: Int

    /// A date from its fields.
    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD` (with an optional ` BC`), as the server writes it with
    /// `DateStyle = ISO`; nil for anything else, including an impossible day.
    public init?(_ text: String) {
        guard let date = try? decodingUTF8(text, Self.init(isoBytes:)) else { return nil }
        self = date
    }

    /// Parses `YYYY-MM-DD` (with an optional ` BC`) from bytes that make up the whole value.
    init(isoBytes bytes: UnsafeBufferPointer<UInt8>) throws(PostgresError.DecodingFailure) {
        var scanner = DateTimeScanner(bytes)
        guard let date = scanner.date() else { throw .invalidValue }
        let year = scanner.era(date.year)
        guard scanner.isAtEnd else { throw .invalidValue }
        self.init(year: year, month: date.month, day: date.day)
    }

    /// Days since 1970-01-01 (negative before), for arithmetic and conversions.
    public var daysSince1970: Int {
        CivilDate.days(year: year, month: month, day: day)
    }

    /// The date `days` days after 1970-01-01.
    public init(daysSince1970 days: Int) {
        let civil = CivilDate.civil(days: days)
        self.init(year: civil.year, month: civil.month, day: civil.day)
    }

    /// `YYYY-MM-DD`, the ISO 8601 and API form.
    public var description: String {
        CivilDate.format(year: year, month: month, day: day)
    }

    /// Chronological order.
    public static func < (lhs: PostgresDate, rhs: PostgresDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}

extension PostgresDate: PostgresEncodable, PostgresDecodable {
    /// `date`.
    public static var postgresDataType: PostgresDataType { .date }

    /// `YYYY-MM-DD`.
    public func postgresText() -> String? { description }

    /// `date`; `infinity` and `-infinity` are `.invalidValue`.
    public init(postgresText text: String, type: PostgresDataType) throws(PostgresError.DecodingFailure) {
        self = try decodingUTF8(text) { bytes throws(PostgresError.DecodingFailure) in
            try PostgresDate(postgresBytes: bytes, type: type)
        }
    }

    /// `date`, read from the result's bytes.
    public init(postgresBytes bytes: UnsafeBufferPointer<UInt8>, type: PostgresDataType)
        throws(PostgresError.DecodingFailure)
    {
        guard type == .date else { throw .typeMismatch(type) }
        try self.init(isoBytes: bytes)
    }
}
