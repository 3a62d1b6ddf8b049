/// The rows of a completed query, held in memory (one `PGresult`).
///
/// For results too large to hold, use `PostgresConnection.forEachRow`.
public struct PostgresRows: RandomAccessCollection, Sendable {
    let result: PostgresResult

    init(_ result: PostgresResult) {
        self.result = result
    }

    /// The column names, in select-list order.
    public var columns: [String] {
        result.columns.names
    }

    /// The server type of each column.
    public var columnTypes: [PostgresDataType] {
        result.columns.types
    }

    /// Rows affected by the statement (`PQcmdTuples`): for `UPDATE … RETURNING` the updated rows.
    public var affectedRows: Int {
        result.affectedRows
    }

    /// 0.
    public var startIndex: Int { 0 }

    /// The number of rows.
    public var endIndex: Int { result.rowCount }

    /// The row at `position`.
    public subscript(position: Int) -> PostgresRow {
        PostgresRow(result: result, index: position)
    }
}
