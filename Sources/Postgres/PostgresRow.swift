/// One row of a result; decodes its columns by name or position.
///
/// Decoding errors name the column and the target type, and why (NULL, server type, bad text),
/// but never the value. A row keeps its result alive, so it may outlive the loop that produced it.
public struct PostgresRow: Sendable {
    let result: PostgresResult
    let index: Int

    /// The column names, in select-list order.
    public var columns: [String] {
        result.columns.names
    }

    /// Decodes the column named `column`.
    public func decode<Value: PostgresDecodable>(
        _ type: Value.Type = Value.self, column: String
    ) throws(PostgresError) -> Value {
        guard let position = result.columns.index(of: column) else {
            throw PostgresError(.decodingFailed(column: column, type: "\(Value.self)", reason: .noSuchColumn))
        }
        return try decode(Value.self, position: position)
    }

    /// Decodes the column at `index` (0-based, in select-list order).
    public func decode<Value: PostgresDecodable>(
        _ type: Value.Type = Value.self, at index: Int
    ) throws(PostgresError) -> Value {
        guard result.columns.names.indices.contains(index) else {
            throw PostgresError(.decodingFailed(column: "#\(index)", type: "\(Value.self)", reason: .noSuchColumn))
        }
        return try decode(Value.self, position: index)
    }

    /// Lends the text of every column of the row to `body` at once, without copying: see
    /// `PostgresRowText`. The bytes live only for the call.
    public func withTexts<Value, Failure: Error>(
        _ body: (PostgresRowText) throws(Failure) -> Value
    ) throws(Failure) -> Value {
        // The row holds its result, and with it the bytes, until the call returns.
        try withExtendedLifetime(result) { () throws(Failure) -> Value in
            try body(PostgresRowText(result: result, row: index))
        }
    }

    /// True when the column named `column` is NULL (or does not exist).
    public func isNull(column: String) -> Bool {
        guard let position = result.columns.index(of: column) else { return true }
        return result.bytes(row: index, column: position) == nil
    }

    /// The column's name is looked up only for an error: copying it for every value cost a
    /// third of decoding by position (callgrind, the department counts' 300 values).
    private func decode<Value: PostgresDecodable>(
        _ type: Value.Type, position: Int
    ) throws(PostgresError) -> Value {
        do {
            // `result` is this row's own, so the bytes outlive the call that reads them.
            guard let bytes = result.bytes(row: index, column: position) else {
                return try Value.postgresNull()
            }
            return try Value(postgresBytes: bytes, type: result.columns.types[position])
        } catch {
            throw PostgresError(
                .decodingFailed(column: result.columns.names[position], type: "\(Value.self)", reason: error))
        }
    }
}
