import Foundation
import TestSupport
import XCTest

/// What each role may do: agents handle cases, supervisors also extend and assign, administrators
/// run the catalogue and accounts of every office. A refused action changes nothing.
final class RoleTests: XCTestCase {
    nonisolated(unsafe) static var fixture: GuichetFixture!
    var fixture: GuichetFixture { Self.fixture }
    static let secondAgentPassword = "second agent password 2026"

    override class func setUp() {
        do {
            fixture = try GuichetFixture()
            // A second agent of TUN, to test assigning a case to someone else.
            let admin = try fixture.signIn("admin")
            let reply = try fixture.request(
                "POST", "/api/v1/admin/users",
                json: [
                    "username": "tun.agent2", "password": secondAgentPassword, "role": "agent", "office": "TUN",
                    "department": "urbanisme",
                ], token: admin)
            if reply.status != 201 { XCTFail("second agent: \(reply.text)") }
        } catch { XCTFail("fixture: \(error)") }
    }

    override class func tearDown() { fixture?.stop() }

    /// The admin endpoints, each with a body that an administrator could send successfully.
    private func adminCalls(_ suffix: String) -> [(String, String, Any?)] {
        [
            ("POST", "/api/v1/admin/offices",
             ["code": "ZZ\(suffix)", "name": ["ar": "x", "fr": "x", "en": "x"], "timezone": "Africa/Tunis",
              "weekend_days": [6, 7], "petition_threshold": 100]),
            ("POST", "/api/v1/admin/offices/TUN/holidays", ["date": "2026-12-30", "name": "Forbidden \(suffix)"]),
            ("DELETE", "/api/v1/admin/offices/TUN/holidays/2026-12-17", nil),
            ("POST", "/api/v1/admin/services",
             ["office": "TUN", "code": "forbidden-\(suffix.lowercased())", "kind": "application",
              "name": ["ar": "x", "fr": "x", "en": "x"], "department": "etat-civil", "response_days": 5,
              "extension_days": 0, "required_documents": [], "fee": ["amount": "1.000", "currency": "TND"]]),
            ("PATCH", "/api/v1/admin/services/TUN/birth-certificate", ["response_days": 99]),
            ("POST", "/api/v1/admin/users",
             ["username": "forbidden.\(suffix.lowercased())", "password": "a strong enough password", "role": "admin"]),
        ]
    }

    private func officeCodes() throws -> Set<String> {
        let offices = try fixture.request("GET", "/api/v1/offices")
        return Set((offices["items"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String })
    }

    /// The parts of the catalogue the admin calls above would change.
    private func catalogueSnapshot() throws -> String {
        let connection = try fixture.database.connect()
        let row = try connection.query(
            """
            SELECT (SELECT count(*) FROM offices) AS offices,
                   (SELECT count(*) FROM holidays WHERE office = 'TUN') AS holidays,
                   (SELECT count(*) FROM holidays WHERE office = 'TUN' AND date = '2026-12-17') AS revolution,
                   (SELECT count(*) FROM services) AS services,
                   (SELECT response_days FROM services WHERE office = 'TUN' AND code = 'birth-certificate') AS days,
                   (SELECT count(*) FROM users) AS users
            """)[0]
        return try ["offices", "holidays", "revolution", "services", "days", "users"].map {
            "\($0)=\(try row.decode(Int.self, column: $0))"
        }.joined(separator: " ")
    }

    func testAgentsAndSupervisorsAreForbiddenEveryAdminEndpoint() throws {
        let before = try catalogueSnapshot()
        let officesBefore = try officeCodes()
        for (username, suffix) in [("tun.agent", "A"), ("tun.supervisor", "B"), ("tet.agent", "C"), ("tet.supervisor", "D")] {
            let token = try fixture.signIn(username)
            for (method, path, body) in adminCalls(suffix) {
                let reply = try fixture.request(method, path, json: body, token: token)
                XCTAssertProblem(reply, 403, "forbidden", "\(username) \(method) \(path)")
            }
        }
        XCTAssertEqual(try catalogueSnapshot(), before, "a forbidden admin call changed the catalogue")
        // The test clock is an administrator's tool too.
        let clock = try fixture.request("GET", "/api/v1/test/clock")["now"] as? String
        for username in ["tun.agent", "tun.supervisor"] {
            let reply = try fixture.request(
                "PUT", "/api/v1/test/clock", json: ["now": "2030-01-01T00:00:00Z"], token: try fixture.signIn(username))
            XCTAssertProblem(reply, 403, "forbidden", "\(username) setting the test clock")
        }
        XCTAssertEqual(try fixture.request("GET", "/api/v1/test/clock")["now"] as? String, clock)
        XCTAssertEqual(try officeCodes(), officesBefore)
        XCTAssertTrue(try officeCodes().isDisjoint(with: ["ZZA", "ZZB", "ZZC", "ZZD"]))
        XCTAssertEqual(try fixture.signInReply("forbidden.a", password: "a strong enough password").status, 401)
    }

    func testAdminCanCallEveryAdminEndpoint() throws {
        let admin = try fixture.signIn("admin")
        for (method, path, body) in adminCalls("E") {
            let reply = try fixture.request(method, path, json: body, token: admin)
            XCTAssertTrue((200..<300).contains(reply.status), "admin \(method) \(path): \(reply.text)")
        }
        // Put the catalogue back as the demo had it, for the other tests.
        let restore = try fixture.request(
            "POST", "/api/v1/admin/offices/TUN/holidays", json: ["date": "2026-12-17", "name": "Fête de la Révolution"],
            token: admin)
        XCTAssertEqual(restore.status, 201, restore.text)
        XCTAssertEqual(
            try fixture.request(
                "PATCH", "/api/v1/admin/services/TUN/birth-certificate", json: ["response_days": 0], token: admin
            ).status, 200)
        XCTAssertEqual(try fixture.signInReply("forbidden.e", password: "a strong enough password").status, 201)
    }

    func testAgentsCannotExtendSupervisorsCan() throws {
        let services = try fixture.request("GET", "/api/v1/services?office=TUN")
        let permit = try XCTUnwrap(
            (services["items"] as? [[String: Any]])?.first { $0["code"] as? String == "building-permit" })
        let extensionDays = try XCTUnwrap(permit["extension_days"] as? Int)
        XCTAssertGreaterThan(extensionDays, 0)

        let (reference, _) = try fixture.file(service: "building-permit")
        let agent = try fixture.signIn("tun.agent")
        let before = try fixture.staffView(reference, token: agent)
        let refused = try fixture.request(
            "POST", "/api/v1/cases/\(reference)/extension", json: ["days": 1, "reason": "Plans à compléter"], token: agent)
        XCTAssertProblem(refused, 403, "forbidden", "agent extension")
        let unchanged = try fixture.staffView(reference, token: agent)
        XCTAssertEqual(unchanged["deadline_date"] as? String, before["deadline_date"] as? String)
        XCTAssertEqual(unchanged["extension_used"] as? Bool, false)
        XCTAssertEqual((unchanged["timeline"] as? [Any])?.count, (before["timeline"] as? [Any])?.count)

        let supervisor = try fixture.signIn("tun.supervisor")
        let extended = try fixture.request(
            "POST", "/api/v1/cases/\(reference)/extension", json: ["days": extensionDays, "reason": "Avis technique requis"],
            token: supervisor)
        XCTAssertEqual(extended.status, 200, extended.text)
        XCTAssertEqual(extended["extension_used"] as? Bool, true)
        XCTAssertGreaterThan(extended["deadline_date"] as? String ?? "", before["deadline_date"] as? String ?? "~")
        let event = (extended["timeline"] as? [[String: Any]])?.last
        XCTAssertEqual(event?["type"] as? String, "extended")
        XCTAssertEqual(event?["actor"] as? String, "tun.supervisor")
        XCTAssertEqual(event?["public_message"] as? String, "Avis technique requis")
        // Once per case.
        let again = try fixture.request(
            "POST", "/api/v1/cases/\(reference)/extension", json: ["days": 1, "reason": "Encore"], token: supervisor)
        XCTAssertEqual(again.status, 409, again.text)
    }

    func testSupervisorsAssignToOthers() throws {
        let (reference, _) = try fixture.file()
        let supervisor = try fixture.signIn("tun.supervisor")
        let toAgent = try fixture.request(
            "POST", "/api/v1/cases/\(reference)/assign", json: ["assignee": "tun.agent2"], token: supervisor)
        XCTAssertEqual(toAgent.status, 200, toAgent.text)
        XCTAssertEqual(toAgent["assignee"] as? String, "tun.agent2")
        let toDepartment = try fixture.request(
            "POST", "/api/v1/cases/\(reference)/assign", json: ["department": "relations-citoyens"], token: supervisor)
        XCTAssertEqual(toDepartment.status, 200, toDepartment.text)
        XCTAssertEqual(toDepartment["department"] as? String, "relations-citoyens")
        XCTAssertEqual(toDepartment["assignee"] as? String, "tun.agent2", "a department-only assignment keeps the agent")
    }

    func testAgentsMayTakeACaseButNotAssignOthers() throws {
        let (reference, _) = try fixture.file()
        let agent = try fixture.signIn("tun.agent")
        let toOther = try fixture.request(
            "POST", "/api/v1/cases/\(reference)/assign", json: ["assignee": "tun.agent2"], token: agent)
        XCTAssertProblem(toOther, 403, "forbidden", "agent assigning another agent")
        let toSupervisor = try fixture.request(
            "POST", "/api/v1/cases/\(reference)/assign", json: ["assignee": "tun.supervisor"], token: agent)
        XCTAssertProblem(toSupervisor, 403, "forbidden", "agent assigning the supervisor")
        let departmentOnly = try fixture.request(
            "POST", "/api/v1/cases/\(reference)/assign", json: ["department": "urbanisme"], token: agent)
        XCTAssertProblem(departmentOnly, 403, "forbidden", "agent moving a case to a department")
        let unchanged = try fixture.staffView(reference, token: agent)
        XCTAssertNil(unchanged["assignee"] as? String)
        XCTAssertEqual(unchanged["department"] as? String, "etat-civil")

        let mine = try fixture.request(
            "POST", "/api/v1/cases/\(reference)/assign", json: ["assignee": "tun.agent"], token: agent)
        XCTAssertEqual(mine.status, 200, mine.text)
        XCTAssertEqual(mine["assignee"] as? String, "tun.agent")
        // Taking a case someone else holds is still "to myself".
        let second = try fixture.request("POST", "/api/v1/session", json: ["username": "tun.agent2", "password": Self.secondAgentPassword])
        let secondToken = try XCTUnwrap(second["token"] as? String, second.text)
        let taken = try fixture.request(
            "POST", "/api/v1/cases/\(reference)/assign", json: ["assignee": "tun.agent2"], token: secondToken)
        XCTAssertEqual(taken.status, 200, taken.text)
        XCTAssertEqual(taken["assignee"] as? String, "tun.agent2")
    }

    func testAgentsHandleTheirCases() throws {
        let agent = try fixture.signIn("tun.agent")
        let (reference, _) = try fixture.file(token: agent, extra: ["channel": "desk"])
        XCTAssertEqual(try fixture.changeStatus(reference, to: "in_progress", token: agent).status, 200)
        XCTAssertEqual(
            try fixture.request(
                "POST", "/api/v1/cases/\(reference)/notes", json: ["text": "vu", "public": false], token: agent
            ).status, 201)
        XCTAssertEqual(try fixture.request("POST", "/api/v1/cases/\(reference)/tracking-key", token: agent).status, 201)
        XCTAssertEqual(
            try fixture.changeStatus(reference, to: "resolved", message: "Délivré", token: agent).status, 200)
    }

    func testAdminActsOnCasesOfEveryOffice() throws {
        let admin = try fixture.signIn("admin")
        for office in ["TUN", "TET"] {
            let (reference, _) = try fixture.file(office: office, service: "birth-certificate", token: admin)
            XCTAssertEqual(try fixture.request("GET", "/api/v1/cases/\(reference)", token: admin).status, 200, office)
            XCTAssertEqual(try fixture.changeStatus(reference, to: "in_progress", token: admin).status, 200, office)
            let note = try fixture.request(
                "POST", "/api/v1/cases/\(reference)/notes", json: ["text": "admin", "public": true], token: admin)
            XCTAssertEqual(note.status, 201, "\(office): \(note.text)")
            let agent = office == "TUN" ? "tun.agent" : "tet.agent"
            let assign = try fixture.request(
                "POST", "/api/v1/cases/\(reference)/assign", json: ["assignee": agent, "department": "etat-civil"],
                token: admin)
            XCTAssertEqual(assign.status, 200, "\(office): \(assign.text)")
            XCTAssertEqual(assign["assignee"] as? String, agent)
            let extend = try fixture.request(
                "POST", "/api/v1/cases/\(reference)/extension", json: ["days": 1, "reason": "Registre en réfection"],
                token: admin)
            XCTAssertEqual(extend.status, 200, "\(office): \(extend.text)")
            let key = try fixture.request("POST", "/api/v1/cases/\(reference)/tracking-key", token: admin)
            XCTAssertEqual(key.status, 201, "\(office): \(key.text)")
            let events = try fixture.timeline(reference, token: admin)
            XCTAssertEqual(
                events.map { $0["type"] as? String ?? "" },
                ["submitted", "status_changed", "note", "assigned", "extended", "tracking_key_reissued"], office)
            XCTAssertTrue(events.dropFirst().allSatisfy { $0["actor"] as? String == "admin" })
        }
        let list = try fixture.request("GET", "/api/v1/cases?limit=200", token: admin)
        let offices = Set((list["items"] as? [[String: Any]] ?? []).compactMap { $0["office"] as? String })
        XCTAssertEqual(offices, ["TUN", "TET"])
    }
}
