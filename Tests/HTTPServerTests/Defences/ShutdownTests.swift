import Foundation
import TestSupport
import XCTest

@testable import HTTPServer

/// Graceful shutdown: stop accepting, finish what is in flight, close idle connections.
final class ShutdownTests: XCTestCase {
    func testInFlightRequestFinishesAndNewConnectionsAreRefused() throws {
        let server = try makeServer()
        let port = server.port
        let busy = try RawHTTPClient(port: port)
        busy.send(RawHTTPClient.get("/slow"))
        let idle = try RawHTTPClient(port: port)
        XCTAssertEqual(try idle.request(RawHTTPClient.get("/hello")).status, 200)
        Thread.sleep(forTimeInterval: 0.05)

        let done = DispatchSemaphore(value: 0)
        Thread { server.shutdown(); done.signal() }.start()
        Thread.sleep(forTimeInterval: 0.05)

        let response = try busy.readResponse()
        XCTAssertEqual(response.text, "slow")
        XCTAssertEqual(response.header("Connection"), "close", "a draining server ends keep-alive")
        XCTAssertTrue(idle.isClosedByServer(), "idle connections are closed at shutdown")
        XCTAssertEqual(done.wait(timeout: .now() + 5), .success)
        XCTAssertThrowsError(try RawHTTPClient(port: port), "still accepting after shutdown")
    }
}
