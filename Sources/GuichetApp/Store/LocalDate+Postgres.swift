import GuichetCore
import Postgres

/// Dates travel to and from SQL `date` columns through the Postgres module's plain date type.
extension LocalDate: PostgresEncodable, PostgresDecodable {
    /// `date`.
    public static var postgresDataType: PostgresDataType { PostgresDate.postgresDataType }

    /// `YYYY-MM-DD`.
    public func postgresText() -> String? { description }

    /// Parses PostgreSQL's `YYYY-MM-DD` output.
    public init(postgresText text: String, type: PostgresDataType) throws(PostgresError.DecodingFailure) {
        let date = try PostgresDate(postgresText: text, type: type)
        self.init(daysSinceEpoch: date.daysSince1970)
    }

    /// Parses PostgreSQL's `YYYY-MM-DD` output from the result's bytes.
    public init(postgresBytes bytes: UnsafeBufferPointer<UInt8>, type: PostgresDataType)
        throws(PostgresError.DecodingFailure)
    {
        // The form the server writes for every date of our years, read digit by digit: a report
        // decodes one per row. Anything else (BC, a five-digit year) takes the general parser.
        if type == .date, let date = Self(isoDigits: bytes) {
            self = date
            return
        }
        let date = try PostgresDate(postgresBytes: bytes, type: type)
        self.init(daysSinceEpoch: date.daysSince1970)
    }

    /// `YYYY-MM-DD` exactly, or nil.
    private init?(isoDigits bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        var parts = (0, 0, 0)
        for (index, byte) in bytes.enumerated() where index != 4 && index != 7 {
            let digit = Int(byte &- UInt8(ascii: "0"))
            guard digit < 10 else { return nil }
            switch index {
            case ..<4: parts.0 = parts.0 * 10 + digit
            case ..<7: parts.1 = parts.1 * 10 + digit
            default: parts.2 = parts.2 * 10 + digit
            }
        }
        self.init(year: parts.0, month: parts.1, day: parts.2)
    }
}
