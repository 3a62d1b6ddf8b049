/// A PostgreSQL error code (SQLSTATE): five characters, the first two naming the class.
///
/// Mirrors the server's `errcodes.txt` (Appendix A of the PostgreSQL manual); only the codes the
/// application reacts to are named here, every other code still compares by its raw value.
public struct SQLState: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The five-character code, for example `23505`.
    public let rawValue: String

    /// Wraps a code as reported by the server (`PG_DIAG_SQLSTATE`).
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// The two-character class, for example `23` (integrity constraint violation).
    public var errorClass: Substring {
        rawValue.prefix(2)
    }

    /// The code itself: it is a fixed vocabulary, never user data.
    public var description: String {
        rawValue
    }

    // MARK: Class 08 — connection exception

    /// `08000`: connection exception.
    public static let connectionException = SQLState(rawValue: "08000")
    /// `08003`: connection does not exist.
    public static let connectionDoesNotExist = SQLState(rawValue: "08003")
    /// `08006`: connection failure.
    public static let connectionFailure = SQLState(rawValue: "08006")

    // MARK: Class 0A — feature not supported

    /// `0A000`: feature not supported; also "cached plan must not change result type".
    public static let featureNotSupported = SQLState(rawValue: "0A000")

    // MARK: Class 22 — data exception

    /// `22001`: a string is too long for its column.
    public static let stringDataRightTruncation = SQLState(rawValue: "22001")
    /// `22003`: a number is out of range for its type.
    public static let numericValueOutOfRange = SQLState(rawValue: "22003")
    /// `22007`: a date or time value has an invalid format.
    public static let invalidDatetimeFormat = SQLState(rawValue: "22007")
    /// `22008`: a date or time field is out of range.
    public static let datetimeFieldOverflow = SQLState(rawValue: "22008")
    /// `22P02`: invalid text representation (for example a malformed UUID).
    public static let invalidTextRepresentation = SQLState(rawValue: "22P02")

    // MARK: Class 23 — integrity constraint violation

    /// `23502`: a NOT NULL column received NULL.
    public static let notNullViolation = SQLState(rawValue: "23502")
    /// `23503`: a foreign key has no matching row (or a referenced row is still used).
    public static let foreignKeyViolation = SQLState(rawValue: "23503")
    /// `23505`: a unique constraint or index already holds the value.
    public static let uniqueViolation = SQLState(rawValue: "23505")
    /// `23514`: a CHECK constraint failed.
    public static let checkViolation = SQLState(rawValue: "23514")
    /// `23P01`: an exclusion constraint failed.
    public static let exclusionViolation = SQLState(rawValue: "23P01")

    // MARK: Class 25 / 26 — transaction state, statement names

    /// `25P02`: the transaction is aborted; commands are ignored until ROLLBACK.
    public static let inFailedSQLTransaction = SQLState(rawValue: "25P02")
    /// `26000`: the named prepared statement does not exist.
    public static let invalidSQLStatementName = SQLState(rawValue: "26000")

    // MARK: Class 40 — transaction rollback

    /// `40001`: serialization failure; the transaction may succeed if retried.
    public static let serializationFailure = SQLState(rawValue: "40001")
    /// `40P01`: deadlock detected; the transaction may succeed if retried.
    public static let deadlockDetected = SQLState(rawValue: "40P01")

    // MARK: Class 42 — syntax error or access rule violation

    /// `42601`: syntax error.
    public static let syntaxError = SQLState(rawValue: "42601")
    /// `42703`: undefined column.
    public static let undefinedColumn = SQLState(rawValue: "42703")
    /// `42P01`: undefined table.
    public static let undefinedTable = SQLState(rawValue: "42P01")
    /// `42883`: undefined function.
    public static let undefinedFunction = SQLState(rawValue: "42883")
    /// `42501`: insufficient privilege.
    public static let insufficientPrivilege = SQLState(rawValue: "42501")

    // MARK: Class 55 / 57 — object state, operator intervention

    /// `55P03`: a lock could not be taken (`NOWAIT`, `lock_timeout`).
    public static let lockNotAvailable = SQLState(rawValue: "55P03")
    /// `57014`: the statement was cancelled (`statement_timeout`, a cancel request).
    public static let queryCanceled = SQLState(rawValue: "57014")
    /// `57P01`: the server is shutting down (administrator command).
    public static let adminShutdown = SQLState(rawValue: "57P01")
    /// `57P02`: the server is crashing (crash shutdown).
    public static let crashShutdown = SQLState(rawValue: "57P02")
    /// `57P03`: the server is starting up or in recovery and cannot accept connections yet.
    public static let cannotConnectNow = SQLState(rawValue: "57P03")

    // MARK: Class 53 — insufficient resources

    /// `53300`: too many connections.
    public static let tooManyConnections = SQLState(rawValue: "53300")

    // MARK: Class P0 — PL/pgSQL

    /// `P0001`: `RAISE EXCEPTION` without an explicit code.
    public static let raiseException = SQLState(rawValue: "P0001")
}
