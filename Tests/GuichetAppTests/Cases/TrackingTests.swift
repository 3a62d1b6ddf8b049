import Foundation
import TestSupport
import XCTest

/// Tracking by reference and key: the right key shows the public view; a wrong key, an unknown
/// reference and a malformed one are indistinguishable; old keys stop working when reissued;
/// failures are rate-limited.
final class TrackingTests: XCTestCase {
    nonisolated(unsafe) static var fixture: GuichetFixture!
    var fixture: GuichetFixture { Self.fixture }

    override class func setUp() {
        do { fixture = try GuichetFixture() } catch { XCTFail("fixture: \(error)") }
    }

    override class func tearDown() { fixture?.stop() }

    func testRightKeyShowsThePublicViewOnly() throws {
        let (reference, key) = try fixture.file()
        let agent = try fixture.signIn("tun.agent")
        try fixture.request(
            "POST", "/api/v1/cases/\(reference)/notes", json: ["text": "INTERNAL-SECRET-NOTE", "public": false], token: agent)
        try fixture.request(
            "POST", "/api/v1/cases/\(reference)/notes", json: ["text": "Votre dossier est complet.", "public": true],
            token: agent)
        for (label, path, headers) in [
            ("header", "/api/v1/track/\(reference)", ["X-Tracking-Key": key]),
            ("query", "/api/v1/track/\(reference)?key=\(key)", [:]),
            ("lower-case key with spaces", "/api/v1/track/\(reference)", ["X-Tracking-Key": key.lowercased().prefix(4) + " " + key.lowercased().dropFirst(4)]),
        ] {
            let reply = try fixture.request("GET", path, headers: headers)
            XCTAssertEqual(reply.status, 200, "\(label): \(reply.text)")
            XCTAssertEqual(reply["reference"] as? String, reference)
            XCTAssertEqual(reply["status"] as? String, "received")
            XCTAssertNotNil(reply["deadline_date"])
            XCTAssertNotNil(reply["deadline_at"])
            XCTAssertNotNil(reply["due_state"])
            XCTAssertNotNil(reply["days_overdue"])
            XCTAssertNotNil(reply["deadline_explanation"])
            XCTAssertEqual(reply.header("Referrer-Policy"), "no-referrer")
            XCTAssertEqual(reply.header("Cache-Control"), "no-store")
            XCTAssertFalse(reply.text.contains("Amira"), "\(label): personal data in the public view")
            XCTAssertFalse(reply.text.contains("+216"), label)
            XCTAssertFalse(reply.text.contains("INTERNAL-SECRET-NOTE"), "\(label): internal note leaked")
            XCTAssertTrue(reply.text.contains("Votre dossier est complet."), "\(label): public note missing")
            XCTAssertFalse(reply.text.contains("tun.agent"), "\(label): staff names are not public")
        }
    }

    func testTheEventLoopAnswersExactlyAsAWorkerDoes() throws {
        let (reference, key) = try fixture.file()
        let agent = try fixture.signIn("tun.agent")
        try fixture.request(
            "POST", "/api/v1/cases/\(reference)/notes", json: ["text": "Pièce reçue « 1/2 »", "public": true], token: agent)
        let admin = try fixture.signIn("admin")
        // Read first: /metrics itself loads calendars (for the due-state gauges).
        let before = try evented()
        // An office change drops this instance's copy of the calendar: the next look-up cannot be
        // settled on the loop, which declines it to a worker (that loads the calendar again).
        XCTAssertEqual(
            try fixture.request("PATCH", "/api/v1/admin/offices/TUN", json: ["petition_threshold": 500], token: admin).status,
            200)
        let path = "/api/v1/track/\(reference)?lang=ar"
        let byWorker = try fixture.request("GET", path, headers: ["X-Tracking-Key": key])
        XCTAssertEqual(byWorker.status, 200, byWorker.text)
        XCTAssertEqual(try evented().declined, before.declined + 1)
        // Calendar in memory, statement prepared on the connection just given back: on the loop.
        let onLoop = try fixture.request("GET", path, headers: ["X-Tracking-Key": key])
        XCTAssertEqual(try evented().answered, before.answered + 1)
        XCTAssertEqual(onLoop.status, 200)
        XCTAssertEqual(onLoop.text, byWorker.text)
        for name in ["Content-Type", "Referrer-Policy", "Cache-Control", "Content-Security-Policy", "X-Content-Type-Options"] {
            XCTAssertEqual(onLoop.header(name), byWorker.header(name), name)
        }
        // A wrong key is looked up on the loop, then declined so a worker counts the failure.
        XCTAssertEqual(try fixture.request("GET", path, headers: ["X-Tracking-Key": "AAAAAAAA"]).status, 404)
        XCTAssertEqual(try evented().declined, before.declined + 2)
    }

    /// The tracking route's fast-path outcomes so far, from `/metrics`.
    private func evented() throws -> (answered: Int, declined: Int) {
        let text = try fixture.request("GET", "/metrics").text
        func count(_ outcome: String) -> Int {
            let prefix = "guichet_http_evented_total{route=\"/api/v1/track/{reference}\",outcome=\"\(outcome)\"} "
            return text.split(separator: "\n").first { $0.hasPrefix(prefix) }.flatMap { Int($0.dropFirst(prefix.count)) } ?? 0
        }
        return (count("answered"), count("declined"))
    }

    func testPublicMessagesSurviveEveryAwkwardCharacter() throws {
        let (reference, key) = try fixture.file()
        let agent = try fixture.signIn("tun.agent")
        let message = "Il a dit « oui », \"d'accord\" {a,b} \\ NULL '' ملف جاهز\nsecond line"
        try fixture.request("POST", "/api/v1/cases/\(reference)/notes", json: ["text": message, "public": true], token: agent)
        let reply = try fixture.request("GET", "/api/v1/track/\(reference)", headers: ["X-Tracking-Key": key])
        let messages = (reply["timeline"] as? [[String: Any]] ?? []).compactMap { $0["message"] as? String }
        XCTAssertEqual(messages, [message])
    }

    func testWrongKeyUnknownAndMalformedReferencesLookTheSame() throws {
        let (reference, key) = try fixture.file()
        let wrongKey = key == "AAAAAAAA" ? "BBBBBBBB" : "AAAAAAAA"
        let replies = try [
            fixture.request("GET", "/api/v1/track/\(reference)", headers: ["X-Tracking-Key": wrongKey]),
            fixture.request("GET", "/api/v1/track/TUN-2026-999999", headers: ["X-Tracking-Key": key]),
            fixture.request("GET", "/api/v1/track/not-a-reference", headers: ["X-Tracking-Key": key]),
            fixture.request("GET", "/api/v1/track/\(reference)"),
            fixture.request("GET", "/api/v1/track/\(reference)", headers: ["X-Tracking-Key": "short"]),
        ]
        for reply in replies {
            XCTAssertEqual(reply.status, 404)
            XCTAssertEqual(reply.body, replies[0].body, "bodies differ: \(reply.text) vs \(replies[0].text)")
            XCTAssertEqual(reply.header("Cache-Control"), "no-store")
        }
    }

    func testReissuedKeyReplacesTheOldOne() throws {
        let (reference, oldKey) = try fixture.file()
        let agent = try fixture.signIn("tun.agent")
        let reissue = try fixture.request("POST", "/api/v1/cases/\(reference)/tracking-key", token: agent)
        XCTAssertEqual(reissue.status, 201)
        let newKey = try XCTUnwrap(reissue["tracking_key"] as? String)
        XCTAssertNotEqual(newKey, oldKey)
        XCTAssertEqual(try fixture.request("GET", "/api/v1/track/\(reference)", headers: ["X-Tracking-Key": oldKey]).status, 404)
        XCTAssertEqual(try fixture.request("GET", "/api/v1/track/\(reference)", headers: ["X-Tracking-Key": newKey]).status, 200)
        let view = try fixture.request("GET", "/api/v1/cases/\(reference)", token: agent)
        let types = (view["timeline"] as? [[String: Any]])?.compactMap { $0["type"] as? String } ?? []
        XCTAssertTrue(types.contains("tracking_key_reissued"))
    }

    func testTrackingFailuresAreRateLimited() throws {
        let limited = try GuichetFixture(limits: [
            "--tracking-failure-limit", "5", "--filing-limit", "1000", "--login-failure-limit", "1000",
        ])
        defer { limited.stop() }
        let (reference, key) = try limited.file()
        for _ in 0..<5 {
            XCTAssertEqual(
                try limited.request("GET", "/api/v1/track/\(reference)", headers: ["X-Tracking-Key": "AAAAAAAA"]).status, 404)
        }
        let blocked = try limited.request("GET", "/api/v1/track/\(reference)", headers: ["X-Tracking-Key": key])
        XCTAssertEqual(blocked.status, 429, "even the right key waits once the client is over the limit")
        XCTAssertEqual(blocked.code, "rate_limited")
        let retryAfter = try XCTUnwrap(blocked.header("Retry-After").flatMap(Int.init))
        XCTAssertGreaterThan(retryAfter, 0)
        XCTAssertLessThanOrEqual(retryAfter, 900)
    }

    func testAnonymousFilingsAreRateLimited() throws {
        let limited = try GuichetFixture(limits: [
            "--filing-limit", "3", "--tracking-failure-limit", "1000", "--login-failure-limit", "1000",
        ])
        defer { limited.stop() }
        for _ in 0..<3 { _ = try limited.file() }
        let body: [String: Any] = [
            "office": "TUN", "service": "birth-certificate", "subject": "s", "description": "d", "applicant": ["name": "A B"],
        ]
        let blocked = try limited.request("POST", "/api/v1/cases", json: body)
        XCTAssertEqual(blocked.status, 429)
        XCTAssertNotNil(blocked.header("Retry-After"))
        // Staff at the desk are not throttled by the citizens' limit.
        let agent = try limited.signIn("tun.agent")
        XCTAssertEqual(try limited.request("POST", "/api/v1/cases", json: body, token: agent).status, 201)
    }
}
