import Foundation
import HTTPServer
import Postgres

/// The application's handle on PostgreSQL: the pool, and the one place that says what a database
/// failure means to an HTTP client.
public final class Database: Sendable {
    /// The pooled connections.
    public let pool: ConnectionPool

    /// A database reached through a pool of `size` connections.
    public init(url: String, size: Int, checkoutTimeout: Duration) {
        pool = ConnectionPool(url: url, size: size, checkoutTimeout: checkoutTimeout)
    }

    /// Runs `body` with a pooled connection.
    @discardableResult
    public func read<Result>(_ body: (PostgresConnection) throws -> Result) throws -> Result {
        try pool.withConnection(body)
    }

    /// Runs `body` in a transaction on a pooled connection; retries serialization failures.
    @discardableResult
    public func write<Result>(_ body: (PostgresConnection) throws -> Result) throws -> Result {
        try pool.withConnection { connection in
            try connection.retryingTransaction(isolation: .readCommitted, body)
        }
    }

    /// Applies pending migrations from `directory` (advisory-locked: safe with several instances).
    public func migrate(directory: String) throws -> [AppliedMigration] {
        let migrator = Migrator(directory: URL(fileURLWithPath: directory))
        return try pool.withConnection { connection in try migrator.migrate(connection) }
    }

    /// Whether a trivial query succeeds now.
    public func isReachable() -> Bool {
        (try? pool.withConnection { connection in try connection.execute("SELECT 1") }) != nil
    }
}

/// What a database failure means to the client: unreachable or overloaded → `503` with
/// `Retry-After` (the server recovers by itself); anything else → `500`. Never the server's
/// message, which may quote data.
extension PostgresError: HTTPErrorConvertible {
    /// The problem to answer with.
    public var httpError: HTTPError {
        if isConnectionLoss || isTransient || kind == .poolTimeout || kind == .unavailable {
            return HTTPError(
                .serviceUnavailable, code: "database_unavailable",
                detail: "The database is temporarily unavailable; try again shortly.", headers: ["Retry-After": "2"])
        }
        if sqlState == .uniqueViolation {
            // A race the handler's own check could not see (two admins creating the same thing).
            return HTTPError(.conflict, code: "conflict", detail: "This already exists.")
        }
        return HTTPError(
            .internalServerError, code: "internal_error", detail: "The server could not complete the request.")
    }
}
