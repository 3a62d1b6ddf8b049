import Foundation
import Glibc
import Postgres
import Synchronization
import XCTest

/// Statements sent without waiting (`send`, `flush`, `receive`) as an event loop drives them, and
/// connections lent by the pool without blocking (`lend`).
final class NonBlockingQueryTests: PostgresTestCase {
    /// Drives one statement to its end the way an event loop does, with `poll` for readiness.
    private func runWithoutWaiting(_ connection: PostgresConnection, _ query: PostgresQuery) throws -> PostgresRows {
        XCTAssertTrue(try connection.send(query), "the statement should be prepared already")
        while !(try connection.flush()) { try waitFor(connection, Int16(POLLOUT)) }
        while true {
            if let rows = try connection.receive() { return rows }
            try waitFor(connection, Int16(POLLIN))
        }
    }

    private func waitFor(_ connection: PostgresConnection, _ events: Int16) throws {
        var descriptor = pollfd(fd: connection.socketDescriptor, events: events, revents: 0)
        XCTAssertEqual(poll(&descriptor, 1, 5000), 1, "no readiness within 5 s")
    }

    private func makeTable(_ connection: PostgresConnection) throws {
        try connection.execute("CREATE TABLE t (a int PRIMARY KEY, b text)")
        try connection.execute("INSERT INTO t SELECT n, 'row ' || n FROM generate_series(1, 50) AS n")
    }

    func testASentStatementAnswersAsTheBlockingOneDoes() throws {
        let connection = try connect()
        try makeTable(connection)
        let query: PostgresQuery = "SELECT a, b FROM t WHERE a <= \(30) ORDER BY a"
        let blocking = try connection.query(query).map { [try $0.decode(Int.self, column: "a")] }
        let rows = try runWithoutWaiting(connection, query)
        XCTAssertEqual(rows.count, 30)
        XCTAssertEqual(try rows.map { [try $0.decode(Int.self, column: "a")] }, blocking)
        XCTAssertEqual(try rows[29].decode(String.self, column: "b"), "row 30")
        // Back in blocking mode and usable.
        XCTAssertFalse(connection.isBroken)
        XCTAssertEqual(try connection.query("SELECT count(*)::int AS n FROM t").first?.decode(Int.self, column: "n"), 50)
    }

    func testAStatementNotYetPreparedIsNotSent() throws {
        let connection = try connect()
        let before = connection.preparedStatementCount
        XCTAssertFalse(try connection.send("SELECT \(1)::int AS one"))
        XCTAssertEqual(connection.preparedStatementCount, before)
        XCTAssertFalse(connection.isBroken)
        XCTAssertEqual(try connection.query("SELECT \(1)::int AS one").first?.decode(Int.self, column: "one"), 1)
    }

    func testTheServersErrorComesOnceTheAnswerIsComplete() throws {
        let connection = try connect()
        let divide: (Int) -> PostgresQuery = { "SELECT 1 / \($0)::int AS q" }
        XCTAssertEqual(try connection.query(divide(1)).first?.decode(Int.self, column: "q"), 1)
        let error = assertPostgresError { _ = try runWithoutWaiting(connection, divide(0)) }
        XCTAssertEqual(error?.kind, .queryFailed)
        XCTAssertEqual(error?.sqlState, SQLState(rawValue: "22012"))
        XCTAssertFalse(connection.isBroken)
        XCTAssertEqual(try runWithoutWaiting(connection, divide(2)).first?.decode(Int.self, column: "q"), 0)
    }

    func testAStalePlanIsForgottenThenPreparedAgainByTheBlockingPath() throws {
        let connection = try connect()
        try makeTable(connection)
        let query: PostgresQuery = "SELECT a FROM t WHERE a = \(7)"
        _ = try connection.query(query)
        try connection.execute("ALTER TABLE t ALTER COLUMN a TYPE bigint")
        let error = assertPostgresError { _ = try runWithoutWaiting(connection, query) }
        XCTAssertEqual(error?.sqlState, .featureNotSupported)
        // Forgotten: not sent again until the blocking path prepares it anew.
        XCTAssertFalse(try connection.send(query))
        XCTAssertEqual(try connection.query(query).first?.decode(Int.self, column: "a"), 7)
        XCTAssertEqual(try runWithoutWaiting(connection, query).first?.decode(Int.self, column: "a"), 7)
        // The stale statement was deallocated on the server, not leaked.
        let prepared = try connection.query("SELECT count(*)::int AS n FROM pg_prepared_statements")
        XCTAssertEqual(try prepared.first?.decode(Int.self, column: "n"), connection.preparedStatementCount)
    }

    func testALostConnectionIsReportedBroken() throws {
        let connection = try connect()
        let admin = try connect()
        let sleep: (Double) -> PostgresQuery = { "SELECT pg_sleep(\($0)::float8)::text AS slept" }
        _ = try connection.query(sleep(0))
        XCTAssertTrue(try connection.send(sleep(5)))
        XCTAssertTrue(try connection.flush())
        try admin.query("SELECT pg_terminate_backend(\(connection.backendPID))")
        let error = assertPostgresError {
            while try connection.receive() == nil { try waitFor(connection, Int16(POLLIN)) }
        }
        XCTAssertEqual(error?.kind, .brokenConnection)
        XCTAssertTrue(connection.isBroken)
    }

    // MARK: Lending without blocking

    func testLendRefusesWhileTheBlockingPathMayStillConnect() throws {
        let pool = ConnectionPool(url: try databaseURL(), size: 1, checkoutTimeout: .seconds(2))
        guard case .refused = pool.lend(orLater: { _ in XCTFail("nothing is queued") }) else {
            return XCTFail("an empty pool must leave connecting to the blocking path")
        }
        XCTAssertEqual(pool.stats.inUse, 0)
    }

    func testLendQueuesUntilAConnectionComesBack() throws {
        let pool = ConnectionPool(url: try databaseURL(), size: 1, checkoutTimeout: .seconds(2))
        let pid = try pool.withConnection { $0.backendPID }
        guard case .lent(let connection) = pool.lend(orLater: { _ in XCTFail("one was idle") }) else {
            return XCTFail("the idle connection should be lent")
        }
        XCTAssertEqual(connection.backendPID, pid)
        let later = Mutex<[Int32?]>([])
        guard case .queued = pool.lend(orLater: { lent in later.withLock { $0.append(lent?.backendPID) } }) else {
            return XCTFail("with none idle and the pool full, the second must wait")
        }
        XCTAssertEqual(pool.stats.waiting, 1)
        pool.checkin(connection)
        XCTAssertEqual(later.withLock { $0 }, [pid])
        XCTAssertEqual(pool.stats.inUse, 1)
        XCTAssertEqual(pool.stats.waiting, 0)
    }

    /// What a waiting lend was told: for each call, whether it got nil (take the blocking path).
    private final class Told: Sendable {
        let nils = Mutex<[Bool]>([])
    }

    /// A pool of one whose connection is lent, and a second lend waiting.
    private func poolWithAWaitingLoop() throws -> (ConnectionPool, PostgresConnection, Told) {
        let pool = ConnectionPool(url: try databaseURL(), size: 1, checkoutTimeout: .seconds(2))
        _ = try pool.withConnection { $0.backendPID }
        guard case .lent(let connection) = pool.lend(orLater: { _ in }) else {
            throw PostgresError(.poolTimeout)
        }
        let told = Told()
        guard case .queued = pool.lend(orLater: { lent in told.nils.withLock { $0.append(lent == nil) } }) else {
            throw PostgresError(.poolTimeout)
        }
        return (pool, connection, told)
    }

    func testWaitingLoopsAreToldWhenTheConnectionIsLost() throws {
        let (pool, connection, later) = try poolWithAWaitingLoop()
        // Given back with an answer unread: discarded, and the waiting loop told to go the blocking way.
        _ = try connection.query("SELECT \(1)::int AS one")
        XCTAssertTrue(try connection.send("SELECT \(1)::int AS one"))
        pool.checkin(connection)
        XCTAssertEqual(later.nils.withLock { $0 }, [true])
        XCTAssertEqual(pool.stats.open, 0)
        XCTAssertEqual(pool.stats.inUse, 0)
    }

    func testClosingThePoolReleasesWaitingLoops() throws {
        let (pool, connection, later) = try poolWithAWaitingLoop()
        pool.close()
        XCTAssertEqual(later.nils.withLock { $0 }, [true])
        pool.checkin(connection)
        guard case .refused = pool.lend(orLater: { _ in }) else { return XCTFail("a closed pool lends nothing") }
    }
}
