import Foundation
import TestSupport
import XCTest

@testable import HTTPServer

/// A corpus of hostile requests (smuggling, malformed framing and bytes, resource abuse), each sent
/// as raw bytes on its own connection and checked byte by byte: the exact status line, a problem
/// body whose length is what `Content-Length` says, `Connection: close`, and then end of stream:
/// nothing more, in particular never a second response to bytes smuggled behind the first.
final class HostileCorpusTests: XCTestCase {
    var server: Server!

    override func setUpWithError() throws { server = try makeServer() }
    override func tearDown() { server.shutdown() }

    struct Row {
        let label: String
        let raw: [UInt8]
        let statusLine: String
        /// Complete responses expected before the refusal (pipelined valid requests).
        var before = 0

        init(_ label: String, _ raw: String, _ statusLine: String, before: Int = 0) {
            self.init(label, Array(raw.utf8), statusLine, before: before)
        }

        init(_ label: String, _ raw: [UInt8], _ statusLine: String, before: Int = 0) {
            self.label = label
            self.raw = raw
            self.statusLine = statusLine
            self.before = before
        }
    }

    static let badRequest = "HTTP/1.1 400 Bad Request"

    static var corpus: [Row] {
        let chunkedHead = "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
        var rows = [
            // Framing that two parsers could read differently (request smuggling).
            Row("CL then TE", "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", badRequest),
            Row("TE then CL 0", "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 0\r\n\r\n0\r\n\r\n", badRequest),
            Row("duplicate CL, differing", "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 30\r\n\r\nabc", badRequest),
            // `chunked, chunked` asks for a coding applied twice, which we do not decode: 501 (RFC 9112 §6.1).
            Row("TE chunked twice", chunkedHead.replacingOccurrences(of: "\r\n\r\n", with: "\r\nTransfer-Encoding: chunked\r\n\r\n") + "0\r\n\r\n", "HTTP/1.1 501 Not Implemented"),
            Row("TE with space before colon", "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding : chunked\r\n\r\n0\r\n\r\n", badRequest),
            Row("TE with vertical tab", "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding:\u{0B}chunked\r\n\r\n0\r\n\r\n", badRequest),
            Row("CL with hex", "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 0x10\r\n\r\n", badRequest),
            Row("CL with trailing garbage", "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3 x\r\n\r\nabc", badRequest),
            // Chunked bodies.
            // A size past the body limit is refused as too large before any overflow can happen.
            Row("chunk size overflow", chunkedHead + "FFFFFFFFFFFFFFFFFFFFFFFF\r\nx\r\n0\r\n\r\n", "HTTP/1.1 413 Content Too Large"),
            Row("chunk size 2^64", chunkedHead + "10000000000000000\r\nx\r\n0\r\n\r\n", "HTTP/1.1 413 Content Too Large"),
            Row("chunk size with 0x", chunkedHead + "0x5\r\nhello\r\n0\r\n\r\n", badRequest),
            Row("chunk size negative", chunkedHead + "-1\r\nx\r\n0\r\n\r\n", badRequest),
            Row("chunk size empty", chunkedHead + "\r\nx\r\n0\r\n\r\n", badRequest),
            Row("chunk extension of 4 KiB", chunkedHead + "5;" + String(repeating: "a", count: 4096) + "\r\nhello\r\n0\r\n\r\n", badRequest),
            Row("chunk extensions, thousands", chunkedHead + "5" + String(repeating: ";a=b", count: 1000) + "\r\nhello\r\n0\r\n\r\n", badRequest),
            Row("chunk extension with bare LF", chunkedHead + "5;a\nb\r\nhello\r\n0\r\n\r\n", badRequest),
            Row("chunk data longer than size", chunkedHead + "2\r\nhello\r\n0\r\n\r\n", badRequest),
            Row("chunk with LF only", chunkedHead + "5\nhello\n0\n\n", badRequest),
            // Invalid bytes in names and values.
            Row("DEL in field name", "GET /hello HTTP/1.1\r\nHost: x\r\nX\u{7F}A: b\r\n\r\n", badRequest),
            Row("space in field name", "GET /hello HTTP/1.1\r\nHost: x\r\nX A: b\r\n\r\n", badRequest),
            Row("UTF-8 in field name", "GET /hello HTTP/1.1\r\nHost: x\r\nRéf: b\r\n\r\n", badRequest),
            Row("NUL in field name", "GET /hello HTTP/1.1\r\nHost: x\r\nX\u{0}A: b\r\n\r\n", badRequest),
            Row("DEL in field value", "GET /hello HTTP/1.1\r\nHost: x\r\nX-A: a\u{7F}b\r\n\r\n", badRequest),
            Row("escape in field value", "GET /hello HTTP/1.1\r\nHost: x\r\nX-A: \u{1B}[31m\r\n\r\n", badRequest),
            Row("NUL in Host", "GET /hello HTTP/1.1\r\nHost: x\u{0}.evil\r\n\r\n", badRequest),
            // Resource abuse.
            Row("5,000 tiny headers", "GET /hello HTTP/1.1\r\nHost: x\r\n" + String(repeating: "a: b\r\n", count: 5000) + "\r\n", "HTTP/1.1 431 Request Header Fields Too Large"),
            Row("very long method", String(repeating: "A", count: 10_000) + " / HTTP/1.1\r\nHost: x\r\n\r\n", "HTTP/1.1 414 URI Too Long"),
            // Garbage pipelined behind a valid request: the valid one is answered, the garbage refused.
            Row("pipelined garbage", "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n\u{1}\u{2}GARBAGE \u{0}\r\n\r\n", badRequest, before: 1),
            Row("pipelined smuggled half request", "GET /hello HTTP/1.1\r\nHost: x\r\n\r\nGET /hello HTTP/1.1\r\nHost: x\r\nX: \u{0}\r\n\r\n", badRequest, before: 1),
            // Request lines.
            Row("NUL in the target", "GET /he\u{0}llo HTTP/1.1\r\nHost: x\r\n\r\n", badRequest),
            Row("absolute-form, another host", "GET http://evil.example/hello HTTP/1.1\r\nHost: x\r\n\r\n", badRequest),
            Row("absolute-form, userinfo", "GET http://x@x/hello HTTP/1.1\r\nHost: x\r\n\r\n", badRequest),
            Row("authority-form", "CONNECT x:443 HTTP/1.1\r\nHost: x\r\n\r\n", badRequest),
            Row("asterisk with GET", "GET * HTTP/1.1\r\nHost: x\r\n\r\n", badRequest),
            Row("HTTP/0.9 request line", "GET /hello\r\n\r\n", badRequest),
            Row("request line of only spaces", "          \r\n\r\n", badRequest),
            Row("CR CR LF", "GET /hello HTTP/1.1\r\r\nHost: x\r\n\r\n", badRequest),
            Row("LF LF", "GET /hello HTTP/1.1\nHost: x\n\n", badRequest),
            Row("tab separators", "GET\t/hello\tHTTP/1.1\r\nHost: x\r\n\r\n", badRequest),
            Row("lower-case version", "GET /hello http/1.1\r\nHost: x\r\n\r\n", badRequest),
            Row("TLS handshake on the plain port", [0x16, 0x03, 0x01, 0x00, 0xA5, 0x01, 0x00, 0x00, 0xA1, 0x03, 0x03, 0x0D, 0x0A, 0x0D, 0x0A], badRequest),
        ]
        rows.append(Row("high bytes in target", Array("GET /h".utf8) + [0xFF, 0xFE] + Array(" HTTP/1.1\r\nHost: x\r\n\r\n".utf8), badRequest))
        return rows
    }

    func testEveryHostileRequestGetsItsStatusAndAClosedConnection() throws {
        for row in Self.corpus {
            let client = try RawHTTPClient(port: server.port, timeout: 5)
            client.send(row.raw)
            var everything: [UInt8] = []
            do { everything = try client.readUntilClose() } catch {
                XCTFail("\(row.label): no end of stream (\(error))")
                continue
            }
            var rest = everything[...]
            for index in 0..<row.before {
                guard let response = Self.split(&rest) else {
                    XCTFail("\(row.label): pipelined response \(index) missing")
                    break
                }
                XCTAssertEqual(response.statusLine, "HTTP/1.1 200 OK", row.label)
            }
            guard let refusal = Self.split(&rest) else {
                XCTFail("\(row.label): not one whole response: \(String(decoding: everything, as: UTF8.self).prefix(200))")
                continue
            }
            XCTAssertEqual(refusal.statusLine, row.statusLine, row.label)
            XCTAssertTrue(refusal.headers.contains("Connection: close"), "\(row.label): \(refusal.headers)")
            XCTAssertTrue(refusal.headers.contains("Content-Type: application/problem+json"), row.label)
            XCTAssertTrue(rest.isEmpty, "\(row.label): \(rest.count) bytes after the refusal")
        }
    }

    /// Cuts one `Content-Length`-framed response off the front of `bytes`.
    static func split(_ bytes: inout ArraySlice<UInt8>) -> (statusLine: String, headers: [String], body: [UInt8])? {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        guard let end = bytes.indices.first(where: { bytes[$0...].starts(with: separator) }) else { return nil }
        let head = String(decoding: bytes[bytes.startIndex..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let headers = Array(head.dropFirst())
        guard let lengthLine = headers.first(where: { $0.lowercased().hasPrefix("content-length:") }),
            let length = Int(lengthLine.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)),
            end + 4 + length <= bytes.endIndex
        else { return nil }
        let body = Array(bytes[(end + 4)..<(end + 4 + length)])
        bytes = bytes[(end + 4 + length)...]
        return (head[0], headers, body)
    }

    /// RFC 9112 §3.2.2: absolute-form naming this very host is still served, as origin-form.
    func testAbsoluteFormForTheSameHostIsServed() throws {
        let client = try RawHTTPClient(port: server.port)
        let response = try client.request("GET HTTP://X/hello HTTP/1.1\r\nHost: x\r\n\r\n")
        XCTAssertEqual(response.text, "hello")
        let asterisk = try client.request("OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n")
        XCTAssertEqual(asterisk.status, 404, "asterisk-form reaches the responder with OPTIONS")
    }

    /// The same server still answers a normal request afterwards: nothing above wedged a loop.
    func testServerStillServesAfterTheCorpus() throws {
        for row in Self.corpus {
            let client = try RawHTTPClient(port: server.port, timeout: 5)
            client.send(row.raw)
        }
        let response = try RawHTTPClient(port: server.port).request(RawHTTPClient.get("/hello"))
        XCTAssertEqual(response.status, 200)
    }
}
