import XCTest

@testable import HTTPServer

final class BodyFramingTests: XCTestCase {
    private func framing(
        _ headers: [(String, String)], version: HTTPVersion = .http11, limits: Limits = makeLimits()
    ) -> Result<BodyFraming, HTTPParseError> {
        Result { () throws(HTTPParseError) in
            try BodyFraming(head: makeHead(version: version, headers: headers), limits: limits)
        }
    }

    func testAcceptedFramings() {
        let rows: [(label: String, headers: [(String, String)], version: HTTPVersion, expected: BodyFraming)] = [
            ("no body", [("Host", "h")], .http11, .none),
            ("content length", [("Host", "h"), ("Content-Length", "42")], .http11, .contentLength(42)),
            ("zero length", [("Host", "h"), ("Content-Length", "0")], .http11, .contentLength(0)),
            ("identical duplicates", [("Host", "h"), ("Content-Length", "7"), ("content-length", "7")], .http11,
                .contentLength(7)),
            ("identical comma list", [("Host", "h"), ("Content-Length", "7, 7")], .http11, .contentLength(7)),
            ("chunked", [("Host", "h"), ("Transfer-Encoding", "chunked")], .http11, .chunked),
            ("chunked any case", [("Host", "h"), ("transfer-encoding", "ChUnKeD")], .http11, .chunked),
            ("HTTP/1.0 without Host", [("Content-Length", "3")], .http10, .contentLength(3)),
            ("length at the limit", [("Host", "h"), ("Content-Length", "1048576")], .http11, .contentLength(1_048_576)),
        ]
        for row in rows {
            XCTAssertEqual(framing(row.headers, version: row.version), .success(row.expected), row.label)
        }
    }

    func testRefusedFramings() {
        let rows: [(label: String, headers: [(String, String)], version: HTTPVersion, code: HTTPParseError.Code)] = [
            ("CL with TE", [("Host", "h"), ("Content-Length", "3"), ("Transfer-Encoding", "chunked")], .http11,
                .contentLengthWithTransferEncoding),
            ("TE then CL", [("Host", "h"), ("Transfer-Encoding", "chunked"), ("Content-Length", "3")], .http11,
                .contentLengthWithTransferEncoding),
            ("differing duplicate CL", [("Host", "h"), ("Content-Length", "3"), ("Content-Length", "4")], .http11,
                .conflictingContentLength),
            ("differing CL list", [("Host", "h"), ("Content-Length", "3, 4")], .http11, .conflictingContentLength),
            ("CL not digits", [("Host", "h"), ("Content-Length", "3a")], .http11, .invalidContentLength),
            ("CL signed", [("Host", "h"), ("Content-Length", "+3")], .http11, .invalidContentLength),
            ("CL negative", [("Host", "h"), ("Content-Length", "-1")], .http11, .invalidContentLength),
            ("CL empty", [("Host", "h"), ("Content-Length", "")], .http11, .invalidContentLength),
            ("CL empty element", [("Host", "h"), ("Content-Length", "3,")], .http11, .invalidContentLength),
            ("CL inner space", [("Host", "h"), ("Content-Length", "1 2")], .http11, .invalidContentLength),
            ("CL overflow", [("Host", "h"), ("Content-Length", "99999999999999999999")], .http11,
                .invalidContentLength),
            ("CL over the limit", [("Host", "h"), ("Content-Length", "1048577")], .http11, .bodyTooLarge),
            ("TE on 1.0", [("Transfer-Encoding", "chunked")], .http10, .transferEncodingOnHTTP10),
            ("TE gzip", [("Host", "h"), ("Transfer-Encoding", "gzip")], .http11, .unsupportedTransferEncoding),
            ("TE gzip, chunked", [("Host", "h"), ("Transfer-Encoding", "gzip, chunked")], .http11,
                .unsupportedTransferEncoding),
            ("TE chunked twice", [("Host", "h"), ("Transfer-Encoding", "chunked"), ("Transfer-Encoding", "chunked")],
                .http11, .unsupportedTransferEncoding),
            ("TE chunked with params", [("Host", "h"), ("Transfer-Encoding", "chunked;q=1")], .http11,
                .unsupportedTransferEncoding),
            ("TE empty", [("Host", "h"), ("Transfer-Encoding", "")], .http11, .unsupportedTransferEncoding),
            ("1.1 without Host", [("Content-Length", "0")], .http11, .missingHost),
            ("two Host fields", [("Host", "a"), ("host", "b")], .http11, .duplicateHost),
            ("two Host fields on 1.0", [("Host", "a"), ("Host", "a")], .http10, .duplicateHost),
        ]
        for row in rows {
            XCTAssertEqual(framing(row.headers, version: row.version), .failure(.init(row.code)), row.label)
        }
    }

    func testBodyLimitComesFromLimits() {
        let limits = makeLimits(maxBodyBytes: 10)
        XCTAssertEqual(framing([("Host", "h"), ("Content-Length", "10")], limits: limits), .success(.contentLength(10)))
        XCTAssertEqual(framing([("Host", "h"), ("Content-Length", "11")], limits: limits), .failure(.init(.bodyTooLarge)))
        XCTAssertEqual(HTTPParseError(.bodyTooLarge).status, .contentTooLarge)
        XCTAssertEqual(HTTPParseError(.unsupportedTransferEncoding).status, .notImplemented)
    }
}
