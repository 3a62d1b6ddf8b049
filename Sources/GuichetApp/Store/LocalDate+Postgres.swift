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
        let date = try PostgresDate(postgresBytes: bytes, type: type)
        self.init(daysSinceEpoch: date.daysSince1970)
    }
}
