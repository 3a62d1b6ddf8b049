import Foundation
import TestSupport
import XCTest

@testable import HTTPServer

/// Thousands of idle keep-alive connections, held without a thread each.
final class IdleConnectionsTests: XCTestCase {
    func testHolds1500IdleKeepAliveConnectionsWithoutAThreadEach() throws {
        let server = try makeServer(eventLoops: 2, workers: 4)
        defer { server.shutdown() }
        let threadsBefore = Self.threadCount()
        var clients: [RawHTTPClient] = []
        for _ in 0..<1500 {
            let client = try RawHTTPClient(port: server.port)
            client.send(RawHTTPClient.get("/hello"))
            clients.append(client)
        }
        for client in clients { XCTAssertEqual(try client.readResponse().status, 200) }
        XCTAssertEqual(server.openConnections, 1500)
        XCTAssertLessThanOrEqual(Self.threadCount(), threadsBefore + 2, "threads grew with connections")
        // Every connection is still alive and usable.
        for client in clients.prefix(100) { XCTAssertEqual(try client.request(RawHTTPClient.get("/hello")).status, 200) }
    }

    static func threadCount() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return -1 }
        for line in status.split(separator: "\n") where line.hasPrefix("Threads:") {
            return Int(line.dropFirst(8).trimmingCharacters(in: .whitespaces)) ?? -1
        }
        return -1
    }
}
