import XCTest

@testable import HTTPServer

final class CookiesTests: XCTestCase {
    func testParsingIsTolerant() {
        let table: [(label: String, headers: [String], pairs: [(String, String)])] = [
            ("simple", ["sid=abc"], [("sid", "abc")]),
            ("several", ["sid=abc; lang=fr"], [("sid", "abc"), ("lang", "fr")]),
            ("no space", ["a=1;b=2"], [("a", "1"), ("b", "2")]),
            ("extra whitespace", ["  a = 1 ;   b=2  "], [("a", "1"), ("b", "2")]),
            ("quoted value", ["a=\"x y\""], [("a", "x y")]),
            ("lone quote kept", ["a=\""], [("a", "\"")]),
            ("no equals skipped", ["junk; a=1"], [("a", "1")]),
            ("empty name skipped", ["=x; a=1"], [("a", "1")]),
            ("empty value", ["a="], [("a", "")]),
            ("equals in value", ["t=a=b=="], [("t", "a=b==")]),
            ("trailing semicolon", ["a=1;"], [("a", "1")]),
            ("two fields", ["a=1", "b=2"], [("a", "1"), ("b", "2")]),
            ("repeated name kept", ["a=1; a=2"], [("a", "1"), ("a", "2")]),
            ("not decoded", ["a=%41"], [("a", "%41")]),
        ]
        for row in table {
            let cookies = Cookies(headerValues: row.headers)
            XCTAssertEqual(cookies.pairs.map(\.name), row.pairs.map(\.0), row.label)
            XCTAssertEqual(cookies.pairs.map(\.value), row.pairs.map(\.1), row.label)
        }
    }

    func testRequestCookies() {
        let request = makeRoutedRequest(.get, "/", headers: ["Host": "x", "Cookie": "guichet_session=tok; lang=ar"])
        XCTAssertEqual(request.cookies["guichet_session"], "tok")
        XCTAssertEqual(request.cookies["lang"], "ar")
        XCTAssertNil(request.cookies["other"])
        XCTAssertEqual(Cookies(headerValues: ["a=1; a=2"]).values("a"), ["1", "2"])
    }

    func testSetCookieHeaderValue() throws {
        let session = try SetCookie(name: "guichet_session", value: "abc.DEF-123", maxAge: 3600)
        XCTAssertEqual(
            session.headerValue, "guichet_session=abc.DEF-123; Path=/; Max-Age=3600; HttpOnly; Secure; SameSite=Strict")
        let plain = try SetCookie(
            name: "lang", value: "fr", path: nil, maxAge: nil, httpOnly: false, secure: false, sameSite: .lax)
        XCTAssertEqual(plain.headerValue, "lang=fr; SameSite=Lax")
        XCTAssertEqual(
            try SetCookie.deletion(name: "guichet_session").headerValue,
            "guichet_session=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Strict")
        XCTAssertEqual(try SetCookie(name: "a", value: "b", maxAge: -5).headerValue.contains("Max-Age=0"), true)

        var response = Response()
        response.setCookie(session)
        response.setCookie(plain)
        XCTAssertEqual(response.headers.values("Set-Cookie").count, 2)
    }

    func testSetCookieRefusesIllegalBytes() {
        let table: [(label: String, name: String, value: String, path: String?, secure: Bool, part: CookieError.Part)] = [
            ("empty name", "", "v", "/", true, .name),
            ("space in name", "a b", "v", "/", true, .name),
            ("equals in name", "a=b", "v", "/", true, .name),
            ("semicolon in value", "a", "x; Domain=evil.test", "/", true, .value),
            ("comma in value", "a", "x,y", "/", true, .value),
            ("space in value", "a", "x y", "/", true, .value),
            ("quote in value", "a", "\"x\"", "/", true, .value),
            ("CRLF in value", "a", "x\r\nSet-Cookie: b=c", "/", true, .value),
            ("non-ASCII value", "a", "café", "/", true, .value),
            ("semicolon in path", "a", "v", "/; Secure", true, .path),
            ("newline in path", "a", "v", "/\n", true, .path),
            ("__Secure- without Secure", "__Secure-s", "v", "/", false, .prefix),
            ("__Host- without Secure", "__Host-s", "v", "/", false, .prefix),
            ("__Host- with another path", "__Host-s", "v", "/api", true, .prefix),
        ]
        for row in table {
            XCTAssertThrowsError(
                try SetCookie(name: row.name, value: row.value, path: row.path, secure: row.secure), row.label
            ) { error in
                XCTAssertEqual(error as? CookieError, CookieError(row.part), row.label)
                XCTAssertFalse("\(error)".contains(row.value) && !row.value.isEmpty && row.value != "v", row.label)
            }
        }
        XCTAssertNoThrow(try SetCookie(name: "__Host-session", value: "v"))
    }
}
