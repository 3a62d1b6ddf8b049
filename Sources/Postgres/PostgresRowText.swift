/// The text of one row's columns, lent by `PostgresRow.withTexts` for the length of a call: for
/// per-row writers that copy most columns through as they are (a report's JSON rows), with one
/// closure per row instead of one per value. `withTexts` keeps the result alive meanwhile.
public struct PostgresRowText {
    /// Copied out of the result so a value costs the two calls into libpq and nothing more.
    private let pointer: OpaquePointer
    private let row: Int32
    /// How many columns the row has.
    public let count: Int

    init(result: PostgresResult, row: Int) {
        self.pointer = result.pointer
        self.row = Int32(row)
        self.count = result.columns.types.count
    }

    /// The bytes of the column at `column` (0-based), or nil for NULL or a column the result does
    /// not have. They live only as long as the call that lent this value.
    public subscript(column: Int) -> UnsafeBufferPointer<UInt8>? {
        guard column >= 0, column < count else { return nil }
        return PostgresResult.bytes(in: pointer, row: row, column: Int32(column))
    }
}
