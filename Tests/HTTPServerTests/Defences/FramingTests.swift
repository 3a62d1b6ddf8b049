import TestSupport
import XCTest

@testable import HTTPServer

/// Request-smuggling and malformed-framing attempts, each as raw bytes over a real socket: every
/// one gets its 4xx/5xx problem and a closed connection, never a reset and never a second request.
final class FramingTests: XCTestCase {
    var server: Server!

    override func setUpWithError() throws { server = try makeServer() }
    override func tearDown() { server.shutdown() }

    struct Case {
        let label: String
        let raw: String
        let status: Int
        let code: String
    }

    let cases: [Case] = [
        Case(label: "CL with TE", raw: "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
             status: 400, code: "content_length_with_transfer_encoding"),
        Case(label: "TE with CL", raw: "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n",
             status: 400, code: "content_length_with_transfer_encoding"),
        Case(label: "differing duplicate CL", raw: "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!",
             status: 400, code: "conflicting_content_length"),
        Case(label: "CL list that differs", raw: "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5, 6\r\n\r\nhello!",
             status: 400, code: "conflicting_content_length"),
        Case(label: "negative CL", raw: "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
             status: 400, code: "invalid_content_length"),
        Case(label: "CL overflow", raw: "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999999\r\n\r\n",
             status: 400, code: "invalid_content_length"),
        Case(label: "CL with plus sign", raw: "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: +5\r\n\r\nhello",
             status: 400, code: "invalid_content_length"),
        Case(label: "obs-fold", raw: "GET /hello HTTP/1.1\r\nHost: x\r\nX-A: one\r\n two\r\n\r\n",
             status: 400, code: "obsolete_line_folding"),
        Case(label: "bare CR in value", raw: "GET /hello HTTP/1.1\r\nHost: x\r\nX-A: a\rb\r\n\r\n",
             status: 400, code: "bare_carriage_return"),
        Case(label: "bare CR ending the request line", raw: "GET /hello HTTP/1.1\rHost: x\r\n\r\n",
             status: 400, code: "bare_carriage_return"),
        Case(label: "NUL in value", raw: "GET /hello HTTP/1.1\r\nHost: x\r\nX-A: a\u{0}b\r\n\r\n",
             status: 400, code: "invalid_header_value"),
        Case(label: "control byte in value", raw: "GET /hello HTTP/1.1\r\nHost: x\r\nX-A: a\u{1}b\r\n\r\n",
             status: 400, code: "invalid_header_value"),
        Case(label: "control byte in target", raw: "GET /he\u{7}llo HTTP/1.1\r\nHost: x\r\n\r\n",
             status: 400, code: "invalid_target"),
        Case(label: "space before colon", raw: "GET /hello HTTP/1.1\r\nHost : x\r\n\r\n",
             status: 400, code: "invalid_header_name"),
        Case(label: "empty field name", raw: "GET /hello HTTP/1.1\r\nHost: x\r\n: value\r\n\r\n",
             status: 400, code: "invalid_header_name"),
        Case(label: "missing Host on 1.1", raw: "GET /hello HTTP/1.1\r\n\r\n",
             status: 400, code: "missing_host"),
        Case(label: "two Host fields", raw: "GET /hello HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
             status: 400, code: "duplicate_host"),
        Case(label: "TE on HTTP/1.0", raw: "POST /echo HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
             status: 400, code: "transfer_encoding_on_http10"),
        Case(label: "TE gzip", raw: "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n",
             status: 501, code: "unsupported_transfer_encoding"),
        Case(label: "TE gzip, chunked", raw: "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n",
             status: 501, code: "unsupported_transfer_encoding"),
        Case(label: "HTTP/2.0 version", raw: "GET /hello HTTP/2.0\r\nHost: x\r\n\r\n",
             status: 505, code: "unsupported_version"),
        Case(label: "garbage version", raw: "GET /hello HTTX/1.1\r\nHost: x\r\n\r\n",
             status: 400, code: "invalid_version"),
        Case(label: "lower-case method token is fine but separators are not", raw: "GET  /hello HTTP/1.1\r\nHost: x\r\n\r\n",
             status: 400, code: "invalid_target"),
        Case(label: "method with a slash", raw: "GE/T /hello HTTP/1.1\r\nHost: x\r\n\r\n",
             status: 400, code: "invalid_method"),
        Case(label: "bad chunk terminator", raw: "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhelloXX0\r\n\r\n",
             status: 400, code: "invalid_chunk"),
        Case(label: "unknown Expect", raw: "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nExpect: 200-ok\r\n\r\nx",
             status: 417, code: "unsupported_expectation"),
    ]

    func testEveryMalformedRequestIsRefusedAndClosed() {
        for entry in cases {
            assertRejected(entry.raw, port: server.port, status: entry.status, code: entry.code, label: entry.label)
        }
    }

    func testGarbageAfterAValidRequestIsAnsweredThenRefused() throws {
        let client = try RawHTTPClient(port: server.port)
        client.send(RawHTTPClient.get("/hello") + "\u{1}\u{2}GARBAGE\r\n\r\n")
        XCTAssertEqual(try client.readResponse().text, "hello")
        XCTAssertEqual(try client.readResponse().status, 400)
        XCTAssertTrue(client.isClosedByServer())
    }

    func testSmuggledRequestInsideABodyIsNeverServed() throws {
        // Body says 0 (CL) but TE would say otherwise: refused before the inner request is read.
        let client = try RawHTTPClient(port: server.port)
        client.send(
            "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 30\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
        XCTAssertEqual(try client.readResponse().status, 400)
        XCTAssertTrue(client.isClosedByServer())
    }
}
