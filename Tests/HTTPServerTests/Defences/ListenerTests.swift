import TestSupport
import XCTest

@testable import HTTPServer

/// One listening socket shared by all loops: connections are spread over the loops, and a second
/// server on the same port fails loudly instead of silently taking half the traffic.
final class ListenerTests: XCTestCase {
    func testSecondServerOnTheSamePortIsRefused() throws {
        let server = try makeServer()
        defer { server.shutdown() }
        XCTAssertThrowsError(try makeServer(port: server.port)) { error in
            XCTAssertEqual((error as? SystemError)?.call, "bind")
        }
        XCTAssertEqual(try RawHTTPClient(port: server.port).request(RawHTTPClient.get("/hello")).status, 200)
    }

    func testSixtyFourConnectionsAcrossFourLoopsAreAllServed() throws {
        let server = try makeServer(eventLoops: 4)
        defer { server.shutdown() }
        let clients = try (0..<64).map { _ in try RawHTTPClient(port: server.port) }
        for client in clients { XCTAssertEqual(try client.request(RawHTTPClient.get("/hello")).text, "hello") }
    }
}
