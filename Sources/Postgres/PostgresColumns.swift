import CLibPQ

/// The column names and types of a result, with a name → index table built once per layout.
///
/// Shared by every row of a result and, when streaming, by every single-row result of the
/// stream; a prepared statement keeps its layout, so the table is built once per statement and
/// connection. Looking a name up hashes its bytes with FNV-1a into a small open-addressing table:
/// the tracking look-up reads 36 columns by name per request, and the standard library's seeded
/// hash (or a scan of the names) cost several times more.
final class PostgresColumns: Sendable {
    let names: [String]
    let types: [PostgresDataType]
    /// Index + 1 of the column whose name hashes to each slot (0: empty); a power-of-two size at
    /// least twice the column count. The first column of each name wins, as in `SELECT a.id, b.id`.
    private let slots: [Int32]

    init(result: OpaquePointer) {
        let count = Int(PQnfields(result))
        var names = [String]()
        var types = [PostgresDataType]()
        names.reserveCapacity(count)
        types.reserveCapacity(count)
        for index in 0..<count {
            let name = PQfname(result, Int32(index)).map { String(cString: $0) } ?? ""
            names.append(name)
            types.append(PostgresDataType(rawValue: PQftype(result, Int32(index))))
        }
        var size = 4
        while size < 2 * count { size *= 2 }
        var slots = [Int32](repeating: 0, count: size)
        for (index, name) in names.enumerated() {
            var slot = Self.hash(name) & (size - 1)
            while slots[slot] != 0, names[Int(slots[slot]) - 1] != name { slot = (slot + 1) & (size - 1) }
            if slots[slot] == 0 { slots[slot] = Int32(index + 1) }
        }
        self.names = names
        self.types = types
        self.slots = slots
    }

    /// The position of the first column named `name`.
    func index(of name: String) -> Int? {
        let mask = slots.count - 1
        var slot = Self.hash(name) & mask
        while slots[slot] != 0 {
            let index = Int(slots[slot]) - 1
            if names[index] == name { return index }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// FNV-1a over the name's UTF-8 bytes: unseeded, which is fine for names the server's own
    /// statements chose.
    private static func hash(_ name: String) -> Int {
        // Over the contiguous bytes (a small string is spilled to the stack), not through the
        // UTF-8 view's iterator, which cost more than the hashing itself.
        var name = name
        return name.withUTF8 { bytes in
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in bytes {
                hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            }
            return Int(truncatingIfNeeded: hash >> 1)
        }
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

    /// The value's text bytes, or nil for NULL; they live as long as the result. Text format
    /// values are NUL-terminated, but `PQgetlength` is used so no scan is needed.
    func bytes(row: Int, column: Int) -> UnsafeBufferPointer<UInt8>? {
        Self.bytes(in: pointer, row: Int32(row), column: Int32(column))
    }

    /// The same, for callers that keep the `PGresult` pointer at hand (`PostgresRowText`).
    static func bytes(in pointer: OpaquePointer, row: Int32, column: Int32) -> UnsafeBufferPointer<UInt8>? {
        let length = Int(PQgetlength(pointer, row, column))
        // Only an empty value can be NULL: the NULL check costs a call, per column of every row.
        if length == 0, PQgetisnull(pointer, row, column) != 0 { return nil }
        guard let value = PQgetvalue(pointer, row, column) else { return nil }
        return UnsafeBufferPointer(start: UnsafeRawPointer(value).assumingMemoryBound(to: UInt8.self), count: length)
    }
}
