import Foundation
import Glibc
import GuichetApp
import Postgres
import TestSupport
import XCTest

/// Past one machine: two instances behind nginx on one PostgreSQL primary, their reports reading a
/// streaming replica. One instance is SIGKILLed under load and the other carries on; nothing
/// acknowledged is lost, references stay gapless, a retried key never makes a second case, both
/// sweepers escalate each case once, reports come from the replica and fall back to the primary
/// when it goes away. `make soak` runs the longer version (scripts/soak_cluster.py).
final class TwoInstancesTests: XCTestCase {
    /// What the clients saw during the load, shared by their threads.
    final class Ledger: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var acknowledged: [String: String] = [:]  // idempotency key → reference
        private(set) var conflicts: [String] = []
        private(set) var statuses: [Int: Int] = [:]  // every answer that was not a 201, by status
        private(set) var connectionErrors = 0
        private(set) var attempts = 0
        private(set) var acknowledgedAfterKill = 0
        var killed = false

        func record(key: String, reference: String) {
            lock.withLock {
                attempts += 1
                if let previous = acknowledged[key], previous != reference { conflicts.append(key) }
                acknowledged[key] = reference
                if killed { acknowledgedAfterKill += 1 }
            }
        }
        func refused(_ status: Int?) {
            lock.withLock {
                attempts += 1
                if let status { statuses[status, default: 0] += 1 } else { connectionErrors += 1 }
            }
        }
        func markKilled() { lock.withLock { killed = true } }
    }

    private var replicaStarted = false

    override func tearDown() {
        if replicaStarted { try? TestCluster.destroyReplica() }
        super.tearDown()
    }

    func testTwoInstancesBehindNginxSurviveAKillAndReportsReadTheReplica() throws {
        // The primary's test database, then the replica (which copies the whole cluster).
        let database = try TestDatabase()
        defer { try? database.drop() }
        let app = Database(url: database.url, size: 1, checkoutTimeout: .seconds(10))
        _ = try app.migrate(directory: ServerProcess.root + "/Migrations")
        let seeded = try DemoSeeder.seed(app)
        app.pool.close()
        var accounts: [String: String] = [:]
        for account in seeded { accounts[account.username] = account.password }
        try TestCluster.startReplica()
        replicaStarted = true
        let replicaURL = try TestCluster.replicaURL(database: database.name)
        let replica = try PostgresConnection(url: replicaURL)
        let standby: Bool? = try replica.query("SELECT pg_is_in_recovery() AS standby").first?.decode(column: "standby")
        XCTAssertEqual(standby, true, "the replica is not in recovery")

        // Two instances, each with its sweeper, their reports on the replica, nginx in front.
        let arguments =
            [
                "--test-clock", "--no-access-log", "--reports-database-url", replicaURL, "--trusted-proxy",
                "127.0.0.1/32",
            ]
            + GuichetFixture.relaxedLimits
        var first = try ServerProcess(databaseURL: database.url, arguments: arguments)
        let second = try ServerProcess(databaseURL: database.url, arguments: arguments)
        defer {
            first.stop()
            second.stop()
        }
        let nginx = try NginxProcess(upstreams: [first.port, second.port])
        defer { nginx.stop() }
        let proxied = GuichetFixture(attachingTo: second, database: database, accounts: accounts, entryPort: nginx.port)
        let ready = try proxied.request("GET", "/readyz")
        XCTAssertEqual(ready.status, 200, ready.text)
        XCTAssertEqual(ready["reports_database"] as? String, "replica")

        // Concurrent filings through nginx; the first instance is SIGKILLed a third of the way in.
        let ledger = Ledger()
        let stop = DispatchTimeInterval.seconds(6)
        let group = DispatchGroup()
        let ends = DispatchTime.now() + stop
        for client in 0..<6 {
            DispatchQueue.global().async(group: group) {
                Self.fileUntil(ends, client: client, via: proxied, ledger: ledger)
            }
        }
        Thread.sleep(forTimeInterval: 2)
        let servedByFirst = try Self.metric(
            "guichet_http_requests_total{method=\"POST\",route=\"/api/v1/cases\",status=\"201\"}", of: first)
        XCTAssertGreaterThan(servedByFirst, 0, "nginx sent no filing to the first instance")
        first.stop(signal: SIGKILL)
        ledger.markKilled()
        group.wait()

        // Every acknowledged filing is in the register, once, and the register has no hole.
        let primary = try database.connect()
        let stored = Set(
            try primary.query("SELECT reference FROM cases").map { row -> String in
                try row.decode(column: "reference")
            })
        let acknowledged = ledger.acknowledged
        XCTAssertGreaterThan(acknowledged.count, 20, "too little load to prove anything")
        XCTAssertGreaterThan(ledger.acknowledgedAfterKill, 0, "the second instance did not carry on")
        XCTAssertEqual(ledger.conflicts, [], "a retried idempotency key got another reference")
        XCTAssertEqual(Set(acknowledged.values).count, acknowledged.count, "two keys, one reference")
        XCTAssertEqual(Set(acknowledged.values).subtracting(stored), [], "acknowledged but not stored")
        let holes = try primary.query(
            """
            SELECT office FROM cases GROUP BY office, year HAVING count(*) <> max(number) OR min(number) <> 1
            """)
        XCTAssertEqual(holes.count, 0, "references with holes")
        let keys: Int =
            try primary.query("SELECT count(DISTINCT reference) AS n FROM idempotency_keys").first?
            .decode(column: "n") ?? -1
        XCTAssertEqual(keys, stored.count, "every case was filed with a key, so one key per case")
        // Only requests in flight on the killed instance may fail; their retries must succeed.
        let failed = ledger.statuses.values.reduce(0, +) + ledger.connectionErrors
        XCTAssertLessThanOrEqual(failed, 12, "failures through nginx: \(ledger.statuses), \(ledger.connectionErrors)")
        XCTAssertEqual(Set(ledger.statuses.keys).subtracting([502, 503, 504]), [], "\(ledger.statuses)")
        print(
            "two instances: \(acknowledged.count) acknowledged (\(ledger.acknowledgedAfterKill) after the kill), "
                + "\(stored.count) stored, \(ledger.attempts) attempts, refused \(ledger.statuses), "
                + "connection errors \(ledger.connectionErrors)")

        // The killed instance comes back on its port; both sweepers run at once past every deadline.
        first = try ServerProcess(databaseURL: database.url, arguments: arguments + ["--port", String(first.port)])
        let direct = [
            GuichetFixture(attachingTo: first, database: database, accounts: accounts),
            GuichetFixture(attachingTo: second, database: database, accounts: accounts),
        ]
        let later = ISO8601DateFormatter().string(from: Date().addingTimeInterval(40 * 86_400))
        let sweeps = DispatchGroup()
        let sweepErrors = ConcurrentResults()
        for instance in direct {
            DispatchQueue.global().async(group: sweeps) {
                do { try instance.setClock(later) } catch { sweepErrors.fail("\(error)") }
            }
        }
        sweeps.wait()
        XCTAssertEqual(sweepErrors.failures, [])
        let escalations = try primary.query(
            "SELECT reference, count(*) AS n FROM case_events WHERE type = 'escalated' GROUP BY reference")
        XCTAssertEqual(escalations.count, stored.count, "every case is overdue: one escalation each")
        for row in escalations {
            let reference: String = try row.decode(column: "reference")
            XCTAssertEqual(try row.decode(column: "n") as Int, 1, "\(reference) escalated more than once")
        }

        // Reports read the replica: with its replay paused, a case resolved on the primary still
        // shows as overdue; once replay resumes, it leaves the report.
        let reference = try XCTUnwrap(acknowledged.values.sorted().first)
        let admin = try proxied.signIn("admin")  // once: the polls below run every 50 ms
        XCTAssertTrue(try waitUntil { try Self.overdue(via: proxied, token: admin).count == stored.count }, "replica never caught up")
        try replica.execute("SELECT pg_wal_replay_pause()")
        let resolved = try proxied.changeStatus(reference, to: "resolved", as: "admin", message: "Prêt au guichet.")
        XCTAssertEqual(resolved.status, 200, resolved.text)
        XCTAssertEqual(try proxied.view(reference, as: "admin")["status"] as? String, "resolved")
        XCTAssertTrue(try Self.overdue(via: proxied, token: admin).contains(reference), "the report did not come from the replica")
        try replica.execute("SELECT pg_wal_replay_resume()")
        XCTAssertTrue(try waitUntil { try !Self.overdue(via: proxied, token: admin).contains(reference) }, "replay never showed it")

        // The replica goes away: reports fall back to the primary, readiness stays up and says so.
        try TestCluster.stopReplica(mode: "immediate")
        let fallback = try Self.overdue(via: proxied, token: admin)
        XCTAssertEqual(fallback.count, stored.count - 1)
        XCTAssertFalse(fallback.contains(reference))
        let degraded = try proxied.request("GET", "/readyz")
        XCTAssertEqual(degraded.status, 200, degraded.text)
        XCTAssertEqual(degraded["reports_database"] as? String, "replica_unreachable")
        let fallbacks = try direct.map { try Self.metric("guichet_reports_fallbacks_total", of: $0.server) }.reduce(
            0, +)
        XCTAssertGreaterThan(fallbacks, 0)
    }

    /// Files cases until `deadline`, each with a new idempotency key, retrying the same key on
    /// any failure (nginx's 502 for a request lost with the killed instance, a 503, a reset).
    private static func fileUntil(_ deadline: DispatchTime, client: Int, via fixture: GuichetFixture, ledger: Ledger) {
        var count = 0
        while DispatchTime.now() < deadline {
            let key = "two-instances-\(client)-\(count)"
            count += 1
            let body: [String: Any] = [
                "office": "TUN", "service": "birth-certificate", "subject": "Extrait \(key)",
                "description": "Deux instances", "applicant": ["name": "Client \(client)"],
            ]
            for _ in 0..<20 {
                do {
                    let reply = try fixture.request(
                        "POST", "/api/v1/cases", json: body, headers: ["Idempotency-Key": key])
                    if reply.status == 201, let reference = reply["reference"] as? String {
                        ledger.record(key: key, reference: reference)
                        break
                    }
                    ledger.refused(reply.status)
                } catch {
                    ledger.refused(nil)
                }
                Thread.sleep(forTimeInterval: 0.1)
            }
        }
    }

    /// The references in the overdue report, as the administrator sees it through nginx.
    private static func overdue(via fixture: GuichetFixture, token: String) throws -> Set<String> {
        let reply = try fixture.request("GET", "/api/v1/reports/overdue", token: token)
        guard reply.status == 200 else { throw GuichetFixture.FixtureError(description: "overdue: \(reply.text)") }
        return Set((reply["items"] as? [[String: Any]] ?? []).compactMap { $0["reference"] as? String })
    }

    /// A counter from the instance's /metrics (0 when absent).
    private static func metric(_ name: String, of server: ServerProcess) throws -> Int {
        let text = try server.get("/metrics").text
        let line = text.split(separator: "\n").first { $0.hasPrefix(name + " ") }
        return line.flatMap { Int($0.split(separator: " ").last ?? "") } ?? 0
    }
}
