import Foundation
import TestSupport
import XCTest

@testable import HTTPServer

/// The connection cap: the connection over it gets a best-effort 503 and is closed; once others
/// leave, new connections are served again.
final class ConnectionCapTests: XCTestCase {
    func testConnectionOverTheCapGets503() throws {
        var limits = Limits()
        limits.maxConnections = 5
        let server = try makeServer(limits: limits)
        defer { server.shutdown() }
        var held = try (0..<5).map { _ in try RawHTTPClient(port: server.port) }
        for client in held { XCTAssertEqual(try client.request(RawHTTPClient.get("/hello")).status, 200) }

        let over = try RawHTTPClient(port: server.port)
        let response = try over.readResponse()
        XCTAssertEqual(response.status, 503)
        XCTAssertEqual(response.json["code"] as? String, "too_many_connections")
        XCTAssertEqual(response.header("Retry-After"), "1")
        XCTAssertTrue(over.isClosedByServer())

        held.removeAll()
        var served = false
        for _ in 0..<50 where !served {
            Thread.sleep(forTimeInterval: 0.05)
            if server.openConnections < 5, let client = try? RawHTTPClient(port: server.port),
                (try? client.request(RawHTTPClient.get("/hello")).status) == 200
            {
                served = true
            }
        }
        XCTAssertTrue(served, "slots were not released when clients left")
    }
}
