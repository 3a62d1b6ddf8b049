import Foundation

/// Foundation's `UUID` as `uuid`.
extension UUID: PostgresEncodable, PostgresDecodable {
    /// `uuid`.
    public static var postgresDataType: PostgresDataType { .uuid }

    /// The canonical lower-case form, as `uuid_out` writes it.
    public func postgresText() -> String? { uuidString.lowercased() }

    /// `uuid`.
    public init(postgresText text: String, type: PostgresDataType) throws(PostgresError.DecodingFailure) {
        guard type == .uuid else { throw .typeMismatch(type) }
        guard let uuid = UUID(uuidString: text) else { throw .invalidValue }
        self = uuid
    }
}
