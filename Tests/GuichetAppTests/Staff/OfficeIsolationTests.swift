import Foundation
import TestSupport
import XCTest

/// An agent or supervisor of one office never sees nor touches another office's cases: every
/// staff endpoint answers exactly as for a reference that does not exist, and changes nothing.
final class OfficeIsolationTests: XCTestCase {
    nonisolated(unsafe) static var fixture: GuichetFixture!
    var fixture: GuichetFixture { Self.fixture }
    static let missing = "TUN-2026-999999"

    override class func setUp() {
        do { fixture = try GuichetFixture() } catch { XCTFail("fixture: \(error)") }
    }

    override class func tearDown() { fixture?.stop() }

    /// Every staff endpoint on one case, with a body the case's own staff could send successfully.
    private func calls(_ reference: String, username: String) -> [(String, String, Any?)] {
        [
            ("GET", "/api/v1/cases/\(reference)", nil),
            ("POST", "/api/v1/cases/\(reference)/status", ["status": "in_progress", "internal_note": "peek"]),
            ("POST", "/api/v1/cases/\(reference)/status", ["status": "resolved", "public_message": "done"]),
            ("POST", "/api/v1/cases/\(reference)/notes", ["text": "foreign note", "public": true]),
            ("POST", "/api/v1/cases/\(reference)/assign", ["assignee": username]),
            ("POST", "/api/v1/cases/\(reference)/assign", ["department": "etat-civil"]),
            ("POST", "/api/v1/cases/\(reference)/extension", ["days": 1, "reason": "foreign extension"]),
            ("POST", "/api/v1/cases/\(reference)/tracking-key", nil),
        ]
    }

    func testEveryCaseEndpointIsNotFoundForAnotherOfficeAndChangesNothing() throws {
        let (reference, key) = try fixture.file(office: "TUN", service: "building-permit")
        let tunAgent = try fixture.signIn("tun.agent")
        let before = try fixture.staffView(reference, token: tunAgent)
        let beforeTimeline = try XCTUnwrap(before["timeline"] as? [[String: Any]])

        for username in ["tet.agent", "tet.supervisor"] {
            let token = try fixture.signIn(username)
            let real = calls(reference, username: username)
            let ghost = calls(Self.missing, username: username)
            for (index, (method, path, body)) in real.enumerated() {
                let reply = try fixture.request(method, path, json: body, token: token)
                let control = try fixture.request(ghost[index].0, ghost[index].1, json: ghost[index].2, token: token)
                let label = "\(username) \(method) \(path) \(body.map { "\($0)" } ?? "")"
                XCTAssertFalse((200..<300).contains(reply.status), "\(label) succeeded on another office's case: \(reply.text)")
                XCTAssertEqual(reply.status, control.status, "\(label) differs from a missing case")
                XCTAssertEqual(reply.text, control.text, "\(label) differs from a missing case")
                let roleRefusal = path.hasSuffix("/extension") || (body as? [String: Any])?["department"] != nil
                if username == "tet.agent" && roleRefusal {
                    // Agents may never extend nor move a case to a department: the role check answers
                    // first, alike for any reference, so it reveals nothing either.
                    XCTAssertProblem(reply, 403, "forbidden", label)
                } else {
                    XCTAssertProblem(reply, 404, "not_found", label)
                }
                XCTAssertFalse(reply.text.contains("Amira"), "\(label) leaks the applicant")
            }
        }

        let after = try fixture.staffView(reference, token: tunAgent)
        let afterTimeline = try XCTUnwrap(after["timeline"] as? [[String: Any]])
        XCTAssertEqual(afterTimeline.count, beforeTimeline.count, "another office changed the case: \(afterTimeline)")
        for field in ["status", "department", "deadline_date", "extension_used"] {
            XCTAssertEqual("\(after[field] ?? "nil")", "\(before[field] ?? "nil")", field)
        }
        XCTAssertNil(after["assignee"] as? String)
        // The key was not replaced.
        XCTAssertEqual(try fixture.track(reference, key: key).status, 200)
    }

    func testMalformedAndMissingReferencesLookTheSame() throws {
        let token = try fixture.signIn("tet.agent")
        let missing = try fixture.request("GET", "/api/v1/cases/\(Self.missing)", token: token)
        XCTAssertProblem(missing, 404, "not_found", "missing")
        for reference in ["garbage", "TUN-2026-00000A", "tun-2026-000001", "ZZZ-2026-000001"] {
            let reply = try fixture.request("GET", "/api/v1/cases/\(reference)", token: token)
            XCTAssertProblem(reply, 404, "not_found", reference)
        }
    }

    func testCaseListsNeverShowAnotherOfficesCases() throws {
        let tun = try fixture.file(office: "TUN", extra: ["subject": "Isolation TUN"]).reference
        let tet = try fixture.file(office: "TET", extra: ["subject": "Isolation TET"]).reference
        for username in ["tet.agent", "tet.supervisor"] {
            let token = try fixture.signIn(username)
            for query in ["", "?limit=200", "?q=Isolation", "?q=\(tun)", "?status=received", "?service=birth-certificate",
                          "?department=etat-civil"] {
                let reply = try fixture.request("GET", "/api/v1/cases\(query)", token: token)
                XCTAssertEqual(reply.status, 200, "\(username) \(query): \(reply.text)")
                let items = try XCTUnwrap(reply["items"] as? [[String: Any]])
                XCTAssertTrue(items.allSatisfy { $0["office"] as? String == "TET" }, "\(username) \(query): \(items)")
                XCTAssertFalse(items.contains { $0["reference"] as? String == tun }, "\(username) \(query)")
            }
            let all = try fixture.request("GET", "/api/v1/cases?limit=200", token: token)
            XCTAssertTrue(
                (all["items"] as? [[String: Any]] ?? []).contains { $0["reference"] as? String == tet },
                "\(username) does not see its own office's case")
            let foreign = try fixture.request("GET", "/api/v1/cases?office=TUN", token: token)
            XCTAssertEqual(foreign.status, 200, foreign.text)
            XCTAssertEqual((foreign["items"] as? [Any])?.count, 0, "\(username) ?office=TUN: \(foreign.text)")
            XCTAssertNil(foreign["next_cursor"] as? String)
        }
    }

    func testStaffCannotFileForAnotherOffice() throws {
        let connection = try fixture.database.connect()
        let count = { try connection.query("SELECT count(*) AS n FROM cases WHERE office = 'TUN'")[0].decode(Int.self, column: "n") }
        let before = try count()
        for username in ["tet.agent", "tet.supervisor"] {
            let token = try fixture.signIn(username)
            let reply = try fixture.request(
                "POST", "/api/v1/cases",
                json: [
                    "office": "TUN", "service": "birth-certificate", "subject": "Cross-office", "description": "d",
                    "applicant": ["name": "A B"], "channel": "desk",
                ], token: token)
            XCTAssertProblem(reply, 422, "unknown_office", username)
        }
        XCTAssertEqual(try count(), before, "a case was filed in another office")
    }

    func testAdministratorsSeeBothOffices() throws {
        let tun = try fixture.file(office: "TUN").reference
        let tet = try fixture.file(office: "TET").reference
        let admin = try fixture.signIn("admin")
        XCTAssertEqual(try fixture.request("GET", "/api/v1/cases/\(tun)", token: admin).status, 200)
        XCTAssertEqual(try fixture.request("GET", "/api/v1/cases/\(tet)", token: admin).status, 200)
        let all = try fixture.request("GET", "/api/v1/cases?limit=200", token: admin)
        let references = Set((all["items"] as? [[String: Any]] ?? []).compactMap { $0["reference"] as? String })
        XCTAssertTrue(references.isSuperset(of: [tun, tet]), "admin list: \(references)")
        let onlyTET = try fixture.request("GET", "/api/v1/cases?office=TET&limit=200", token: admin)
        let tetItems = onlyTET["items"] as? [[String: Any]] ?? []
        XCTAssertTrue(tetItems.contains { $0["reference"] as? String == tet })
        XCTAssertTrue(tetItems.allSatisfy { $0["office"] as? String == "TET" }, "admin ?office=TET: \(tetItems)")
        // And the TUN staff do not see TET's case.
        let tunAgent = try fixture.signIn("tun.supervisor")
        XCTAssertProblem(try fixture.request("GET", "/api/v1/cases/\(tet)", token: tunAgent), 404, "not_found", "TUN on TET")
    }
}
