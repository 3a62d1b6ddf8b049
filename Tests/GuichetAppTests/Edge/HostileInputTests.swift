import Foundation
import TestSupport
import XCTest

/// Injection strings in every text field the API stores: filing, notes, status messages, the
/// extension reason, feedback and the administrator's catalogue and accounts. Each is either stored
/// verbatim (read back through the staff JSON view, which must stay valid JSON) or, for a NUL, which
/// PostgreSQL text cannot hold, refused with `422`; never a 5xx.
final class HostileInputTests: XCTestCase {
    nonisolated(unsafe) static var fixture: GuichetFixture!
    var fixture: GuichetFixture { Self.fixture }

    override class func setUp() {
        do { fixture = try GuichetFixture() } catch { XCTFail("fixture: \(error)") }
    }

    override class func tearDown() { fixture?.stop() }

    /// Stored verbatim.
    static let hostile = [
        "'; DROP TABLE cases; --",
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "Ahmed \u{202E}gnp.exe\u{202C} Ben Ali",
        "Robert'); DELETE FROM case_events WHERE ('1'='1",
        "$1 $$ \\x00 %s %n {{7*7}} ${7*7}",
        "مرحبا <b>عالم</b> \u{200F}",
    ]
    /// Refused with 422.
    static let nul = "abc\u{0}def"

    func testFilingStoresHostileTextVerbatim() throws {
        let agent = try fixture.signIn("tun.agent")
        for text in Self.hostile {
            let (reference, _) = try fixture.file(extra: [
                "subject": text, "description": text,
                "applicant": ["name": text, "address": text] as [String: Any],
            ])
            let view = try fixture.request("GET", "/api/v1/cases/\(reference)", token: agent)
            XCTAssertEqual(view.status, 200)
            XCTAssertEqual(view["subject"] as? String, text)
            XCTAssertEqual(view["description"] as? String, text)
            let applicant = view["applicant"] as? [String: Any]
            XCTAssertEqual(applicant?["name"] as? String, text)
            XCTAssertEqual(applicant?["address"] as? String, text)
            XCTAssertEqual(view.header("Content-Type"), "application/json")
        }
    }

    func testStaffTextIsStoredVerbatim() throws {
        let agent = try fixture.signIn("tun.agent")
        let supervisor = try fixture.signIn("tun.supervisor")
        for text in Self.hostile {
            let (reference, key) = try fixture.file()
            for isPublic in [true, false] {
                let note = try fixture.request(
                    "POST", "/api/v1/cases/\(reference)/notes", json: ["text": text, "public": isPublic], token: agent)
                XCTAssertEqual(note.status, 201, note.text)
            }
            let extended = try fixture.request(
                "POST", "/api/v1/cases/\(reference)/extension", json: ["days": 1, "reason": text], token: supervisor)
            XCTAssertEqual(extended.status, 200, extended.text)
            let resolved = try fixture.request(
                "POST", "/api/v1/cases/\(reference)/status",
                json: ["status": "resolved", "public_message": text, "internal_note": text], token: agent)
            XCTAssertEqual(resolved.status, 200, resolved.text)
            let feedback = try fixture.request(
                "POST", "/api/v1/track/\(reference)/feedback", json: ["key": key, "rating": 2, "comment": text])
            XCTAssertLessThan(feedback.status, 300, feedback.text)
            let view = try fixture.request("GET", "/api/v1/cases/\(reference)", token: agent)
            let timeline = view["timeline"] as? [[String: Any]] ?? []
            let texts = timeline.flatMap { event in
                ["public_message", "internal_note", "message", "note", "text", "reason"].compactMap { event[$0] as? String }
            }
            XCTAssertGreaterThanOrEqual(texts.filter { $0 == text }.count, 4, "\(text): \(texts)")
            let tracked = try fixture.request("GET", "/api/v1/track/\(reference)", headers: ["X-Tracking-Key": key])
            XCTAssertTrue(tracked.text.contains("timeline"), tracked.text)
            XCTAssertFalse(
                (tracked["timeline"] as? [[String: Any]] ?? []).contains { ($0["internal_note"] as? String) == text },
                "internal notes never reach the public view")
        }
    }

    func testAdministratorTextIsStoredVerbatim() throws {
        let admin = try fixture.signIn("admin")
        for (index, text) in Self.hostile.enumerated() {
            let names = ["ar": text, "fr": text, "en": text]
            let code = "HX" + String(UnicodeScalar(UInt8(65 + index)))
            let office = try fixture.request(
                "POST", "/api/v1/admin/offices",
                json: [
                    "code": code, "name": names, "timezone": "Africa/Tunis", "weekend_days": [6, 7],
                    "departments": [["code": "d", "name": names]],
                ], token: admin)
            XCTAssertEqual(office.status, 201, office.text)
            let holiday = try fixture.request(
                "POST", "/api/v1/admin/offices/\(code)/holidays", json: ["date": "2026-12-24", "name": text], token: admin)
            XCTAssertLessThan(holiday.status, 300, holiday.text)
            let service = try fixture.request(
                "POST", "/api/v1/admin/services",
                json: [
                    "office": code, "code": "s", "kind": "application", "department": "d", "name": names,
                    "description": names, "required_documents": [names], "response_days": 3, "extension_days": 1,
                    "fee": ["amount": "0", "currency": "TND"],
                ], token: admin)
            XCTAssertEqual(service.status, 201, service.text)
            let user = try fixture.request(
                "POST", "/api/v1/admin/users",
                json: [
                    "username": "hostile\(index)", "password": "correct horse battery staple", "role": "agent",
                    "office": code, "display_name": text,
                ], token: admin)
            XCTAssertEqual(user.status, 201, user.text)
            let guide = try fixture.request("GET", "/api/v1/services?office=\(code)")
            let first = (guide["services"] as? [[String: Any]])?.first ?? (guide["items"] as? [[String: Any]])?.first
            let guideText = guide.text
            XCTAssertEqual((first?["name"] as? [String: Any])?["fr"] as? String, text, guideText.prefix(300).description)
            let offices = try fixture.request("GET", "/api/v1/offices")
            XCTAssertTrue(offices.status == 200 && !offices.json.isEmpty || offices.text.hasPrefix("["), offices.text)
        }
    }

    /// A NUL anywhere is `422`, field by field, never a 500 from PostgreSQL.
    func testNULIsRefusedEverywhere() throws {
        let agent = try fixture.signIn("tun.agent")
        let supervisor = try fixture.signIn("tun.supervisor")
        let admin = try fixture.signIn("admin")
        let (reference, key) = try fixture.file()
        let base: [String: Any] = [
            "office": "TUN", "service": "birth-certificate", "subject": "s", "description": "d",
            "applicant": ["name": "A"],
        ]
        let names: [String: Any] = ["ar": "ا", "fr": "f", "en": "e"]
        let nulNames: [String: Any] = ["ar": "ا", "fr": Self.nul, "en": "e"]
        var attempts: [(String, String, String, [String: Any], String?)] = [
            ("subject", "POST", "/api/v1/cases", base.merging(["subject": Self.nul]) { $1 }, nil),
            ("description", "POST", "/api/v1/cases", base.merging(["description": Self.nul]) { $1 }, nil),
            ("applicant.name", "POST", "/api/v1/cases", base.merging(["applicant": ["name": Self.nul]]) { $1 }, nil),
            ("applicant.address", "POST", "/api/v1/cases", base.merging(["applicant": ["name": "A", "address": Self.nul]]) { $1 }, nil),
            ("applicant.email", "POST", "/api/v1/cases", base.merging(["applicant": ["name": "A", "email": "a\u{0}@b.tn"]]) { $1 }, nil),
            ("note", "POST", "/api/v1/cases/\(reference)/notes", ["text": Self.nul, "public": true], agent),
            ("public_message", "POST", "/api/v1/cases/\(reference)/status", ["status": "in_progress", "public_message": Self.nul], agent),
            ("internal_note", "POST", "/api/v1/cases/\(reference)/status", ["status": "in_progress", "internal_note": Self.nul], agent),
            ("extension reason", "POST", "/api/v1/cases/\(reference)/extension", ["days": 1, "reason": Self.nul], supervisor),
            ("office name", "POST", "/api/v1/admin/offices", ["code": "NULA", "name": nulNames, "timezone": "Africa/Tunis", "weekend_days": [6, 7]], admin),
            ("department name", "POST", "/api/v1/admin/offices", ["code": "NULB", "name": names, "timezone": "Africa/Tunis", "weekend_days": [6, 7], "departments": [["code": "d", "name": nulNames]]], admin),
            ("holiday name", "POST", "/api/v1/admin/offices/TUN/holidays", ["date": "2026-12-24", "name": Self.nul], admin),
            ("service name", "POST", "/api/v1/admin/services", ["office": "TUN", "code": "nul-a", "kind": "application", "department": "etat-civil", "name": nulNames, "response_days": 3, "extension_days": 1, "fee": ["amount": "0", "currency": "TND"]], admin),
            ("service description", "POST", "/api/v1/admin/services", ["office": "TUN", "code": "nul-b", "kind": "application", "department": "etat-civil", "name": names, "description": nulNames, "response_days": 3, "extension_days": 1, "fee": ["amount": "0", "currency": "TND"]], admin),
            ("required document", "POST", "/api/v1/admin/services", ["office": "TUN", "code": "nul-c", "kind": "application", "department": "etat-civil", "name": names, "required_documents": [nulNames], "response_days": 3, "extension_days": 1, "fee": ["amount": "0", "currency": "TND"]], admin),
            ("username", "POST", "/api/v1/admin/users", ["username": "nul\u{0}user", "password": "correct horse battery staple", "role": "agent", "office": "TUN"], admin),
            ("password", "POST", "/api/v1/admin/users", ["username": "nulpassword", "password": "correct horse\u{0} battery staple", "role": "agent", "office": "TUN"], admin),
            ("display name", "POST", "/api/v1/admin/users", ["username": "nuldisplay", "password": "correct horse battery staple", "role": "agent", "office": "TUN", "display_name": Self.nul], admin),
            ("sign-in username", "POST", "/api/v1/session", ["username": "ad\u{0}min", "password": "x"], nil),
        ]
        attempts.append(("feedback comment", "POST", "/api/v1/track/\(reference)/feedback", ["key": key, "rating": 3, "comment": Self.nul], nil))
        for (label, method, path, body, token) in attempts {
            let reply = try fixture.request(method, path, json: body, token: token)
            XCTAssertLessThan(reply.status, 500, "\(label): \(reply.text)")
            if label != "sign-in username" && label != "feedback comment" {
                XCTAssertEqual(reply.status, 422, "\(label): \(reply.text)")
            }
            XCTAssertEqual(reply.header("Content-Type"), "application/problem+json", label)
        }
    }
}
