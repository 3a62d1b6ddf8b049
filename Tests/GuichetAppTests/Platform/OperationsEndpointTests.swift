import Foundation
import TestSupport
import XCTest

/// `/healthz`, `/readyz`, `/metrics`, the access log and graceful shutdown, through the real binary.
final class OperationsEndpointTests: XCTestCase {
    var database: TestDatabase!
    var server: ServerProcess!

    override func setUpWithError() throws {
        database = try TestDatabase()
        server = try ServerProcess(databaseURL: database.url)
    }

    override func tearDownWithError() throws {
        server?.stop()
        try database?.drop()
    }

    func testHealthAndReadiness() throws {
        let health = try server.get("/healthz")
        XCTAssertEqual(health.status, 200)
        XCTAssertEqual(health.text, "ok")
        let ready = try server.get("/readyz")
        XCTAssertEqual(ready.status, 200)
        XCTAssertEqual(ready.json["database"] as? String, "ok")
        XCTAssertEqual(ready.json["test_clock"] as? Bool, false)
        XCTAssertEqual(ready.json["reports_database"] as? String, "primary", "no replica given: reports read the primary")
    }

    func testMetricsCountRequestsByRoutePattern() throws {
        _ = try server.get("/healthz")
        _ = try server.get("/healthz")
        _ = try server.get("/no/such/file")
        let metrics = try server.get("/metrics")
        XCTAssertEqual(metrics.status, 200)
        XCTAssertTrue(metrics.header("Content-Type")?.hasPrefix("text/plain; version=0.0.4") ?? false)
        XCTAssertTrue(metrics.text.contains("guichet_http_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"} 2"))
        XCTAssertTrue(metrics.text.contains("route=\"/{path...}\",status=\"404\"} 1"), "raw paths never become labels")
        XCTAssertTrue(metrics.text.contains("guichet_http_request_duration_seconds_bucket{route=\"/healthz\",le=\"+Inf\"} 2"))
        XCTAssertTrue(metrics.text.contains("guichet_http_open_connections "))
        XCTAssertTrue(metrics.text.contains("guichet_db_pool_connections{state=\"size\"} 4"))
    }

    func testAccessLogHasOneLinePerRequestAndNoQueryString() throws {
        _ = try server.get("/healthz?key=SECRETKEY1")
        _ = try server.get("/css/guichet.css?token=abc")
        server.stop()
        let log = server.standardOutput
        XCTAssertFalse(log.contains("SECRETKEY1"), log)
        XCTAssertFalse(log.contains("token=abc"), log)
        XCTAssertTrue(log.contains("\"GET /healthz\" 200"), log)
        XCTAssertTrue(log.contains("\"GET /css/guichet.css\" 200"), log)
    }

    func testSIGTERMFinishesCleanly() throws {
        let client = try server.client()
        XCTAssertEqual(try client.request(RawHTTPClient.get("/healthz")).status, 200)
        XCTAssertEqual(server.stop(signal: SIGTERM), 0)
        XCTAssertTrue(server.standardError.contains("shutting down"))
        XCTAssertTrue(client.isClosedByServer(), "idle keep-alive connection left open at shutdown")
    }

    func testMigrationsRanOnStartAndAreRecorded() throws {
        let connection = try database.connect()
        let rows = try connection.query("SELECT version FROM schema_migrations ORDER BY version")
        XCTAssertGreaterThanOrEqual(rows.count, 1)
        XCTAssertEqual(try rows[0].decode(Int.self, column: "version"), 1)
        // A second start finds nothing to do and still serves.
        let second = try ServerProcess(databaseURL: database.url)
        defer { second.stop() }
        XCTAssertFalse(second.standardError.contains("migrated"))
        XCTAssertEqual(try second.get("/healthz").status, 200)
    }

    func testTestClockIsAbsentWithoutTheFlag() throws {
        let client = try server.client()
        let body = "{\"now\":\"2026-11-23T09:00:00Z\"}"
        let response = try client.request(
            "PUT /api/v1/test/clock HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: \(body.utf8.count)\r\n\r\n\(body)")
        XCTAssertEqual(response.status, 404)
        XCTAssertEqual(response.json["code"] as? String, "not_found")
        XCTAssertEqual(try server.get("/api/v1/test/clock").status, 404)
    }

    func testUnknownFlagIsRefused() throws {
        XCTAssertThrowsError(try ServerProcess(databaseURL: database.url, arguments: ["--prot", "1"], timeout: 5))
    }
}
