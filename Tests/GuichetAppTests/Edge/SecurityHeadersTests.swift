import Foundation
import TestSupport
import XCTest

@testable import GuichetApp

/// Every response of the application carries the browser-hardening headers, over a real socket:
/// JSON, problems, static files, the operations endpoints; a handler's own value is never replaced.
final class SecurityHeadersTests: XCTestCase {
    nonisolated(unsafe) static var fixture: GuichetFixture!
    var fixture: GuichetFixture { Self.fixture }

    override class func setUp() {
        do {
            fixture = try GuichetFixture(extraArguments: ["--trusted-proxy", "127.0.0.1"])
        } catch { XCTFail("fixture: \(error)") }
    }

    override class func tearDown() { fixture?.stop() }

    func assertHardened(
        _ reply: GuichetFixture.Reply, csp: String? = "default-src 'none'; frame-ancestors 'none'",
        referrer: String = "same-origin", label: String, line: UInt = #line
    ) {
        XCTAssertEqual(reply.header("X-Content-Type-Options"), "nosniff", label, line: line)
        XCTAssertEqual(reply.header("Referrer-Policy"), referrer, label, line: line)
        XCTAssertEqual(reply.header("X-Frame-Options"), "DENY", label, line: line)
        if let csp { XCTAssertEqual(reply.header("Content-Security-Policy"), csp, label, line: line) }
        for name in ["X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options", "Content-Security-Policy"] {
            XCTAssertEqual(reply.headers.filter { $0.name.lowercased() == name.lowercased() }.count, 1, "\(label) \(name) once", line: line)
        }
    }

    func testJSONProblemsAndOperationsAreHardened() throws {
        assertHardened(try fixture.request("GET", "/api/v1/offices"), label: "JSON list")
        let problem = try fixture.request("GET", "/api/v1/cases/TUN-2026-000001")
        XCTAssertEqual(problem.status, 401)
        assertHardened(problem, label: "401 problem")
        assertHardened(try fixture.request("GET", "/api/v1/nothing-here"), label: "404 problem")
        assertHardened(try fixture.request("DELETE", "/api/v1/offices"), label: "405 problem")
        assertHardened(try fixture.request("POST", "/api/v1/cases", rawBody: "{not json"), label: "400 problem")
        assertHardened(try fixture.request("GET", "/healthz"), label: "healthz (inline route)")
        assertHardened(try fixture.request("GET", "/metrics"), label: "metrics")
        let filed = try fixture.request(
            "POST", "/api/v1/cases",
            json: [
                "office": "TUN", "service": "birth-certificate", "subject": "s", "description": "d",
                "applicant": ["name": "A"],
            ])
        XCTAssertEqual(filed.status, 201)
        assertHardened(filed, label: "201 filing")
    }

    func testAHandlersOwnValueIsKept() throws {
        let (reference, key) = try fixture.file()
        let tracked = try fixture.request("GET", "/api/v1/track/\(reference)", headers: ["X-Tracking-Key": key])
        XCTAssertEqual(tracked.status, 200)
        assertHardened(tracked, referrer: "no-referrer", label: "tracking keeps no-referrer")
    }

    func testHTMLIsRecognisedInAnyCaseAndWithParameters() {
        for type in ["text/html", "text/html; charset=utf-8", "Text/HTML;charset=UTF-8", "TEXT/HTML"] {
            XCTAssertTrue(type.hasPrefixIgnoringASCIICase("text/html"), type)
        }
        for type in ["", "text/htm", "text/plain", "application/json", "application/xhtml+xml", "text-html"] {
            XCTAssertFalse(type.hasPrefixIgnoringASCIICase("text/html"), type)
        }
    }

    func testStaticPagesAreNeverFramed() throws {
        let page = try fixture.request("GET", "/")
        XCTAssertEqual(page.status, 200)
        XCTAssertTrue(page.header("Content-Type")?.hasPrefix("text/html") ?? false)
        // A page without its own policy still may not be framed; one with a policy keeps it.
        let csp = page.header("Content-Security-Policy") ?? ""
        XCTAssertTrue(csp.contains("frame-ancestors 'none'"), csp)
        assertHardened(page, csp: nil, label: "index.html")
    }

    func testSessionCookieIsSecureOnlyWhenATrustedProxySaysHTTPS() throws {
        let credentials: [String: Any] = ["username": "tun.agent", "password": fixture.accounts["tun.agent"] ?? ""]
        let plain = try fixture.request("POST", "/api/v1/session", json: credentials)
        XCTAssertEqual(plain.status, 201)
        XCTAssertFalse(plain.header("Set-Cookie")?.contains("Secure") ?? true, plain.header("Set-Cookie") ?? "")
        let https = try fixture.request(
            "POST", "/api/v1/session", json: credentials, headers: ["X-Forwarded-Proto": "https"])
        XCTAssertEqual(https.status, 201)
        let cookie = https.header("Set-Cookie") ?? ""
        XCTAssertTrue(cookie.hasSuffix("; Secure") || cookie.contains("; Secure;"), cookie)
        XCTAssertEqual(cookie.components(separatedBy: "Secure").count, 2, "Secure exactly once: \(cookie)")
    }
}
