/// The statements a connection has prepared (`PQprepare`), keyed by SQL text and bind types.
///
/// Parsing and planning once per connection instead of once per call is the cheap half of
/// throughput. Bounded, least recently used first out, because every prepared statement holds
/// memory in the server backend for the life of the session.
struct PreparedStatementCache {
    /// The same SQL with other bind types is another statement (`$1` is typed at prepare time).
    struct Key: Hashable {
        let sql: String
        let types: [PostgresDataType]

        /// The key of `query`'s statement, once its binds are checked.
        init(validating query: PostgresQuery) throws(PostgresError) {
            try query.binds.validate()
            sql = query.sql
            types = query.binds.types
        }

        /// Hashes the text's length and its first and last bytes only: statement texts run to
        /// kilobytes, and SipHash over every byte of the tracking statement was 3% of a look-up.
        /// Texts that share those bytes still differ under `==`, which compares them whole.
        func hash(into hasher: inout Hasher) {
            var sql = sql
            sql.withUTF8 { bytes in
                hasher.combine(bytes.count)
                hasher.combine(bytes: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes.prefix(Self.sampled))))
                hasher.combine(bytes: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes.suffix(Self.sampled))))
            }
            hasher.combine(types)
        }

        private static let sampled = 64
    }

    private struct Entry {
        let name: String
        var lastUse: UInt64
        /// The result layout of the last execution, reused while it matches: reading every
        /// column's name out of each result was a few percent of a look-up.
        var columns: PostgresColumns?
    }

    let capacity: Int
    private var entries: [Key: Entry] = [:]
    private var clock: UInt64 = 0
    private var nextNumber = 0

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    var count: Int { entries.count }

    /// The statement name for `key` and its last result layout, marking it as recently used.
    mutating func lookUp(_ key: Key) -> (name: String, columns: PostgresColumns?)? {
        clock += 1
        let now = clock
        guard let index = entries.index(forKey: key) else { return nil }
        entries.values[index].lastUse = now
        let entry = entries.values[index]
        return (entry.name, entry.columns)
    }

    /// Remembers the result layout of `key`'s statement.
    mutating func setColumns(_ columns: PostgresColumns, for key: Key) {
        guard let index = entries.index(forKey: key) else { return }
        entries.values[index].columns = columns
    }

    /// A fresh statement name for `key`; the least recently used entry's name is returned as
    /// `evicted` when the cache is full, for the caller to `DEALLOCATE`.
    mutating func insert(_ key: Key) -> (name: String, evicted: String?) {
        var evicted: String?
        if entries.count >= capacity, let oldest = entries.min(by: { $0.value.lastUse < $1.value.lastUse }) {
            entries[oldest.key] = nil
            evicted = oldest.value.name
        }
        clock += 1
        nextNumber += 1
        let name = "guichet_\(nextNumber)"
        entries[key] = Entry(name: name, lastUse: clock)
        return (name, evicted)
    }

    /// Forgets `key`, returning its statement name.
    mutating func remove(_ key: Key) -> String? {
        entries.removeValue(forKey: key)?.name
    }
}
