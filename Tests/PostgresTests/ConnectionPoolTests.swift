import Foundation
import Postgres
import XCTest

/// Bounded checkout, timeouts, hand-over to waiters, broken connections replaced.
final class ConnectionPoolTests: PostgresTestCase {
    private func makePool(size: Int = 2, timeout: Duration = .seconds(2)) throws -> ConnectionPool {
        ConnectionPool(url: try databaseURL(), size: size, checkoutTimeout: timeout)
    }

    func testOpensLazilyAndReuses() throws {
        let pool = try makePool()
        XCTAssertEqual(pool.stats.open, 0)
        let first = try pool.withConnection { $0.backendPID }
        let second = try pool.withConnection { $0.backendPID }
        XCTAssertEqual(first, second)
        let stats = pool.stats
        XCTAssertEqual([stats.size, stats.open, stats.inUse, stats.waiting, stats.timeouts], [2, 1, 0, 0, 0])
    }

    func testExhaustionTimesOut() throws {
        let pool = try makePool(size: 2, timeout: .milliseconds(300))
        try pool.withConnection { _ in
            try pool.withConnection { _ in
                XCTAssertEqual(pool.stats.inUse, 2)
                let started = ContinuousClock.now
                let error = assertPostgresError { try pool.withConnection { _ in } }
                let waited = ContinuousClock.now - started
                XCTAssertEqual(error?.kind, .poolTimeout)
                XCTAssertTrue(error?.isTransient ?? false)
                XCTAssertGreaterThanOrEqual(waited, .milliseconds(280))
                XCTAssertLessThan(waited, .seconds(2))
            }
        }
        XCTAssertEqual(pool.stats.timeouts, 1)
        XCTAssertEqual(pool.stats.waiting, 0)
        XCTAssertEqual(pool.stats.inUse, 0)
    }

    func testWaiterGetsTheReturnedConnection() throws {
        let pool = try makePool(size: 1, timeout: .seconds(5))
        let holding = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)
        let holder = Thread {
            _ = try? pool.withConnection { _ in
                holding.signal()
                Thread.sleep(forTimeInterval: 0.3)
            }
            done.signal()
        }
        holder.start()
        holding.wait()
        let started = ContinuousClock.now
        let value = try pool.withConnection { connection in
            try XCTUnwrap(connection.query("SELECT 5 AS five").first).decode(Int.self, column: "five")
        }
        XCTAssertEqual(value, 5)
        XCTAssertGreaterThanOrEqual(ContinuousClock.now - started, .milliseconds(150))
        done.wait()
        XCTAssertEqual(pool.stats.open, 1)
    }

    func testBrokenConnectionIsDiscardedAndReplaced() throws {
        let pool = try makePool(size: 1)
        let admin = try connect()
        // Broken while in use: the query fails, the connection is not returned.
        let error = assertPostgresError {
            try pool.withConnection { connection in
                try admin.query("SELECT pg_terminate_backend(\(connection.backendPID))")
                try connection.query("SELECT 1")
            }
        }
        XCTAssertEqual(error?.kind, .brokenConnection)
        XCTAssertEqual(pool.stats.open, 0)
        XCTAssertEqual(pool.stats.inUse, 0)

        // Killed while idle: found dead at checkout and replaced, without an error.
        let idlePID = try pool.withConnection { $0.backendPID }
        try admin.query("SELECT pg_terminate_backend(\(idlePID))")
        Thread.sleep(forTimeInterval: 0.2)
        let freshPID = try pool.withConnection { connection in
            XCTAssertEqual(try connection.query("SELECT 1 AS one").count, 1)
            return connection.backendPID
        }
        XCTAssertNotEqual(freshPID, idlePID)
        XCTAssertEqual(pool.stats.open, 1)
    }

    func testLeftOpenTransactionIsRolledBackBeforeReuse() throws {
        let pool = try makePool(size: 1)
        try pool.withConnection { connection in
            try connection.execute("CREATE TABLE t (n int)")
            try connection.executeScript(unsafeSQL: "BEGIN; INSERT INTO t VALUES (1)")
        }
        try pool.withConnection { connection in
            XCTAssertFalse(connection.isInTransaction)
            XCTAssertEqual(try connection.query("SELECT * FROM t").count, 0)
        }
    }

    func testManyThreadsShareFewConnections() throws {
        let pool = try makePool(size: 3, timeout: .seconds(10))
        let failures = FailureCounter()
        let group = DispatchGroup()
        for _ in 0..<8 {
            group.enter()
            Thread {
                for n in 0..<40 {
                    do {
                        let value = try pool.withConnection { connection in
                            try XCTUnwrap(connection.query("SELECT \(n) AS n").first).decode(Int.self, column: "n")
                        }
                        if value != n { failures.add() }
                    } catch {
                        failures.add()
                    }
                }
                group.leave()
            }.start()
        }
        group.wait()
        XCTAssertEqual(failures.value, 0)
        XCTAssertLessThanOrEqual(pool.stats.open, 3)
        XCTAssertEqual(pool.stats.inUse, 0)
    }

    func testClosedPoolRefuses() throws {
        let pool = try makePool()
        try pool.withConnection { _ in }
        pool.close()
        XCTAssertEqual(assertPostgresError { try pool.withConnection { _ in } }?.kind, .poolClosed)
        XCTAssertEqual(pool.stats.open, 0)
    }
}

/// A thread-safe counter for the stress test.
final class FailureCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    func add() {
        lock.withLock { count += 1 }
    }

    var value: Int {
        lock.withLock { count }
    }
}
