import TestSupport
import XCTest

@testable import HTTPServer

final class KeepAliveTests: XCTestCase {
    var server: Server!

    override func setUpWithError() throws { server = try makeServer() }
    override func tearDown() { server.shutdown() }

    func testKeepAliveServesSeveralRequestsOnOneConnection() throws {
        let client = try RawHTTPClient(port: server.port)
        for _ in 0..<5 {
            let response = try client.request(RawHTTPClient.get("/hello"))
            XCTAssertEqual(response.status, 200)
            XCTAssertEqual(response.text, "hello")
            XCTAssertNil(response.header("Connection"))
        }
    }

    func testPipelinedRequestsAnswerInOrder() throws {
        let client = try RawHTTPClient(port: server.port)
        // A slow blocking handler first: its answer must still come before the quick inline one.
        client.send(
            RawHTTPClient.get("/slow")
                + "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nfirst"
                + RawHTTPClient.get("/hello")
                + "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 6\r\n\r\nsecond")
        XCTAssertEqual(try client.readResponse().text, "slow")
        XCTAssertEqual(try client.readResponse().text, "first")
        XCTAssertEqual(try client.readResponse().text, "hello")
        XCTAssertEqual(try client.readResponse().text, "second")
    }

    func testHTTP10ClosesUnlessKeepAliveAsked() throws {
        let client = try RawHTTPClient(port: server.port)
        let response = try client.request("GET /hello HTTP/1.0\r\n\r\n")
        XCTAssertEqual(response.statusLine, "HTTP/1.0 200 OK")
        XCTAssertTrue(client.isClosedByServer())

        let keep = try RawHTTPClient(port: server.port)
        let first = try keep.request("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
        XCTAssertEqual(first.header("Connection")?.lowercased(), "keep-alive")
        XCTAssertEqual(try keep.request("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").status, 200)
    }

    func testConnectionCloseIsHonoured() throws {
        let client = try RawHTTPClient(port: server.port)
        let response = try client.request("GET /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.header("Connection"), "close")
        XCTAssertTrue(client.isClosedByServer())
    }

    func testHeadHasLengthButNoBody() throws {
        let client = try RawHTTPClient(port: server.port)
        client.send("HEAD /hello HTTP/1.1\r\nHost: x\r\n\r\n" + RawHTTPClient.get("/hello"))
        let head = try client.readResponse(head: true)
        XCTAssertEqual(head.header("Content-Length"), "5")
        // The next response must start right after the head: no stray body bytes in between.
        XCTAssertEqual(try client.readResponse().text, "hello")
    }

    func testLargeResponseIsWrittenCompletely() throws {
        let client = try RawHTTPClient(port: server.port)
        let response = try client.request(RawHTTPClient.get("/big"))
        XCTAssertEqual(response.body.count, 4 * 1024 * 1024)
        XCTAssertEqual(try client.request(RawHTTPClient.get("/hello")).text, "hello")
    }

    func testSmallStreamedBodyIsSentWholeWithItsLength() throws {
        let client = try RawHTTPClient(port: server.port)
        let response = try client.request(RawHTTPClient.get("/stream"))
        // 1,000 short rows stay under the spool limit: one response with Content-Length, no chunks.
        XCTAssertNil(response.header("Transfer-Encoding"))
        XCTAssertEqual(response.header("Content-Length"), String(response.body.count))
        let lines = response.text.split(separator: "\n")
        XCTAssertEqual(lines.count, 1000)
        XCTAssertEqual(lines.last, "row,999")
        XCTAssertEqual(try client.request(RawHTTPClient.get("/hello")).text, "hello")
    }

    func testLargeStreamedBodyIsChunkedAndComplete() throws {
        let client = try RawHTTPClient(port: server.port)
        let response = try client.request(RawHTTPClient.get("/stream-large"))
        XCTAssertEqual(response.header("Transfer-Encoding"), "chunked")
        XCTAssertNil(response.header("Content-Length"))
        let lines = response.text.split(separator: "\n")
        XCTAssertEqual(lines.count, 30_000)
        XCTAssertEqual(lines.first, "row,0")
        XCTAssertEqual(lines.last, "row,29999")
        XCTAssertEqual(try client.request(RawHTTPClient.get("/hello")).text, "hello")
    }

    func testStreamOnHTTP10IsDelimitedByClose() throws {
        let client = try RawHTTPClient(port: server.port)
        client.send("GET /stream-large HTTP/1.0\r\n\r\n")
        let raw = String(decoding: try client.readUntilClose(), as: UTF8.self)
        XCTAssertTrue(raw.hasPrefix("HTTP/1.0 200 OK"), raw.prefix(100).description)
        XCTAssertFalse(raw.lowercased().contains("transfer-encoding"))
        XCTAssertTrue(raw.hasSuffix("row,29999\n"))
    }

    func testStreamFailingBeforeItsBodyLeftIsAProblemAndTheConnectionStays() throws {
        let client = try RawHTTPClient(port: server.port)
        let response = try client.request(RawHTTPClient.get("/stream-fails-early"))
        XCTAssertEqual(response.status, 500)
        XCTAssertEqual(response.header("Content-Type"), "application/problem+json")
        XCTAssertEqual(response.json["code"] as? String, "internal_error")
        XCTAssertFalse(response.text.contains("row,0"))
        XCTAssertEqual(try client.request(RawHTTPClient.get("/hello")).text, "hello")
    }

    func testStreamFailingAfterItsHeadLeftIsTruncatedAndClosed() throws {
        let client = try RawHTTPClient(port: server.port)
        client.send(RawHTTPClient.get("/stream-fails-late"))
        let raw = String(decoding: try client.readUntilClose(), as: UTF8.self)
        XCTAssertTrue(raw.hasPrefix("HTTP/1.1 200"), raw.prefix(100).description)
        XCTAssertTrue(raw.contains("row,10000\n"))
        // No last chunk: a client sees a truncated body, never a complete-looking one.
        XCTAssertFalse(raw.hasSuffix("0\r\n\r\n"))
    }

    func testStreamAnsweredOnTheLoopIsChunked() throws {
        let client = try RawHTTPClient(port: server.port)
        let response = try client.request(RawHTTPClient.get("/stream-inline"))
        XCTAssertEqual(response.header("Transfer-Encoding"), "chunked")
        XCTAssertEqual(response.text.split(separator: "\n").last, "row,9")
        let head = try client.request("HEAD /stream-inline HTTP/1.1\r\nHost: x\r\n\r\n", head: true)
        XCTAssertEqual(head.status, 200)
        XCTAssertEqual(try client.request(RawHTTPClient.get("/hello")).text, "hello")
    }

    func testResponseHeaderInjectionIsRefused() throws {
        let client = try RawHTTPClient(port: server.port)
        let response = try client.request(RawHTTPClient.get("/bad-header"))
        XCTAssertEqual(response.status, 500)
        XCTAssertNil(response.header("Set-Cookie"))
    }

    func testChunkedRequestBodyIsDecoded() throws {
        let client = try RawHTTPClient(port: server.port)
        let response = try client.request(
            "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\n\r\n")
        XCTAssertEqual(response.text, "hello world")
    }

    func testExpectContinueGetsInterimResponse() throws {
        let client = try RawHTTPClient(port: server.port)
        client.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n")
        // Read the interim response before sending the body, as a real client does.
        let interim = try client.readRawLine()
        XCTAssertEqual(interim, "HTTP/1.1 100 Continue")
        XCTAssertEqual(try client.readRawLine(), "")
        client.send("ping")
        XCTAssertEqual(try client.readResponse().text, "ping")
    }
}
