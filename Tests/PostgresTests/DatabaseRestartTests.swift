import Foundation
import Postgres
import TestSupport
import XCTest

/// The whole cluster stops (as in a crash) and comes back; the pool follows without a restart.
final class DatabaseRestartTests: PostgresTestCase {
    func testPoolSaysUnavailableFastAndRecovers() throws {
        let pool = ConnectionPool(
            url: try databaseURL(), size: 2, checkoutTimeout: .seconds(2),
            connectTimeout: .seconds(2), failureCooldown: .seconds(1))
        let direct = try connect()
        try pool.withConnection { _ in try pool.withConnection { _ in } }
        XCTAssertEqual(pool.stats.open, 2)

        // Whatever happens below, the cluster must be running again for the next tests
        // (`db.sh start` does nothing if it already runs).
        defer { XCTAssertNoThrow(try TestCluster.start()) }
        try TestCluster.stopImmediately()

        // A connection in hand reports the loss as such.
        let lost = assertPostgresError { try direct.query("SELECT 1") }
        XCTAssertTrue(lost?.isConnectionLoss ?? false, "\(String(describing: lost))")

        // Checkouts fail fast with .unavailable: the dead idle connections are noticed without a
        // round trip, the first connect fails at once, then the circuit breaker answers.
        for attempt in 0..<5 {
            let started = ContinuousClock.now
            let error = assertPostgresError { try pool.withConnection { _ in } }
            XCTAssertEqual(error?.kind, .unavailable, "attempt \(attempt)")
            XCTAssertTrue(error?.isTransient ?? false)
            XCTAssertLessThan(ContinuousClock.now - started, .milliseconds(500), "attempt \(attempt)")
        }
        XCTAssertEqual(pool.stats.open, 0)
        XCTAssertEqual(pool.stats.inUse, 0)

        try TestCluster.start()
        // The same pool recovers once the cooldown has passed.
        let deadline = ContinuousClock.now + .seconds(15)
        var recovered = false
        while !recovered, ContinuousClock.now < deadline {
            if let one = try? pool.withConnection({ try $0.query("SELECT 1 AS one").first?.decode(Int.self, column: "one") }) {
                recovered = one == 1
            } else {
                Thread.sleep(forTimeInterval: 0.2)
            }
        }
        XCTAssertTrue(recovered)
        XCTAssertEqual(pool.stats.inUse, 0)
        XCTAssertLessThanOrEqual(pool.stats.open, 2)
    }
}
