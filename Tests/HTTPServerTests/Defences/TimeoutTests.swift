import Foundation
import TestSupport
import XCTest

@testable import HTTPServer

/// Header, body, idle and write deadlines, with short limits so the tests take well under a second
/// each; the loop's deadline heap must fire them without any request arriving.
final class TimeoutTests: XCTestCase {
    var server: Server!

    override func setUpWithError() throws {
        var limits = Limits()
        limits.headerTimeout = .milliseconds(300)
        limits.bodyTimeout = .milliseconds(300)
        limits.idleTimeout = .milliseconds(500)
        limits.writeTimeout = .milliseconds(500)
        server = try makeServer(limits: limits)
    }

    override func tearDown() { server.shutdown() }

    func testHalfSentHeadGets408() throws {
        let client = try RawHTTPClient(port: server.port)
        client.send("GET /hello HTTP/1.1\r\nHost: x\r\n")
        let started = Date()
        let response = try client.readResponse()
        XCTAssertEqual(response.status, 408)
        XCTAssertEqual(response.json["code"] as? String, "request_timeout")
        XCTAssertLessThan(Date().timeIntervalSince(started), 2)
        XCTAssertTrue(client.isClosedByServer())
    }

    func testTricklingHeadStillTimesOut() throws {
        // A slow-loris client sends a byte at a time: the header deadline counts from the first byte.
        let client = try RawHTTPClient(port: server.port)
        let started = Date()
        var status = 0
        for byte in Array("GET /hello HTTP/1.1\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa".utf8) {
            guard client.send([byte]) else { break }
            Thread.sleep(forTimeInterval: 0.05)
            if Date().timeIntervalSince(started) > 0.6 { break }
        }
        status = (try? client.readResponse().status) ?? 0
        XCTAssertEqual(status, 408)
    }

    func testStalledBodyGets408() throws {
        let client = try RawHTTPClient(port: server.port)
        client.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc")
        XCTAssertEqual(try client.readResponse().status, 408)
    }

    func testIdleKeepAliveConnectionIsClosedSilently() throws {
        let client = try RawHTTPClient(port: server.port)
        XCTAssertEqual(try client.request(RawHTTPClient.get("/hello")).status, 200)
        client.setTimeout(3)
        let rest = try client.readUntilClose()
        XCTAssertEqual(rest, [], "an idle timeout sends nothing, not a 408")
    }

    func testClientThatNeverReadsIsDisconnected() throws {
        let client = try RawHTTPClient(port: server.port)
        var size: Int32 = 4096
        setsockopt(client.fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        client.send(RawHTTPClient.get("/big"))
        // The client never reads: once the write makes no progress for the write timeout, the
        // server drops the connection (seen from the server's side; reading would make progress).
        let started = Date()
        while server.openConnections > 0 && Date().timeIntervalSince(started) < 5 {
            Thread.sleep(forTimeInterval: 0.05)
        }
        XCTAssertEqual(server.openConnections, 0, "a stalled reader kept its connection")
        XCTAssertLessThan(Date().timeIntervalSince(started), 3)
        let other = try RawHTTPClient(port: server.port)
        XCTAssertEqual(try other.request(RawHTTPClient.get("/hello")).status, 200)
        withExtendedLifetime(client) {}
    }
}
