/// The one error type of the Postgres module.
///
/// Modelled on postgres-nio's `PSQLError`: a small `kind` says what failed, the server's
/// `sqlState` and `constraint` say why, and the server's own words are kept apart
/// (`serverMessage`) because they can quote user data. `description` therefore shows only the
/// kind, the SQLSTATE and the constraint name — never bound values, never the server's DETAIL
/// (which echoes the offending key, e.g. `Key (email)=(someone@example.org) already exists`).
public struct PostgresError: Error, Sendable, CustomStringConvertible {
    /// Why a value could not be decoded from a result column.
    public enum DecodingFailure: Error, Sendable, Hashable {
        /// The column is NULL and the target type is not optional.
        case unexpectedNull
        /// The column's server type cannot become the target type (its OID is given).
        case typeMismatch(PostgresDataType)
        /// The text does not parse as the target type, or is out of its range.
        case invalidValue
        /// The result has no column by that name or at that index.
        case noSuchColumn
    }

    /// What failed.
    public enum Kind: Sendable, Hashable {
        /// Opening a connection failed (server down, refused, authentication, bad URL).
        case connectionFailed
        /// The connection is gone (server closed it, network failure); it cannot be reused.
        case brokenConnection
        /// The server rejected a statement; see `sqlState`.
        case queryFailed
        /// A result column could not be decoded into `type`.
        case decodingFailed(column: String, type: String, reason: DecodingFailure)
        /// A bound value (1-based `bind`) could not be encoded, e.g. text with a NUL byte.
        case encodingFailed(bind: Int, type: String)
        /// More binds than the protocol allows (65,535).
        case tooManyBinds
        /// `transaction` was called while a transaction was already open on the connection.
        case nestedTransaction
        /// The transaction was aborted by an error its body caught; it was rolled back.
        case transactionAborted
        /// No pooled connection became free within the checkout timeout.
        case poolTimeout
        /// The database is unreachable; the pool refuses quickly instead of waiting.
        case unavailable
        /// The pool was shut down.
        case poolClosed
        /// A migration file failed to apply (the underlying SQLSTATE is kept).
        case migrationFailed(file: String)
        /// An applied migration's file changed since it was applied.
        case migrationChecksumMismatch(file: String)
        /// Two migration files carry the same version number.
        case duplicateMigrationVersion(Int)
        /// The migrations directory could not be read, or a file is not UTF-8 text.
        case migrationFileUnreadable(file: String)
        /// A `.sql` file in the migrations directory is not named `NNNN_name.sql`.
        case invalidMigrationName(file: String)
    }

    /// What failed.
    public var kind: Kind
    /// The server's SQLSTATE, when the server reported one.
    public var sqlState: SQLState?
    /// The constraint the server named (`PG_DIAG_CONSTRAINT_NAME`), for mapping to API errors.
    public var constraint: String?
    /// The table the server named (`PG_DIAG_TABLE_NAME`); a schema name, never user data.
    public var table: String?
    /// The column the server named (`PG_DIAG_COLUMN_NAME`); a schema name, never user data.
    public var column: String?
    /// The server's (or libpq's) primary message. It may quote values (e.g. invalid input
    /// syntax), so it is not part of `description`; log it only where data may be logged.
    public var serverMessage: String?
    /// The server function that raised the error (`PG_DIAG_SOURCE_FUNCTION`), which unlike the
    /// message is not translated; used to recognise a stale cached plan.
    var sourceFunction: String?

    /// Makes an error; the module's own code fills the server fields from a `PGresult`.
    public init(
        _ kind: Kind,
        sqlState: SQLState? = nil,
        constraint: String? = nil,
        table: String? = nil,
        column: String? = nil,
        serverMessage: String? = nil
    ) {
        self.kind = kind
        self.sqlState = sqlState
        self.constraint = constraint
        self.table = table
        self.column = column
        self.serverMessage = serverMessage
    }

    /// Kind, SQLSTATE and constraint only: safe to log and to show to operators.
    public var description: String {
        var text = "PostgresError(\(kind)"
        if let sqlState { text += ", sqlState: \(sqlState)" }
        if let constraint { text += ", constraint: \(constraint)" }
        return text + ")"
    }

    /// True when the connection or the server went away (SQLSTATE class 08, 57P01–57P03, a
    /// broken connection, a refused connect or an open circuit): answer 503, not 500.
    public var isConnectionLoss: Bool {
        switch kind {
        case .brokenConnection, .connectionFailed, .unavailable: return true
        default: break
        }
        guard let sqlState else { return false }
        return sqlState.errorClass == "08"
            || sqlState == .adminShutdown || sqlState == .crashShutdown || sqlState == .cannotConnectNow
    }

    /// True when trying again later may succeed: connection loss, pool exhaustion, or a
    /// serialization failure, deadlock or lock timeout. The application answers 503 (with
    /// `Retry-After`) or retries the transaction itself.
    public var isTransient: Bool {
        if isConnectionLoss { return true }
        if kind == .poolTimeout { return true }
        guard let sqlState else { return false }
        return sqlState == .serializationFailure || sqlState == .deadlockDetected
            || sqlState == .lockNotAvailable || sqlState == .tooManyConnections
    }

    /// Copies the server fields of `underlying` under a new kind (for example a migration
    /// failure keeping the SQLSTATE that caused it).
    func withKind(_ newKind: Kind) -> PostgresError {
        var copy = self
        copy.kind = newKind
        return copy
    }
}
