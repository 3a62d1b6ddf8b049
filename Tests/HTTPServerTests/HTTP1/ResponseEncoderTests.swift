import XCTest

@testable import HTTPServer

final class ResponseEncoderTests: XCTestCase {
    private let date = "Sun, 06 Nov 1994 08:49:37 GMT"

    private func encode(
        status: HTTPStatus = .ok, headers: HeaderFields = ["Content-Type": "text/plain"],
        version: HTTPVersion = .http11, framing: ResponseFraming = .contentLength(5), keepAlive: Bool = true
    ) -> Result<String, ResponseEncodingError> {
        var out: [UInt8] = []
        return Result { () throws(ResponseEncodingError) in
            try ResponseEncoder.encodeHead(
                status: status, headers: headers, version: version, framing: framing, keepAlive: keepAlive,
                date: date, into: &out)
            return String(decoding: out, as: UTF8.self)
        }
    }

    func testKeepAliveHTTP11() {
        XCTAssertEqual(
            encode(),
            .success("HTTP/1.1 200 OK\r\nDate: \(date)\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\n"))
    }

    func testCloseChunkedAndNone() {
        XCTAssertEqual(
            encode(status: .notFound, headers: [:], framing: .chunked, keepAlive: false),
            .success("HTTP/1.1 404 Not Found\r\nDate: \(date)\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"))
        XCTAssertEqual(
            encode(status: .notModified, headers: ["ETag": "\"x\""], framing: .none),
            .success("HTTP/1.1 304 Not Modified\r\nDate: \(date)\r\nETag: \"x\"\r\n\r\n"))
    }

    func testHTTP10KeepAliveIsExplicit() {
        XCTAssertEqual(
            encode(headers: [:], version: .http10, framing: .contentLength(0)),
            .success("HTTP/1.0 200 OK\r\nDate: \(date)\r\nContent-Length: 0\r\nConnection: keep-alive\r\n\r\n"))
        XCTAssertEqual(encode(version: .http10, framing: .chunked), .failure(.init(.chunkedOnHTTP10)))
    }

    func testLargeContentLength() {
        guard case .success(let text) = encode(headers: [:], framing: .contentLength(1_234_567_890)) else {
            return XCTFail("encoding failed")
        }
        XCTAssertTrue(text.contains("Content-Length: 1234567890\r\n"))
        XCTAssertEqual(encode(framing: .contentLength(-1)), .failure(.init(.invalidContentLength)))
    }

    func testRefusesInjection() {
        let rows: [(label: String, name: String, value: String, expected: ResponseEncodingError)] = [
            ("CRLF in value", "X-User", "a\r\nSet-Cookie: x", .init(.invalidHeaderValue, headerName: "X-User")),
            ("LF in value", "X-User", "a\nb", .init(.invalidHeaderValue, headerName: "X-User")),
            ("CR in value", "X-User", "a\rb", .init(.invalidHeaderValue, headerName: "X-User")),
            ("NUL in value", "X-User", "a\u{0}b", .init(.invalidHeaderValue, headerName: "X-User")),
            ("CRLF in name", "X-A\r\nX-B", "v", .init(.invalidHeaderName)),
            ("NUL in name", "X\u{0}", "v", .init(.invalidHeaderName)),
            ("space in name", "X A", "v", .init(.invalidHeaderName)),
            ("colon in name", "X:", "v", .init(.invalidHeaderName)),
            ("empty name", "", "v", .init(.invalidHeaderName)),
            ("framing header", "content-length", "3", .init(.reservedHeader, headerName: "content-length")),
            ("connection header", "Connection", "close", .init(.reservedHeader, headerName: "Connection")),
        ]
        for row in rows {
            var headers = HeaderFields()
            headers.add(row.name, row.value)
            XCTAssertEqual(encode(headers: headers), .failure(row.expected), row.label)
        }
        XCTAssertFalse(ResponseEncodingError(.invalidHeaderName).description.contains("\r"))
    }

    /// The value check reads eight bytes at a time: a forbidden byte must be caught in any word and
    /// at any offset, after a tab or obs-text that sends a word to the byte-by-byte check, and in the
    /// tail that does not fill a word.
    func testValueCheckFindsForbiddenBytesAtEveryOffset() {
        let fillers: [UInt8] = [UInt8(ascii: "a"), UInt8(ascii: "\t"), 0x7F, 0x0E, 0xC3, 0xFF]
        for length in 1...40 {
            for filler in fillers {
                let clean = [UInt8](repeating: filler, count: length)
                XCTAssertTrue(clean.withUnsafeBytes { ResponseEncoder.validValue($0) }, "\(length) × \(filler)")
                for position in 0..<length {
                    for forbidden: UInt8 in [0, ASCII.lf, ASCII.cr] {
                        var bytes = clean
                        bytes[position] = forbidden
                        XCTAssertFalse(
                            bytes.withUnsafeBytes { ResponseEncoder.validValue($0) },
                            "\(forbidden) at \(position) of \(length) × \(filler)")
                    }
                }
            }
        }
        XCTAssertTrue([UInt8]().withUnsafeBytes { ResponseEncoder.validValue($0) })
    }

    func testNothingIsWrittenOnError() {
        var out: [UInt8] = [1, 2, 3]
        var headers = HeaderFields()
        headers.add("X", "a\nb")
        XCTAssertThrowsError(
            try ResponseEncoder.encodeHead(
                status: .ok, headers: headers, version: .http11, framing: .none, keepAlive: true, date: date,
                into: &out))
        XCTAssertEqual(out, [1, 2, 3])
    }

    func testChunks() {
        var out: [UInt8] = []
        ResponseEncoder.encodeChunk(Array("hello".utf8), into: &out)
        ResponseEncoder.encodeChunk([UInt8](), into: &out)
        ResponseEncoder.encodeChunk([UInt8](repeating: 0x61, count: 300), into: &out)
        ResponseEncoder.encodeLastChunk(into: &out)
        let expected = "5\r\nhello\r\n12c\r\n" + String(repeating: "a", count: 300) + "\r\n0\r\n\r\n"
        XCTAssertEqual(String(decoding: out, as: UTF8.self), expected)
        // What we encode, our decoder reads back.
        let (result, body, _) = decodeChunked([out])
        XCTAssertEqual(result, .done(consumed: out.count))
        XCTAssertEqual(body.count, 305)
    }
}
