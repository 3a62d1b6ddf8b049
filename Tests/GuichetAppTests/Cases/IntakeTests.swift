import Foundation
import TestSupport
import XCTest

/// Filing cases: on the web, at the desk, idempotent retries, gapless references under
/// concurrency, and bad input answered as problems.
final class IntakeTests: XCTestCase {
    nonisolated(unsafe) static var fixture: GuichetFixture!
    var fixture: GuichetFixture { Self.fixture }

    override class func setUp() {
        do { fixture = try GuichetFixture() } catch { XCTFail("fixture: \(error)") }
    }

    override class func tearDown() { fixture?.stop() }

    func testWebIntakeReturnsReferenceKeyAndDeadline() throws {
        let reply = try fixture.request(
            "POST", "/api/v1/cases",
            json: [
                "office": "TUN", "service": "birth-certificate", "subject": "Extrait", "description": "Pour l'école",
                "applicant": ["name": "Amira Ben Salah", "email": "amira@example.tn"],
            ])
        XCTAssertEqual(reply.status, 201, reply.text)
        let reference = try XCTUnwrap(reply["reference"] as? String)
        XCTAssertNotNil(reference.range(of: "^TUN-20[0-9]{2}-[0-9]{6}$", options: .regularExpression))
        let key = try XCTUnwrap(reply["tracking_key"] as? String)
        XCTAssertNotNil(key.range(of: "^[0-9ABCDEFGHJKMNPQRSTVWXYZ]{8}$", options: .regularExpression), key)
        XCTAssertEqual(reply["status"] as? String, "received")
        XCTAssertNotNil(reply["deadline_date"] as? String)
        XCTAssertNotNil(reply["deadline_at"] as? String)
        XCTAssertNotNil(reply["due_state"] as? String)
        XCTAssertTrue((reply["tracking_url"] as? String)?.contains(reference) ?? false)
        XCTAssertEqual(reply.header("Location"), "/api/v1/cases/\(reference)")
        XCTAssertEqual(reply.header("Cache-Control"), "no-store")

        let connection = try fixture.database.connect()
        let row = try connection.query(
            "SELECT channel, encode(tracking_key_hash, 'hex') AS hash FROM cases WHERE reference = \(reference)")[0]
        XCTAssertEqual(try row.decode(String.self, column: "channel"), "web")
        let hash: String = try row.decode(column: "hash")
        XCTAssertEqual(hash.count, 64, "the key is stored as an HMAC-SHA-256")
        let pattern = "%" + key + "%"
        let dump = try connection.query(
            """
            SELECT (SELECT count(*) FROM cases c WHERE c::text LIKE \(pattern))
                 + (SELECT count(*) FROM case_events e WHERE e::text LIKE \(pattern))
                 + (SELECT count(*) FROM idempotency_keys i WHERE i::text LIKE \(pattern))
                 + (SELECT count(*) FROM applicants a WHERE a::text LIKE \(pattern)) AS n
            """)
        XCTAssertEqual(try dump[0].decode(Int.self, column: "n"), 0, "the tracking key is stored in clear")
    }

    func testDeskIntakeByAnAgentWithChannelAndBackdating() throws {
        let agent = try fixture.signIn("tun.agent")
        let reply = try fixture.request(
            "POST", "/api/v1/cases",
            json: [
                "office": "TUN", "service": "birth-certificate", "subject": "Extrait", "description": "Guichet",
                "applicant": ["name": "Walid Trabelsi"], "channel": "desk",
                "received_at": ISO8601DateFormatter().string(from: Date().addingTimeInterval(-3 * 86_400)),
            ], token: agent)
        XCTAssertEqual(reply.status, 201, reply.text)
        let reference = try XCTUnwrap(reply["reference"] as? String)
        let view = try fixture.request("GET", "/api/v1/cases/\(reference)", token: agent)
        XCTAssertEqual(view["channel"] as? String, "desk")
        XCTAssertEqual(view["created_by"] as? String, "tun.agent")
        XCTAssertNotEqual(view["received_at"] as? String, view["submitted_at"] as? String)
    }

    func testOnlyStaffMaySetChannelOrBackdate() throws {
        let reply = try fixture.request(
            "POST", "/api/v1/cases",
            json: [
                "office": "TUN", "service": "birth-certificate", "subject": "x", "description": "y",
                "applicant": ["name": "A B"], "channel": "desk",
            ])
        XCTAssertEqual(reply.status, 422)
        XCTAssertEqual(reply.code, "validation_failed")
        let agent = try fixture.signIn("tun.agent")
        let tooOld = try fixture.request(
            "POST", "/api/v1/cases",
            json: [
                "office": "TUN", "service": "birth-certificate", "subject": "x", "description": "y",
                "applicant": ["name": "A B"], "channel": "mail",
                "received_at": ISO8601DateFormatter().string(from: Date().addingTimeInterval(-40 * 86_400)),
            ], token: agent)
        XCTAssertEqual(tooOld.status, 422, "more than 30 days back")
    }

    func testIdempotentRetryReturnsTheFirstResult() throws {
        let body: [String: Any] = [
            "office": "TUN", "service": "birth-certificate", "subject": "Retry", "description": "Same request",
            "applicant": ["name": "Sami Jaziri"],
        ]
        let first = try fixture.request("POST", "/api/v1/cases", json: body, headers: ["Idempotency-Key": "retry-1"])
        let second = try fixture.request("POST", "/api/v1/cases", json: body, headers: ["Idempotency-Key": "retry-1"])
        XCTAssertEqual(first.status, 201)
        XCTAssertEqual(second.status, 201)
        XCTAssertEqual(first.json["reference"] as? String, second.json["reference"] as? String)
        XCTAssertEqual(first.json["tracking_key"] as? String, second.json["tracking_key"] as? String)
        XCTAssertEqual(second.header("Idempotent-Replayed"), "true")
        let reference = try XCTUnwrap(first["reference"] as? String)
        let count = try fixture.database.connect().query(
            "SELECT count(*) AS n FROM cases WHERE subject = 'Retry'")[0].decode(Int.self, column: "n")
        XCTAssertEqual(count, 1)
        var different = body
        different["subject"] = "Another"
        let reused = try fixture.request("POST", "/api/v1/cases", json: different, headers: ["Idempotency-Key": "retry-1"])
        XCTAssertEqual(reused.status, 422)
        XCTAssertEqual(reused.code, "idempotency_key_reused")
        XCTAssertFalse(reference.isEmpty)
    }

    /// Anonymous filings count against the per-address limit before the work; a replayed retry
    /// and a refused filing give their attempt back, so only cases actually filed use it up.
    func testReplaysAndRefusalsDoNotUseUpTheFilingLimit() throws {
        let limited = try GuichetFixture(limits: ["--filing-limit", "2"])
        defer { limited.stop() }
        let body: [String: Any] = [
            "office": "TUN", "service": "birth-certificate", "subject": "Limit", "description": "Counted",
            "applicant": ["name": "Sami Jaziri"],
        ]
        XCTAssertEqual(
            try limited.request("POST", "/api/v1/cases", json: body, headers: ["Idempotency-Key": "limit-1"]).status, 201)
        for _ in 0..<3 {
            let replay = try limited.request("POST", "/api/v1/cases", json: body, headers: ["Idempotency-Key": "limit-1"])
            XCTAssertEqual(replay.header("Idempotent-Replayed"), "true", replay.text)
        }
        var refused = body
        refused["service"] = "no-such-service"
        XCTAssertEqual(try limited.request("POST", "/api/v1/cases", json: refused).status, 422)
        XCTAssertEqual(try limited.request("POST", "/api/v1/cases", json: body).status, 201, "the second case")
        let third = try limited.request("POST", "/api/v1/cases", json: body)
        XCTAssertEqual(third.status, 429, third.text)
        XCTAssertNotNil(third.header("Retry-After"))
    }

    func testFiftyConcurrentSubmissionsGetFiftyConsecutiveReferences() throws {
        let fixture = self.fixture
        let results = ConcurrentResults()
        DispatchQueue.concurrentPerform(iterations: 50) { index in
            do {
                let (reference, _) = try fixture.file(office: "TET", service: "birth-certificate", extra: ["subject": "Concurrent \(index)"])
                results.add(reference)
            } catch {
                results.fail("\(error)")
            }
        }
        XCTAssertEqual(results.failures, [])
        let numbers = results.references.compactMap { Int($0.suffix(6)) }.sorted()
        XCTAssertEqual(numbers.count, 50)
        XCTAssertEqual(Set(numbers).count, 50, "duplicate references")
        if let first = numbers.first, let last = numbers.last {
            XCTAssertEqual(last - first, 49, "references are not consecutive: \(numbers)")
        }
        let connection = try fixture.database.connect()
        let gaps = try connection.query(
            "SELECT max(number) - min(number) + 1 - count(*) AS gaps FROM cases WHERE office = 'TET'")[0]
        XCTAssertEqual(try gaps.decode(Int.self, column: "gaps"), 0, "the register has holes")
    }

    func testBadInputIsAProblemNeverA5xx() throws {
        let table: [(String, String?, [String: String], Int, String)] = [
            ("malformed JSON", "{\"office\": ", [:], 400, "malformed_json"),
            ("wrong type", "{\"office\": 12, \"service\": \"x\"}", [:], 422, "invalid_field"),
            ("unknown office", "{\"office\":\"ZZZ\",\"service\":\"birth-certificate\",\"subject\":\"s\",\"description\":\"d\",\"applicant\":{\"name\":\"A B\"}}", [:], 422, "unknown_office"),
            ("unknown service", "{\"office\":\"TUN\",\"service\":\"nope\",\"subject\":\"s\",\"description\":\"d\",\"applicant\":{\"name\":\"A B\"}}", [:], 422, "unknown_service"),
            ("oversized subject", "{\"office\":\"TUN\",\"service\":\"birth-certificate\",\"subject\":\"\(String(repeating: "s", count: 201))\",\"description\":\"d\",\"applicant\":{\"name\":\"A B\"}}", [:], 422, "validation_failed"),
            ("missing applicant", "{\"office\":\"TUN\",\"service\":\"birth-certificate\",\"subject\":\"s\",\"description\":\"d\"}", [:], 422, "validation_failed"),
            ("bad email", "{\"office\":\"TUN\",\"service\":\"birth-certificate\",\"subject\":\"s\",\"description\":\"d\",\"applicant\":{\"name\":\"A B\",\"email\":\"not-an-email\"}}", [:], 422, "validation_failed"),
            ("wrong content type", "office=TUN", ["Content-Type": "application/x-www-form-urlencoded"], 415, "unsupported_media_type"),
        ]
        for (label, body, headers, status, code) in table {
            var lines = ["POST /api/v1/cases HTTP/1.1", "Host: x", "Connection: close"]
            lines.append("Content-Type: \(headers["Content-Type"] ?? "application/json")")
            let bytes = Array((body ?? "").utf8)
            lines.append("Content-Length: \(bytes.count)")
            let client = try fixture.server.client()
            client.send(Array((lines.joined(separator: "\r\n") + "\r\n\r\n").utf8) + bytes)
            let response = try client.readResponse()
            XCTAssertEqual(response.status, status, "\(label): \(response)")
            XCTAssertEqual(response.header("Content-Type"), "application/problem+json", label)
            XCTAssertEqual(response.json["code"] as? String, code, "\(label): \(response)")
            XCTAssertNotNil(response.json["detail"] as? String, label)
            XCTAssertEqual(response.json["status"] as? Int, status, label)
        }
    }
}

/// Thread-safe collection of results from concurrent requests.
final class ConcurrentResults: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var references: [String] = []
    private(set) var failures: [String] = []

    func add(_ reference: String) { lock.withLock { references.append(reference) } }
    func fail(_ message: String) { lock.withLock { failures.append(message) } }
}
