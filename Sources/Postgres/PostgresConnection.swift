import CLibPQ
import Foundation

/// One libpq connection (`PGconn`), used by one thread at a time.
///
/// Statements run through the extended protocol with text-format binds and results, prepared
/// once per connection (`PQprepare`, then `PQexecPrepared`) and kept in a bounded cache.
/// The session is set to `TimeZone = 'UTC'` and `DateStyle = 'ISO, YMD'` so timestamps have one
/// text form. Closed (`PQfinish`) when released.
///
/// `@unchecked Sendable`: the pool hands a connection from one worker thread to another. It is
/// never used by two threads at once — a checkout gives one thread exclusive use until it is
/// returned — and libpq allows a `PGconn` to move between threads under that rule.
public final class PostgresConnection: @unchecked Sendable {
    /// How many prepared statements a connection keeps before evicting the least recently used.
    public static let defaultStatementCacheCapacity = 512

    let handle: OpaquePointer
    private var statements: PreparedStatementCache
    /// Statements dropped while a failed transaction refused `DEALLOCATE`; freed when idle.
    private var orphanedStatements: [String] = []
    /// Set when libpq reported a failure that leaves the protocol state unknown (no result, no
    /// SQLSTATE) while `PQstatus` may still say OK, e.g. a failed send before the EOF is read.
    private var knownBroken = false
    /// The statement `send` put on the wire and `receive` has not finished reading.
    var pendingQuery: PendingQuery?

    /// Connects (`PQconnectdbParams`) to a `postgresql://` URL or a `key=value` string.
    ///
    /// `connectTimeout` bounds the connect (libpq's `connect_timeout`, at least 2 s); a
    /// `connect_timeout` in the URL wins. The error's `serverMessage` holds libpq's reason.
    public init(
        url: String,
        connectTimeout: Duration = .seconds(5),
        statementCacheCapacity: Int = PostgresConnection.defaultStatementCacheCapacity
    ) throws(PostgresError) {
        // Order matters: keywords after `dbname` (the expanded URL) override the URL's.
        let parameters: [(String, String)] = [
            ("connect_timeout", String(max(2, connectTimeout.components.seconds))),
            ("fallback_application_name", "guichet"),
            ("dbname", url),
            ("client_encoding", "UTF8"),
        ]
        guard let handle = Self.connect(parameters) else {
            throw PostgresError(.connectionFailed, serverMessage: "out of memory")
        }
        guard PQstatus(handle) == CONNECTION_OK else {
            let message = Self.errorMessage(handle)
            PQfinish(handle)
            throw PostgresError(.connectionFailed, serverMessage: message)
        }
        self.handle = handle
        self.statements = PreparedStatementCache(capacity: statementCacheCapacity)
        // One round trip; the text forms the decoders expect do not depend on server defaults.
        try simpleCommand("SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'; SET bytea_output = 'hex'")
    }

    deinit {
        PQfinish(handle)
    }

    /// True when the connection is unusable (`PQstatus` is not `CONNECTION_OK`): the server
    /// closed it or the network failed. The pool discards such connections.
    public var isBroken: Bool {
        knownBroken || PQstatus(handle) != CONNECTION_OK
    }

    /// True while a transaction block is open (or failed and awaiting ROLLBACK).
    public var isInTransaction: Bool {
        let status = PQtransactionStatus(handle)
        return status == PQTRANS_INTRANS || status == PQTRANS_INERROR
    }

    /// The backend's process id (`PQbackendPID`), e.g. for `pg_terminate_backend` in tests.
    public var backendPID: Int32 {
        PQbackendPID(handle)
    }

    /// The number of statements currently prepared on this connection.
    public var preparedStatementCount: Int {
        statements.count
    }

    /// Runs a statement and returns all its rows (held in memory).
    @discardableResult
    public func query(_ query: PostgresQuery) throws(PostgresError) -> PostgresRows {
        PostgresRows(try run(query))
    }

    /// Runs a statement and returns the number of rows it affected.
    @discardableResult
    public func execute(_ query: PostgresQuery) throws(PostgresError) -> Int {
        try run(query).affectedRows
    }

    /// Runs a script of one or more statements with the simple protocol (`PQexec`), without
    /// binds. Only for trusted text such as migration files: the name says so at the call site.
    public func executeScript(unsafeSQL script: String) throws(PostgresError) {
        try simpleCommand(script)
    }

    /// Checks without blocking whether the server closed the connection while it sat idle.
    ///
    /// An idle session that does not LISTEN receives nothing unsolicited except its goodbye
    /// (a FATAL 57P01 from `pg_terminate_backend` or a shutdown, then EOF), so a readable socket
    /// (`poll` with a zero timeout) means the connection is finished. One syscall, no round
    /// trip. Used by the pool before handing out an idle connection.
    func isAliveWhenIdle() -> Bool {
        guard !isBroken, PQtransactionStatus(handle) == PQTRANS_IDLE else { return false }
        var descriptor = pollfd(fd: PQsocket(handle), events: Int16(POLLIN), revents: 0)
        let ready = poll(&descriptor, 1, 0)
        if ready == 0 { return true }
        if ready < 0 { return errno == EINTR }
        knownBroken = true
        return false
    }

    // MARK: - Running statements

    private func run(_ query: PostgresQuery) throws(PostgresError) -> PostgresResult {
        let key = try PreparedStatementCache.Key(validating: query)
        var retried = false
        while true {
            let (name, knownColumns) = try preparedStatement(for: key)
            let result = withBindPointers(query.binds) { values in
                PQexecPrepared(handle, name, Int32(values.count), values, nil, nil, 0)
            }
            do {
                return layOut(try checked(result), key: key, knownColumns: knownColumns)
            } catch {
                // Inside a failed transaction a retry cannot succeed, so the error goes up and the
                // entry is simply forgotten.
                guard forgetIfStale(key, after: error) else { throw error }
                guard !retried, PQtransactionStatus(handle) == PQTRANS_IDLE else { throw error }
                retried = true
            }
        }
    }

    /// Wraps a successful result, reusing the statement's known column layout when it matches.
    func layOut(
        _ pointer: OpaquePointer, key: PreparedStatementCache.Key, knownColumns: PostgresColumns?
    ) -> PostgresResult {
        // A changed result shape cannot reach here with the old layout: the server refuses the
        // stale plan (0A000, see `forgetIfStale`) and the entry is dropped with its layout.
        if let knownColumns, knownColumns.matches(pointer) {
            return PostgresResult(pointer, columns: knownColumns)
        }
        let fresh = PostgresResult(pointer)
        statements.setColumns(fresh.columns, for: key)
        return fresh
    }

    /// Forgets `key`'s prepared statement when `error` says its plan went stale (a column type
    /// changed: 0A000 "cached plan must not change result type") or it vanished (26000, after
    /// DISCARD ALL), so the next use prepares it again; true when it did. A stale statement still
    /// exists on the server and is deallocated when the connection is next idle.
    func forgetIfStale(_ key: PreparedStatementCache.Key, after error: PostgresError) -> Bool {
        let stalePlan = error.sqlState == .featureNotSupported && error.sourceFunction == "RevalidateCachedQuery"
        guard stalePlan || error.sqlState == .invalidSQLStatementName else { return false }
        if let name = statements.remove(key), stalePlan { orphanedStatements.append(name) }
        return true
    }

    /// The prepared statement for `key` and its last result layout, if this connection has one;
    /// prepares nothing.
    func preparedStatementIfAny(for key: PreparedStatementCache.Key) -> (name: String, columns: PostgresColumns?)? {
        statements.lookUp(key)
    }

    private func preparedStatement(
        for key: PreparedStatementCache.Key
    ) throws(PostgresError) -> (name: String, columns: PostgresColumns?) {
        if let known = preparedStatementIfAny(for: key) { return known }
        if PQtransactionStatus(handle) == PQTRANS_IDLE { releaseOrphans() }
        let (name, evicted) = statements.insert(key)
        if let evicted { deallocate(evicted) }
        let types = key.types.map(\.rawValue)
        let result = PQprepare(handle, name, key.sql, Int32(types.count), types)
        do {
            _ = PostgresResult(try checked(result))
        } catch {
            _ = statements.remove(key)
            throw error
        }
        return (name, nil)
    }

    /// `DEALLOCATE` now, or later if the transaction is failed (it would refuse the command).
    private func deallocate(_ name: String) {
        guard PQtransactionStatus(handle) != PQTRANS_INERROR else {
            orphanedStatements.append(name)
            return
        }
        try? simpleCommand("DEALLOCATE \(name)")
    }

    private func releaseOrphans() {
        let names = orphanedStatements
        orphanedStatements.removeAll()
        for name in names { try? simpleCommand("DEALLOCATE \(name)") }
    }

    /// Runs trusted, bind-less SQL with `PQexec` (transaction control, session settings).
    func simpleCommand(_ sql: String) throws(PostgresError) {
        _ = PostgresResult(try checked(PQexec(handle, sql)))
    }

    /// Returns a successful result, or frees it and throws the server's error.
    func checked(_ result: OpaquePointer?) throws(PostgresError) -> OpaquePointer {
        guard let result else {
            // libpq returns no result when it could not even send: the connection is gone.
            throw markBroken()
        }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_SINGLE_TUPLE, PGRES_EMPTY_QUERY:
            return result
        default:
            let error = makeError(result)
            PQclear(result)
            throw error
        }
    }

    /// Records that the connection is unusable and returns the error to throw.
    func markBroken() -> PostgresError {
        knownBroken = true
        return PostgresError(.brokenConnection, serverMessage: Self.errorMessage(handle))
    }

    /// Reads the diagnostic fields of a failed result (`PQresultErrorField`).
    func makeError(_ result: OpaquePointer) -> PostgresError {
        // The PG_DIAG_* macros are character literals, which Swift does not import.
        func field(_ code: Unicode.Scalar) -> String? {
            PQresultErrorField(result, Int32(code.value)).map { String(cString: $0) }
        }
        let sqlState = field("C" /* PG_DIAG_SQLSTATE */).map(SQLState.init(rawValue:))
        var message = field("M" /* PG_DIAG_MESSAGE_PRIMARY */)
        if message == nil, let text = PQresultErrorMessage(result) { message = String(cString: text) }
        // Every server error has a SQLSTATE; one without comes from libpq itself ("server closed
        // the connection unexpectedly", "could not send data"), and the session is lost.
        if sqlState == nil || sqlState == .adminShutdown || sqlState == .crashShutdown { knownBroken = true }
        let lost = isBroken
        var error = PostgresError(
            lost ? .brokenConnection : .queryFailed,
            sqlState: sqlState,
            constraint: field("n" /* PG_DIAG_CONSTRAINT_NAME */),
            table: field("t" /* PG_DIAG_TABLE_NAME */),
            column: field("c" /* PG_DIAG_COLUMN_NAME */),
            serverMessage: message
        )
        error.sourceFunction = field("R" /* PG_DIAG_SOURCE_FUNCTION */)
        return error
    }

    static func errorMessage(_ handle: OpaquePointer) -> String {
        PQerrorMessage(handle).map { String(cString: $0) }?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
    }

    private static func connect(_ parameters: [(String, String)]) -> OpaquePointer? {
        // libpq wants NULL-terminated arrays of C strings; strdup keeps them valid for the call.
        let keywords = parameters.map { strdup($0.0) } + [nil]
        let values = parameters.map { strdup($0.1) } + [nil]
        defer {
            keywords.forEach { free($0) }
            values.forEach { free($0) }
        }
        let keywordPointers = keywords.map { $0.map { UnsafePointer($0) } }
        let valuePointers = values.map { $0.map { UnsafePointer($0) } }
        return PQconnectdbParams(keywordPointers, valuePointers, 1)
    }
}

/// Lends libpq the binds as C strings (nil for NULL), all in one buffer.
func withBindPointers<Result>(
    _ binds: PostgresBindings, _ body: ([UnsafePointer<CChar>?]) -> Result
) -> Result {
    var buffer = [CChar]()
    var offsets = [Int?]()
    offsets.reserveCapacity(binds.count)
    for value in binds.values {
        guard let value else {
            offsets.append(nil)
            continue
        }
        offsets.append(buffer.count)
        buffer.append(contentsOf: value.utf8.map { CChar(bitPattern: $0) })
        buffer.append(0)
    }
    return buffer.withUnsafeBufferPointer { storage in
        let pointers = offsets.map { offset -> UnsafePointer<CChar>? in
            guard let offset, let base = storage.baseAddress else { return nil }
            return base + offset
        }
        return body(pointers)
    }
}
