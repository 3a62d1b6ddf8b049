import CLibPQ

/// The column names and types of a result, with the name → index map built once for wide results.
///
/// Shared by every row of a result and, when streaming, by every single-row result of the
/// stream. Most results are narrow and short (a look-up's one row): for them a scan of the names,
/// which mostly differ in length, costs less than hashing every name to build a map.
final class PostgresColumns: Sendable {
    let names: [String]
    let types: [PostgresDataType]
    /// Only for results wider than `scanLimit` columns. The first column of each name wins, as in
    /// `SELECT a.id, b.id` (alias one of them).
    private let indexByName: [String: Int]
    private static let scanLimit = 24

    init(result: OpaquePointer) {
        let count = Int(PQnfields(result))
        var names = [String]()
        var types = [PostgresDataType]()
        var indexByName = [String: Int](minimumCapacity: count > Self.scanLimit ? count : 0)
        names.reserveCapacity(count)
        types.reserveCapacity(count)
        for index in 0..<count {
            let name = PQfname(result, Int32(index)).map { String(cString: $0) } ?? ""
            names.append(name)
            types.append(PostgresDataType(rawValue: PQftype(result, Int32(index))))
            if count > Self.scanLimit, indexByName[name] == nil { indexByName[name] = index }
        }
        self.names = names
        self.types = types
        self.indexByName = indexByName
    }

    /// The position of the first column named `name`.
    func index(of name: String) -> Int? {
        if names.count > Self.scanLimit { return indexByName[name] }
        return names.firstIndex(of: name)
    }

    /// True when `result` has the same column layout (the rows of one stream always do).
    func matches(_ result: OpaquePointer) -> Bool {
        guard Int(PQnfields(result)) == names.count else { return false }
        for index in 0..<names.count where PQftype(result, Int32(index)) != types[index].rawValue {
            return false
        }
        return true
    }
}

/// Owns one `PGresult` and frees it with `PQclear` when the last row referring to it is gone.
///
/// `@unchecked Sendable`: libpq documents a `PGresult` as read-only after creation and safe to
/// read from any thread; nothing here mutates it.
final class PostgresResult: @unchecked Sendable {
    let pointer: OpaquePointer
    let columns: PostgresColumns
    let rowCount: Int

    init(_ pointer: OpaquePointer, columns: PostgresColumns? = nil) {
        self.pointer = pointer
        self.columns = columns ?? PostgresColumns(result: pointer)
        self.rowCount = Int(PQntuples(pointer))
    }

    deinit {
        PQclear(pointer)
    }

    /// Rows affected by INSERT, UPDATE, DELETE, MERGE, SELECT or COPY (`PQcmdTuples`); 0 otherwise.
    var affectedRows: Int {
        guard let text = PQcmdTuples(pointer) else { return 0 }
        return Int(String(cString: text)) ?? 0
    }

    /// The value's text, or nil for NULL. Text format values are NUL-terminated, but
    /// `PQgetlength` is used so no scan is needed.
    func text(row: Int, column: Int) -> String? {
        let row = Int32(row)
        let column = Int32(column)
        guard PQgetisnull(pointer, row, column) == 0, let value = PQgetvalue(pointer, row, column) else {
            return nil
        }
        let length = Int(PQgetlength(pointer, row, column))
        return value.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
    }
}
