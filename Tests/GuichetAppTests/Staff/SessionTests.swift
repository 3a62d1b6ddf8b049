import Foundation
import TestSupport
import XCTest

/// Signing in and out: what a session reply holds, the cookie's attributes, bearer use, expiry after
/// 12 hours, and the login rate limit. Failures must not reveal which usernames exist.
final class SessionTests: XCTestCase {
    nonisolated(unsafe) static var fixture: GuichetFixture!
    var fixture: GuichetFixture { Self.fixture }

    override class func setUp() {
        do { fixture = try GuichetFixture() } catch { XCTFail("fixture: \(error)") }
    }

    override class func tearDown() { fixture?.stop() }

    func testSignInReturnsTokenCSRFExpiryAndUserWithoutSecrets() throws {
        let reply = try fixture.signInReply("tun.agent")
        XCTAssertEqual(reply.status, 201, reply.text)
        let token = try XCTUnwrap(reply["token"] as? String)
        let csrf = try XCTUnwrap(reply["csrf_token"] as? String)
        XCTAssertGreaterThanOrEqual(token.count, 32, "a session token must be long and random")
        XCTAssertGreaterThanOrEqual(csrf.count, 32)
        XCTAssertNotEqual(token, csrf, "the CSRF token must differ from the session token")
        let expires = try XCTUnwrap(reply["expires_at"] as? String)
        XCTAssertNotNil(ISO8601DateFormatter().date(from: expires), "expires_at is RFC 3339: \(expires)")
        let user = try XCTUnwrap(reply["user"] as? [String: Any])
        XCTAssertEqual(user["username"] as? String, "tun.agent")
        XCTAssertEqual(user["role"] as? String, "agent")
        XCTAssertEqual(user["office"] as? String, "TUN")
        XCTAssertEqual(reply.header("Cache-Control"), "no-store")
        let lowered = reply.text.lowercased()
        for secret in ["password", "hash", "$y$", fixture.accounts["tun.agent"]!.lowercased()] {
            XCTAssertFalse(lowered.contains(secret), "the sign-in reply leaks \(secret): \(reply.text)")
        }
        // A second sign-in is a second, different session.
        let again = try fixture.signInReply("tun.agent")
        XCTAssertNotEqual(again["token"] as? String, token)
    }

    func testSignInSetsAStrictHttpOnlySessionCookie() throws {
        let reply = try fixture.signInReply("tun.supervisor")
        XCTAssertEqual(reply.status, 201, reply.text)
        let token = try XCTUnwrap(reply["token"] as? String)
        let cookies = reply.headers.filter { $0.name.lowercased() == "set-cookie" }.map(\.value)
        let cookie = try XCTUnwrap(cookies.first { $0.hasPrefix("guichet_session=") }, "no session cookie: \(cookies)")
        let parts = cookie.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        XCTAssertEqual(parts.first, "guichet_session=\(token)", "the cookie carries the session token")
        let attributes = Set(parts.dropFirst().map { $0.lowercased() })
        XCTAssertTrue(attributes.contains("httponly"), cookie)
        XCTAssertTrue(attributes.contains("samesite=strict"), cookie)
        XCTAssertTrue(attributes.contains("path=/"), cookie)
        if let maxAge = attributes.first(where: { $0.hasPrefix("max-age=") }) {
            XCTAssertEqual(maxAge, "max-age=43200", "the cookie lives as long as the session (12 h)")
        }
    }

    func testWrongPasswordAndUnknownUserAreIndistinguishable() throws {
        let wrongPassword = try fixture.signInReply("tun.agent", password: "not-the-password-at-all")
        let unknownUser = try fixture.signInReply("nobody.here", password: "not-the-password-at-all")
        XCTAssertProblem(wrongPassword, 401, "invalid_credentials", "wrong password")
        XCTAssertProblem(unknownUser, 401, "invalid_credentials", "unknown user")
        XCTAssertEqual(wrongPassword.text, unknownUser.text, "the bodies reveal whether the account exists")
        XCTAssertNil(wrongPassword.header("Set-Cookie"))
        XCTAssertNil(wrongPassword["token"])
        // Usernames are case-insensitive, passwords are not.
        XCTAssertEqual(try fixture.signInReply("TUN.Agent", password: fixture.accounts["tun.agent"]).status, 201)
        let upper = try fixture.signInReply("tun.agent", password: fixture.accounts["tun.agent"]!.uppercased())
        if fixture.accounts["tun.agent"]! != fixture.accounts["tun.agent"]!.uppercased() {
            XCTAssertEqual(upper.status, 401)
        }
    }

    func testTokenWorksAsBearerUntilSignOut() throws {
        let token = try fixture.signIn("tet.agent")
        let me = try fixture.request("GET", "/api/v1/session", token: token)
        XCTAssertEqual(me.status, 200, me.text)
        let user = try XCTUnwrap(me["user"] as? [String: Any])
        XCTAssertEqual(user["username"] as? String, "tet.agent")
        XCTAssertEqual(user["office"] as? String, "TET")
        XCTAssertEqual(try fixture.request("GET", "/api/v1/cases", token: token).status, 200)

        let out = try fixture.request("DELETE", "/api/v1/session", token: token)
        XCTAssertEqual(out.status, 204, out.text)
        let after = try fixture.request("GET", "/api/v1/session", token: token)
        XCTAssertProblem(after, 401, "unauthenticated", "a signed-out token still works")
        XCTAssertProblem(
            try fixture.request("GET", "/api/v1/cases", token: token), 401, "unauthenticated", "signed-out token on cases")
        XCTAssertProblem(
            try fixture.request("DELETE", "/api/v1/session", token: token), 401, "unauthenticated", "signing out twice")
        // Signing out ends only that session.
        let other = try fixture.signIn("tet.agent")
        let third = try fixture.signIn("tet.agent")
        XCTAssertEqual(try fixture.request("DELETE", "/api/v1/session", token: other).status, 204)
        XCTAssertEqual(try fixture.request("GET", "/api/v1/session", token: third).status, 200)
    }

    func testBearerSchemeIsCaseInsensitiveAndTheTokenTrimmed() throws {
        let token = try fixture.signIn("tet.agent")
        for header in ["bearer \(token)", "BEARER \(token)", "Bearer   \(token) \t", "bEaReR \t\(token)"] {
            let reply = try fixture.request("GET", "/api/v1/session", headers: ["Authorization": header])
            XCTAssertEqual(reply.status, 200, "\(header.prefix(10)): \(reply.text)")
        }
        // Another scheme, or no space after the scheme, is not a bearer token.
        for header in ["Basic \(token)", "Bearer\(token)", "Bearer", "Bearerx \(token)", "Token \(token)"] {
            let reply = try fixture.request("GET", "/api/v1/session", headers: ["Authorization": header])
            XCTAssertProblem(reply, 401, "unauthenticated", "header \(header.prefix(10))")
        }
    }

    func testGarbageBearerTokensAre401() throws {
        for garbage in ["garbage", "x", String(repeating: "A", count: 43), "' OR 1=1 --", String(repeating: "z", count: 500)] {
            let reply = try fixture.request("GET", "/api/v1/session", token: garbage)
            XCTAssertProblem(reply, 401, "unauthenticated", "token \(garbage.prefix(20))")
            let cases = try fixture.request("GET", "/api/v1/cases", token: garbage)
            XCTAssertEqual(cases.status, 401, "an invalid token must never be treated as anonymous: \(cases.text)")
        }
        // A garbage token on a public endpoint is not silently ignored either.
        let filing = try fixture.request(
            "POST", "/api/v1/cases",
            json: [
                "office": "TUN", "service": "birth-certificate", "subject": "s", "description": "d",
                "applicant": ["name": "A B"],
            ], token: "garbage")
        XCTAssertEqual(filing.status, 401, filing.text)
    }

    func testNoCredentialsOnStaffEndpointsIs401WithChallenge() throws {
        let (reference, _) = try fixture.file()
        let endpoints: [(String, String, Any?)] = [
            ("GET", "/api/v1/session", nil),
            ("DELETE", "/api/v1/session", nil),
            ("GET", "/api/v1/cases", nil),
            ("GET", "/api/v1/cases/\(reference)", nil),
            ("POST", "/api/v1/cases/\(reference)/status", ["status": "in_progress"]),
            ("POST", "/api/v1/cases/\(reference)/notes", ["text": "x", "public": false]),
            ("POST", "/api/v1/cases/\(reference)/assign", ["department": "etat-civil"]),
            ("POST", "/api/v1/cases/\(reference)/extension", ["days": 1, "reason": "r"]),
            ("POST", "/api/v1/cases/\(reference)/tracking-key", nil),
            ("POST", "/api/v1/admin/users", ["username": "x.y", "password": "long enough password", "role": "admin"]),
        ]
        for (method, path, body) in endpoints {
            let reply = try fixture.request(method, path, json: body)
            XCTAssertProblem(reply, 401, "unauthenticated", "\(method) \(path)")
            XCTAssertEqual(reply.header("WWW-Authenticate")?.hasPrefix("Bearer"), true, "\(method) \(path): \(reply.headers)")
        }
        let timeline = try fixture.timeline(reference, token: try fixture.signIn("tun.agent"))
        XCTAssertEqual(timeline.count, 1, "an anonymous request changed the case: \(timeline)")
    }

    func testSessionsExpireAfterTwelveHours() throws {
        let admin = try fixture.signIn("admin")
        let signedIn = try fixture.signInReply("tun.agent")
        let token = try XCTUnwrap(signedIn["token"] as? String)
        let now = try XCTUnwrap(
            ISO8601DateFormatter().date(from: try fixture.request("GET", "/api/v1/test/clock")["now"] as? String ?? ""))
        let expires = try XCTUnwrap(ISO8601DateFormatter().date(from: signedIn["expires_at"] as? String ?? ""))
        XCTAssertEqual(expires.timeIntervalSince(now), 12 * 3600, accuracy: 2, "sessions last 12 hours")

        let formatter = ISO8601DateFormatter()
        try fixture.setClock(formatter.string(from: now.addingTimeInterval(11 * 3600 + 50 * 60)))
        XCTAssertEqual(
            try fixture.request("GET", "/api/v1/session", token: token).status, 200, "expired before 12 hours")
        try fixture.setClock(formatter.string(from: now.addingTimeInterval(13 * 3600)))
        let expired = try fixture.request("GET", "/api/v1/session", token: token)
        XCTAssertProblem(expired, 401, "unauthenticated", "a 13-hour-old session still works")
        XCTAssertNotNil(expired.header("WWW-Authenticate"))
        XCTAssertProblem(
            try fixture.request("GET", "/api/v1/cases", token: token), 401, "unauthenticated", "expired token on cases")
        // The original admin session has expired too; a new sign-in works at the new time.
        XCTAssertEqual(try fixture.request("GET", "/api/v1/session", token: admin).status, 401)
        XCTAssertEqual(try fixture.request("GET", "/api/v1/session", token: try fixture.signIn("tun.agent")).status, 200)
    }

    func testLoginFailuresAreRateLimitedEvenForTheRightPassword() throws {
        let limited = try GuichetFixture(limits: [
            "--login-failure-limit", "3", "--filing-limit", "100000", "--tracking-failure-limit", "100000",
        ])
        defer { limited.stop() }
        // Successful sign-ins do not count.
        for _ in 0..<4 { XCTAssertEqual(try limited.signInReply("tun.agent").status, 201) }
        for attempt in 1...3 {
            let reply = try limited.signInReply(attempt == 2 ? "nobody.here" : "tun.agent", password: "wrong password \(attempt)")
            XCTAssertProblem(reply, 401, "invalid_credentials", "attempt \(attempt)")
        }
        let blocked = try limited.signInReply("tun.agent", password: "wrong password 4")
        XCTAssertProblem(blocked, 429, "rate_limited", "4th failure")
        let retryAfter = try XCTUnwrap(blocked.header("Retry-After").flatMap(Int.init), blocked.headers.description)
        XCTAssertGreaterThan(retryAfter, 0)
        XCTAssertLessThanOrEqual(retryAfter, 900)
        let right = try limited.signInReply("tun.agent")
        XCTAssertProblem(right, 429, "rate_limited", "the right password must not bypass the limit")
        XCTAssertNil(right["token"])
        XCTAssertNotNil(right.header("Retry-After"))
    }

    /// The limit must hold against parallel guesses too: checking the count before the (slow)
    /// password hash and counting the failure only after it lets every attempt in flight through.
    func testLoginLimitHoldsAgainstConcurrentGuesses() throws {
        let limited = try GuichetFixture(limits: [
            "--login-failure-limit", "3", "--filing-limit", "100000", "--tracking-failure-limit", "100000",
        ])
        defer { limited.stop() }
        let statuses = ConcurrentResults()
        DispatchQueue.concurrentPerform(iterations: 24) { index in
            do {
                let reply = try limited.signInReply("tun.agent", password: "guess number \(index)")
                statuses.add(String(reply.status))
            } catch {
                statuses.fail("\(error)")
            }
        }
        XCTAssertEqual(statuses.failures, [])
        let evaluated = statuses.references.filter { $0 == "401" }.count
        let refused = statuses.references.filter { $0 == "429" }.count
        XCTAssertEqual(evaluated + refused, 24, "\(statuses.references)")
        XCTAssertLessThanOrEqual(evaluated, 3, "\(evaluated) password guesses were checked with a limit of 3")
    }
}
