import Foundation
import Postgres
import XCTest

/// BEGIN/COMMIT, ROLLBACK on error, and serialization failures surfacing by name.
final class TransactionTests: PostgresTestCase {
    private struct Refused: Error {}

    private func count(_ connection: PostgresConnection) throws -> Int {
        try XCTUnwrap(connection.query("SELECT count(*) AS n FROM ledger").first).decode(Int.self, column: "n")
    }

    override func setUpWithError() throws {
        try super.setUpWithError()
        try connect().execute("CREATE TABLE ledger (id int PRIMARY KEY, amount int NOT NULL)")
    }

    func testCommits() throws {
        let connection = try connect()
        let result = try connection.transaction { connection in
            try connection.execute("INSERT INTO ledger VALUES (1, 10)")
            try connection.execute("INSERT INTO ledger VALUES (2, 20)")
            return "done"
        }
        XCTAssertEqual(result, "done")
        XCTAssertEqual(try count(try connect()), 2)
        XCTAssertFalse(connection.isInTransaction)
    }

    func testRollsBackOnThrownErrorAndRethrowsIt() throws {
        let connection = try connect()
        XCTAssertThrowsError(
            try connection.transaction { connection in
                try connection.execute("INSERT INTO ledger VALUES (1, 10)")
                throw Refused()
            }
        ) { XCTAssertTrue($0 is Refused, "the original error, unchanged") }
        XCTAssertEqual(try count(connection), 0)
        XCTAssertFalse(connection.isInTransaction)

        let error = assertPostgresError {
            try connection.transaction { connection in
                try connection.execute("INSERT INTO ledger VALUES (1, 10)")
                try connection.execute("INSERT INTO ledger VALUES (1, 10)")
            }
        }
        XCTAssertEqual(error?.sqlState, .uniqueViolation)
        XCTAssertEqual(try count(connection), 0)
    }

    func testCaughtStatementErrorIsNotCommittedSilently() throws {
        let connection = try connect()
        let error = assertPostgresError {
            try connection.transaction { connection in
                try connection.execute("INSERT INTO ledger VALUES (1, 10)")
                _ = try? connection.execute("INSERT INTO ledger VALUES (1, 10)")
            }
        }
        XCTAssertEqual(error?.kind, .transactionAborted)
        XCTAssertEqual(try count(connection), 0)
    }

    func testNestedTransactionIsRefused() throws {
        let connection = try connect()
        let error = assertPostgresError {
            try connection.transaction { connection in
                try connection.transaction { _ in }
            }
        }
        XCTAssertEqual(error?.kind, .nestedTransaction)
        XCTAssertFalse(connection.isInTransaction)
    }

    func testIsolationLevel() throws {
        let connection = try connect()
        let level = try connection.transaction(isolation: .serializable) { connection in
            try XCTUnwrap(connection.query("SHOW transaction_isolation").first).decode(String.self, at: 0)
        }
        XCTAssertEqual(level, "serializable")
    }

    /// Two serializable transactions each read what the other writes: one must fail with 40001.
    func testSerializationFailureSurfacesByName() throws {
        let first = try connect()
        let second = try connect()
        try first.execute("INSERT INTO ledger VALUES (1, 10), (2, 20)")
        try first.executeScript(unsafeSQL: "BEGIN ISOLATION LEVEL SERIALIZABLE")
        try second.executeScript(unsafeSQL: "BEGIN ISOLATION LEVEL SERIALIZABLE")
        try first.query("SELECT sum(amount) FROM ledger")
        try second.query("SELECT sum(amount) FROM ledger")
        try first.execute("UPDATE ledger SET amount = amount + 1 WHERE id = 1")
        try second.execute("UPDATE ledger SET amount = amount + 1 WHERE id = 2")
        try first.executeScript(unsafeSQL: "COMMIT")
        let error = assertPostgresError { try second.executeScript(unsafeSQL: "COMMIT") }
        XCTAssertEqual(error?.sqlState, .serializationFailure)
        XCTAssertTrue(error?.isTransient ?? false)
    }

    func testRetryingTransactionRetriesSerializationFailures() throws {
        let connection = try connect()
        let rival = try connect()
        try connection.execute("INSERT INTO ledger VALUES (1, 0), (2, 0)")
        var attempts = 0
        try connection.retryingTransaction { connection in
            attempts += 1
            try connection.query("SELECT sum(amount) FROM ledger")
            if attempts == 1 {
                // A concurrent serializable transaction commits a conflicting write meanwhile.
                try rival.transaction(isolation: .serializable) { rival in
                    try rival.query("SELECT sum(amount) FROM ledger")
                    try rival.execute("UPDATE ledger SET amount = amount + 1 WHERE id = 2")
                }
            }
            try connection.execute("UPDATE ledger SET amount = amount + 1 WHERE id = 1")
        }
        XCTAssertEqual(attempts, 2)
        let total = try XCTUnwrap(connection.query("SELECT sum(amount)::int8 AS s FROM ledger").first)
        XCTAssertEqual(try total.decode(Int.self, column: "s"), 2)
    }
}
