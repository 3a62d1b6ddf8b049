import Foundation
import TestSupport
import XCTest

/// Cookie-authenticated writes: a browser sends the session cookie with any site's form, so a
/// write through the cookie alone must prove it comes from our pages (the `X-CSRF-Token` from
/// sign-in, or a same-origin `Origin`). Refused writes change nothing.
final class CSRFTests: XCTestCase {
    nonisolated(unsafe) static var fixture: GuichetFixture!
    var fixture: GuichetFixture { Self.fixture }

    override class func setUp() {
        do { fixture = try GuichetFixture() } catch { XCTFail("fixture: \(error)") }
    }

    override class func tearDown() { fixture?.stop() }

    /// A session of tun.agent: (token, csrf token).
    private func session() throws -> (token: String, csrf: String) {
        let reply = try fixture.signInReply("tun.agent")
        return (try XCTUnwrap(reply["token"] as? String), try XCTUnwrap(reply["csrf_token"] as? String))
    }

    private func cookieNote(
        _ reference: String, _ text: String, token: String, headers: [String: String] = [:]
    ) throws -> GuichetFixture.Reply {
        var all = headers
        all["Cookie"] = "guichet_session=\(token)"
        return try fixture.request(
            "POST", "/api/v1/cases/\(reference)/notes", json: ["text": text, "public": false], headers: all)
    }

    private func notes(_ reference: String, bearer: String) throws -> [String] {
        try fixture.timeline(reference, token: bearer).filter { $0["type"] as? String == "note" }
            .compactMap { $0["internal_note"] as? String }
    }

    func testCookieWriteWithoutTokenOrOriginIsRefusedAndChangesNothing() throws {
        let (token, _) = try session()
        let (reference, _) = try fixture.file()
        let before = try fixture.timeline(reference, token: token)

        let refused = try cookieNote(reference, "forged note", token: token)
        XCTAssertProblem(refused, 403, "csrf_failed", "cookie write without CSRF proof")
        let after = try fixture.timeline(reference, token: token)
        XCTAssertEqual(after.count, before.count, "a refused write changed the timeline: \(after)")
        XCTAssertEqual(try notes(reference, bearer: token), [])

        // Every kind of write is protected, not only notes.
        let cookie = ["Cookie": "guichet_session=\(token)"]
        let status = try fixture.request(
            "POST", "/api/v1/cases/\(reference)/status", json: ["status": "in_progress"], headers: cookie)
        XCTAssertProblem(status, 403, "csrf_failed", "status change")
        let key = try fixture.request("POST", "/api/v1/cases/\(reference)/tracking-key", headers: cookie)
        XCTAssertProblem(key, 403, "csrf_failed", "tracking key")
        let assign = try fixture.request(
            "POST", "/api/v1/cases/\(reference)/assign", json: ["assignee": "tun.agent"], headers: cookie)
        XCTAssertProblem(assign, 403, "csrf_failed", "assignment")
        let view = try fixture.staffView(reference, token: token)
        XCTAssertEqual(view["status"] as? String, "received")
        XCTAssertNil(view["assignee"] as? String)
        XCTAssertEqual((view["timeline"] as? [Any])?.count, before.count)

        // Sign-out through the cookie is a write too: a forged one must not end the session.
        let logout = try fixture.request("DELETE", "/api/v1/session", headers: cookie)
        XCTAssertProblem(logout, 403, "csrf_failed", "forged sign-out")
        XCTAssertEqual(try fixture.request("GET", "/api/v1/session", token: token).status, 200)
    }

    func testCookieWriteWithTheRightCSRFTokenSucceeds() throws {
        let (token, csrf) = try session()
        let (reference, _) = try fixture.file()
        let reply = try cookieNote(reference, "note with token", token: token, headers: ["X-CSRF-Token": csrf])
        XCTAssertEqual(reply.status, 201, reply.text)
        XCTAssertEqual(try notes(reference, bearer: token), ["note with token"])
    }

    func testCookieWriteWithAWrongCSRFTokenIsRefused() throws {
        let (token, csrf) = try session()
        let (_, otherCSRF) = try session()
        let (reference, _) = try fixture.file()
        for wrong in [otherCSRF, String(csrf.dropLast()), csrf + "x", "", token] {
            let reply = try cookieNote(reference, "wrong token", token: token, headers: ["X-CSRF-Token": wrong])
            XCTAssertProblem(reply, 403, "csrf_failed", "X-CSRF-Token \(wrong.prefix(10))…")
        }
        // A wrong token is not rescued by a same-origin Origin.
        let both = try cookieNote(
            reference, "wrong token, right origin", token: token,
            headers: ["X-CSRF-Token": otherCSRF, "Origin": "http://127.0.0.1:\(fixture.server.port)"])
        XCTAssertProblem(both, 403, "csrf_failed", "wrong token with same origin")
        XCTAssertEqual(try notes(reference, bearer: token), [])
    }

    func testCookieWriteFromTheSameOriginSucceeds() throws {
        let (token, _) = try session()
        let (reference, _) = try fixture.file()
        // GuichetFixture.request sends `Host: 127.0.0.1:PORT`.
        let reply = try cookieNote(
            reference, "same origin", token: token, headers: ["Origin": "http://127.0.0.1:\(fixture.server.port)"])
        XCTAssertEqual(reply.status, 201, reply.text)
        XCTAssertEqual(try notes(reference, bearer: token), ["same origin"])
    }

    func testCookieWriteFromAForeignOriginIsRefused() throws {
        let (token, _) = try session()
        let (reference, _) = try fixture.file()
        let port = fixture.server.port
        for origin in [
            "http://evil.example", "https://evil.example", "http://127.0.0.1", "http://127.0.0.1:\(port + 1)",
            "http://127.0.0.1:\(port).evil.example", "http://evil.example/127.0.0.1:\(port)", "null",
        ] {
            let reply = try cookieNote(reference, "from \(origin)", token: token, headers: ["Origin": origin])
            XCTAssertProblem(reply, 403, "csrf_failed", "Origin \(origin)")
        }
        XCTAssertEqual(try notes(reference, bearer: token), [])
    }

    func testCookieReadsNeedNoCSRFToken() throws {
        let (token, _) = try session()
        let (reference, _) = try fixture.file()
        let cookie = ["Cookie": "guichet_session=\(token)"]
        let me = try fixture.request("GET", "/api/v1/session", headers: cookie)
        XCTAssertEqual(me.status, 200, me.text)
        XCTAssertEqual((me["user"] as? [String: Any])?["username"] as? String, "tun.agent")
        XCTAssertEqual(try fixture.request("GET", "/api/v1/cases", headers: cookie).status, 200)
        let view = try fixture.request("GET", "/api/v1/cases/\(reference)", headers: cookie)
        XCTAssertEqual(view.status, 200, view.text)
        XCTAssertEqual(view["reference"] as? String, reference)
        // An unknown cookie is not anonymous.
        let bogus = try fixture.request("GET", "/api/v1/cases", headers: ["Cookie": "guichet_session=garbage"])
        XCTAssertEqual(bogus.status, 401, bogus.text)
    }

    func testBearerWritesNeedNoCSRFToken() throws {
        let (token, _) = try session()
        let (reference, _) = try fixture.file()
        let reply = try fixture.request(
            "POST", "/api/v1/cases/\(reference)/notes", json: ["text": "bearer note", "public": false], token: token,
            headers: ["Origin": "http://evil.example"])
        XCTAssertEqual(reply.status, 201, "a bearer token is not sent by browsers on their own: \(reply.text)")
    }

    func testCookieSignOutWithCSRFTokenEndsTheSession() throws {
        let (token, csrf) = try session()
        let reply = try fixture.request(
            "DELETE", "/api/v1/session", headers: ["Cookie": "guichet_session=\(token)", "X-CSRF-Token": csrf])
        XCTAssertEqual(reply.status, 204, reply.text)
        let cleared = reply.headers.filter { $0.name.lowercased() == "set-cookie" }.map(\.value)
        XCTAssertTrue(
            cleared.contains { $0.hasPrefix("guichet_session=;") && $0.lowercased().contains("max-age=0") },
            "sign-out must clear the cookie: \(cleared)")
        XCTAssertEqual(try fixture.request("GET", "/api/v1/session", token: token).status, 401)
    }
}
