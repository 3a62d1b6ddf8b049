import TestSupport
import XCTest

@testable import HTTPServer

/// Each size limit of `Limits`, over a real socket: the status it produces, and that the server
/// answers before the client has finished sending (it counts bytes as they arrive).
final class LimitsTests: XCTestCase {
    var server: Server!

    override func setUpWithError() throws { server = try makeServer() }
    override func tearDown() { server.shutdown() }

    func testRequestLineOver8KiBIs414() {
        let target = "/" + String(repeating: "a", count: 8 * 1024)
        assertRejected("GET \(target) HTTP/1.1\r\nHost: x\r\n\r\n", port: server.port, status: 414,
            code: "request_line_too_long")
    }

    func testRequestLineLimitAppliesBeforeLineEnds() throws {
        // No CRLF ever comes: the server must not wait for one.
        let client = try RawHTTPClient(port: server.port)
        client.send("GET /" + String(repeating: "a", count: 9 * 1024))
        XCTAssertEqual(try client.readResponse().status, 414)
    }

    func testHeaderSectionOver32KiBIs431() {
        let filler = (0..<40).map { "X-Filler-\($0): " + String(repeating: "v", count: 1000) + "\r\n" }.joined()
        assertRejected("GET / HTTP/1.1\r\nHost: x\r\n\(filler)\r\n", port: server.port, status: 431,
            code: "headers_too_large")
    }

    func testMoreThan100FieldsIs431() {
        let fields = (0..<101).map { "X-\($0): 1\r\n" }.joined()
        assertRejected("GET / HTTP/1.1\r\nHost: x\r\n\(fields)\r\n", port: server.port, status: 431,
            code: "too_many_headers")
    }

    func testExactly100FieldsIsAccepted() throws {
        let fields = (0..<99).map { "X-\($0): 1\r\n" }.joined()
        let client = try RawHTTPClient(port: server.port)
        XCTAssertEqual(try client.request("GET /hello HTTP/1.1\r\nHost: x\r\n\(fields)\r\n").status, 200)
    }

    func testContentLengthOver1MiBIs413BeforeTheBody() throws {
        let client = try RawHTTPClient(port: server.port)
        // Announce 2 MiB but send nothing: the answer comes from the header alone.
        client.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: \(2 * 1024 * 1024)\r\n\r\n")
        let response = try client.readResponse()
        XCTAssertEqual(response.status, 413)
        XCTAssertEqual(response.json["code"] as? String, "body_too_large")
    }

    func testBodyOfExactly1MiBIsAccepted() throws {
        let client = try RawHTTPClient(port: server.port)
        let body = [UInt8](repeating: 0x61, count: 1024 * 1024)
        client.send(Array("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: \(body.count)\r\n\r\n".utf8) + body)
        let response = try client.readResponse()
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.body.count, body.count)
    }

    func testChunkedBodyOver1MiBIs413() {
        let chunk = String(repeating: "b", count: 64 * 1024)
        let chunks = (0..<17).map { _ in "10000\r\n\(chunk)\r\n" }.joined()
        assertRejected("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n\(chunks)0\r\n\r\n",
            port: server.port, status: 413, code: "body_too_large")
    }

    func testHugeChunkSizeIs413WithoutWaitingForData() throws {
        let client = try RawHTTPClient(port: server.port)
        client.send("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFF\r\n")
        XCTAssertEqual(try client.readResponse().status, 413)
    }

    func testChunkSizeWithTooManyDigitsIs400() {
        assertRejected(
            "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n000000000000000000005\r\nhello\r\n0\r\n\r\n",
            port: server.port, status: 400, code: "invalid_chunk")
    }
}
