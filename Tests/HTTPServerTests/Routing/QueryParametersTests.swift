import XCTest

@testable import HTTPServer

final class QueryParametersTests: XCTestCase {
    func testDecodingTable() throws {
        let table: [(label: String, query: String, pairs: [(String, String)])] = [
            ("empty", "", []),
            ("one pair", "a=1", [("a", "1")]),
            ("plus is space", "q=hello+world", [("q", "hello world")]),
            ("encoded plus stays plus", "q=1%2B1", [("q", "1+1")]),
            ("percent escapes", "name=caf%C3%A9&city=S%C3%A9tif", [("name", "café"), ("city", "Sétif")]),
            ("lowercase hex", "x=%c3%a9", [("x", "é")]),
            ("repeated keys in order", "status=open&status=paused&x=1&status=closed",
             [("status", "open"), ("status", "paused"), ("x", "1"), ("status", "closed")]),
            ("no equals", "flag&b=2", [("flag", ""), ("b", "2")]),
            ("empty value", "a=", [("a", "")]),
            ("empty name", "=v", [("", "v")]),
            ("empty pairs skipped", "&a=1&&b=2&", [("a", "1"), ("b", "2")]),
            ("second equals in value", "a=b=c", [("a", "b=c")]),
            ("encoded ampersand", "a=x%26y", [("a", "x&y")]),
            ("decoded once", "a=%2541", [("a", "%41")]),
            ("arabic", "q=%D8%B1%D8%AE%D8%B5%D8%A9", [("q", "رخصة")]),
        ]
        for row in table {
            let query = try QueryParameters(parsing: row.query[...])
            XCTAssertEqual(query.pairs.map(\.name), row.pairs.map(\.0), row.label)
            XCTAssertEqual(query.pairs.map(\.value), row.pairs.map(\.1), row.label)
        }
    }

    func testInvalidEscapesAreRefused() {
        let table: [(label: String, query: String)] = [
            ("lone percent", "a=%"),
            ("one digit", "a=%4"),
            ("not hex", "a=%zz"),
            ("half hex", "a=%4g"),
            ("in the name", "%x=1"),
            ("nul", "a=%00"),
            ("invalid utf-8", "a=%FF"),
            ("truncated utf-8", "a=%C3"),
            ("overlong utf-8", "a=%C0%AF"),
        ]
        for row in table {
            XCTAssertThrowsError(try QueryParameters(parsing: row.query[...]), row.label) { error in
                let httpError = error as? HTTPError
                XCTAssertEqual(httpError?.status, .badRequest, row.label)
                XCTAssertEqual(httpError?.code, "invalid_query", row.label)
                XCTAssertFalse(httpError?.detail.contains(row.query) ?? true, row.label)
            }
        }
    }

    func testAccessors() throws {
        let query = try QueryParameters(parsing: "status=open&status=paused&limit=50&flag"[...])
        XCTAssertEqual(query["status"], "open")
        XCTAssertEqual(query.values("status"), ["open", "paused"])
        XCTAssertEqual(query["limit"], "50")
        XCTAssertNil(query["cursor"])
        XCTAssertTrue(query.contains("flag"))
        XCTAssertEqual(Array(query).count, 4)
    }

    func testRequestQuery() throws {
        let request = makeRoutedRequest(.get, "/api/v1/cases?status=open&q=a+b")
        XCTAssertEqual(try request.query["q"], "a b")
        XCTAssertEqual(try makeRoutedRequest(.get, "/x").query.pairs.count, 0)
        XCTAssertThrowsError(try makeRoutedRequest(.get, "/x?a=%zz").query)
    }

    func testFormBody() throws {
        let request = makeRoutedRequest(
            .post, "/login", headers: ["Content-Type": "application/x-www-form-urlencoded; charset=UTF-8"],
            body: Array("username=agent+1&password=p%26ss".utf8))
        let form = try request.formBody()
        XCTAssertEqual(form["username"], "agent 1")
        XCTAssertEqual(form["password"], "p&ss")
    }

    func testFormBodyRequiresItsContentType() {
        for contentType in ["application/json", "text/plain", ""] {
            let headers: HeaderFields = contentType.isEmpty ? [:] : ["Content-Type": contentType]
            let request = makeRoutedRequest(.post, "/login", headers: headers, body: Array("a=1".utf8))
            XCTAssertThrowsError(try request.formBody(), contentType) { error in
                XCTAssertEqual((error as? HTTPError)?.status, .unsupportedMediaType)
                XCTAssertEqual((error as? HTTPError)?.code, "unsupported_media_type")
            }
        }
    }

    func testPercentDecoderDirectly() throws {
        XCTAssertEqual(try PercentDecoding.decode("a%20b+c"), "a b+c")
        XCTAssertEqual(try PercentDecoding.decode("a%20b+c", plusAsSpace: true), "a b c")
        XCTAssertEqual(try PercentDecoding.decodeBytes(Array("%2e%2E".utf8)), Array("..".utf8))
        XCTAssertThrowsError(try PercentDecoding.decode("ab%zz")) { error in
            XCTAssertEqual(error as? PercentDecodingError, PercentDecodingError(.invalidEscape, offset: 2))
        }
        XCTAssertThrowsError(try PercentDecoding.decodeBytes([0x61, 0x00])) { error in
            XCTAssertEqual((error as? PercentDecodingError)?.reason, .nulByte)
        }
    }
}
