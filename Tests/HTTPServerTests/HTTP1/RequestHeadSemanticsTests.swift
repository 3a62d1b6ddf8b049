import XCTest

@testable import HTTPServer

final class RequestHeadSemanticsTests: XCTestCase {
    func testKeepAlive() {
        let rows: [(label: String, version: HTTPVersion, headers: [(String, String)], expected: Bool)] = [
            ("1.1 default", .http11, [], true),
            ("1.1 close", .http11, [("Connection", "close")], false),
            ("1.1 Close in a list", .http11, [("Connection", "Upgrade, CLOSE")], false),
            ("1.1 close in a second field", .http11, [("Connection", "keep-alive"), ("connection", "close")], false),
            ("1.1 closed is not close", .http11, [("Connection", "closed")], true),
            ("1.0 default", .http10, [], false),
            ("1.0 keep-alive", .http10, [("Connection", "Keep-Alive")], true),
            ("1.0 keep-alive and close", .http10, [("Connection", "keep-alive, close")], false),
        ]
        for row in rows {
            XCTAssertEqual(makeHead(version: row.version, headers: row.headers).keepAlive, row.expected, row.label)
        }
    }

    func testExpectation() {
        XCTAssertEqual(expectation([]), .success(false))
        XCTAssertEqual(expectation([("Expect", "100-continue")]), .success(true))
        XCTAssertEqual(expectation([("expect", "100-Continue")]), .success(true))
        XCTAssertEqual(expectation([("Expect", "200-ok")]), .failure(.init(.unsupportedExpectation)))
        XCTAssertEqual(expectation([("Expect", "")]), .failure(.init(.unsupportedExpectation)))
        XCTAssertEqual(
            expectation([("Expect", "100-continue"), ("Expect", "x")]), .failure(.init(.unsupportedExpectation)))
        XCTAssertEqual(HTTPParseError(.unsupportedExpectation).status.code, 417)
    }

    private func expectation(_ headers: [(String, String)]) -> Result<Bool, HTTPParseError> {
        Result { () throws(HTTPParseError) in try makeHead(headers: headers).expectation() }
    }
}
