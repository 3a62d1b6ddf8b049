import Foundation
import TestSupport
import XCTest

@testable import HTTPServer

/// Slow clients must not stop anyone else from being served.
final class SlowClientTests: XCTestCase {
    func testHalfSentRequestLinesDoNotBlockOthers() throws {
        let server = try makeServer(eventLoops: 1)
        defer { server.shutdown() }
        // 200 clients each stuck in the middle of a request line, on the one event loop.
        let stuck = try (0..<200).map { _ in try RawHTTPClient(port: server.port) }
        for client in stuck { client.send("GET /hel") }
        let started = Date()
        for _ in 0..<20 {
            let client = try RawHTTPClient(port: server.port)
            XCTAssertEqual(try client.request(RawHTTPClient.get("/hello")).text, "hello")
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 2)
        for client in stuck { client.send("lo HTTP/1.1\r\nHost: x\r\n\r\n") }
        for client in stuck { XCTAssertEqual(try client.readResponse().status, 200) }
    }

    func testBlockingHandlersDoNotStallTheLoop() throws {
        let server = try makeServer(eventLoops: 1, workers: 2)
        defer { server.shutdown() }
        let slow = try RawHTTPClient(port: server.port)
        slow.send(RawHTTPClient.get("/slow"))
        let started = Date()
        let quick = try RawHTTPClient(port: server.port)
        XCTAssertEqual(try quick.request(RawHTTPClient.get("/hello")).text, "hello")
        XCTAssertLessThan(Date().timeIntervalSince(started), 0.25, "inline route waited for a blocking one")
        XCTAssertEqual(try slow.readResponse().text, "slow")
    }
}
