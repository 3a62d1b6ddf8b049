import CLibPQ
import Foundation

/// The isolation level of a transaction (`BEGIN ISOLATION LEVEL …`).
public enum PostgresIsolationLevel: String, Sendable {
    /// PostgreSQL's default: each statement sees data committed before it began.
    case readCommitted = "READ COMMITTED"
    /// One snapshot for the whole transaction; concurrent updates fail with 40001.
    case repeatableRead = "REPEATABLE READ"
    /// As if transactions ran one after another; conflicts fail with 40001.
    case serializable = "SERIALIZABLE"
}

extension PostgresConnection {
    /// Runs `body` inside `BEGIN` … `COMMIT`; any error thrown by `body` rolls back and is
    /// rethrown unchanged.
    ///
    /// If `body` caught a statement error itself, the server has already aborted the
    /// transaction and a COMMIT would silently roll back; that case is rolled back and reported
    /// as `.transactionAborted` instead of pretending success. A COMMIT that fails (for example
    /// a serialization failure detected at commit) throws its own error.
    public func transaction<Result>(
        isolation: PostgresIsolationLevel? = nil,
        _ body: (PostgresConnection) throws -> Result
    ) throws -> Result {
        guard PQtransactionStatus(handle) == PQTRANS_IDLE else { throw PostgresError(.nestedTransaction) }
        try simpleCommand(isolation.map { "BEGIN ISOLATION LEVEL \($0.rawValue)" } ?? "BEGIN")
        let result: Result
        do {
            result = try body(self)
        } catch {
            rollbackQuietly()
            throw error
        }
        if PQtransactionStatus(handle) == PQTRANS_INERROR {
            rollbackQuietly()
            throw PostgresError(.transactionAborted)
        }
        do {
            try simpleCommand("COMMIT")
        } catch {
            rollbackQuietly()
            throw error
        }
        return result
    }

    /// Runs `transaction(isolation:_:)` and retries it, up to `attempts` times in all, when it
    /// fails with a serialization failure (40001) or a deadlock (40P01) — the errors PostgreSQL
    /// documents as "retry the whole transaction". A short random pause between attempts keeps
    /// the contenders from colliding again. `body` must therefore be safe to run more than once.
    public func retryingTransaction<Result>(
        isolation: PostgresIsolationLevel = .serializable,
        attempts: Int = 3,
        _ body: (PostgresConnection) throws -> Result
    ) throws -> Result {
        var attempt = 1
        while true {
            do {
                return try transaction(isolation: isolation, body)
            } catch let error as PostgresError
                where attempt < attempts
                && (error.sqlState == .serializationFailure || error.sqlState == .deadlockDetected)
            {
                attempt += 1
                Thread.sleep(forTimeInterval: Double.random(in: 0.001...0.010) * Double(attempt))
            }
        }
    }

    /// ROLLBACK, ignoring its failure: the original error matters more, and a connection that
    /// cannot roll back is broken and will be discarded by the pool.
    private func rollbackQuietly() {
        guard PQtransactionStatus(handle) != PQTRANS_IDLE, !isBroken else { return }
        try? simpleCommand("ROLLBACK")
    }
}
