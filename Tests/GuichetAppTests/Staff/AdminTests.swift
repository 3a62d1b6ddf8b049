import Foundation
import TestSupport
import XCTest

/// The administrators' endpoints: offices, holidays (and the deadlines they move), services (a
/// new delay applies to new cases only) and staff accounts.
final class AdminTests: XCTestCase {
    nonisolated(unsafe) static var fixture: GuichetFixture!
    var fixture: GuichetFixture { Self.fixture }
    /// Monday 23 November 2026, 10:00 in Tunis and Tétouan (DESIGN.md's worked examples).
    static let monday = "2026-11-23T09:00:00Z"

    override class func setUp() {
        do {
            fixture = try GuichetFixture()
            try fixture.setClock(monday)
        } catch { XCTFail("fixture: \(error)") }
    }

    override class func tearDown() { fixture?.stop() }

    private var admin: String { get throws { try fixture.signIn("admin") } }

    private func names(_ text: String) -> [String: String] { ["ar": text, "fr": text, "en": text] }

    private func officeBody(_ code: String, timezone: String = "Africa/Tunis", weekend: [Int] = [6, 7]) -> [String: Any] {
        [
            "code": code, "name": names("Bureau \(code)"), "timezone": timezone, "weekend_days": weekend,
            "petition_threshold": 150,
            "departments": [["code": "accueil", "name": names("Accueil")]],
        ]
    }

    private func serviceBody(
        office: String = "TUN", code: String, kind: String = "application", responseDays: Int = 3, fee: Any? = nil
    ) -> [String: Any] {
        [
            "office": office, "code": code, "kind": kind, "name": names("Service \(code)"),
            "description": names("Description"), "department": office == "SFX" ? "accueil" : "etat-civil",
            "response_days": responseDays, "extension_days": 2, "required_documents": [names("CIN")],
            "fee": fee ?? ["amount": "2.500", "currency": "TND"],
        ]
    }

    private func offices() throws -> [[String: Any]] {
        try fixture.request("GET", "/api/v1/offices")["items"] as? [[String: Any]] ?? []
    }

    private func services(_ office: String) throws -> [[String: Any]] {
        try fixture.request("GET", "/api/v1/services?office=\(office)")["items"] as? [[String: Any]] ?? []
    }

    // MARK: Offices

    func testCreateAnOfficeThenItIsListedAndUsable() throws {
        let admin = try self.admin
        let reply = try fixture.request("POST", "/api/v1/admin/offices", json: officeBody("SFX"), token: admin)
        XCTAssertEqual(reply.status, 201, reply.text)
        let office = try XCTUnwrap(try offices().first { $0["code"] as? String == "SFX" }, "the new office is not listed")
        XCTAssertEqual(office["timezone"] as? String, "Africa/Tunis")
        XCTAssertEqual(office["weekend_days"] as? [Int], [6, 7])
        XCTAssertEqual(office["petition_threshold"] as? Int, 150)
        XCTAssertEqual((office["name"] as? [String: String])?["fr"], "Bureau SFX")
        XCTAssertEqual((office["departments"] as? [[String: Any]])?.compactMap { $0["code"] as? String }, ["accueil"])

        // It can be given a service and receive cases.
        let service = try fixture.request(
            "POST", "/api/v1/admin/services", json: serviceBody(office: "SFX", code: "attestation"), token: admin)
        XCTAssertEqual(service.status, 201, service.text)
        let (reference, _) = try fixture.file(office: "SFX", service: "attestation")
        XCTAssertEqual(reference, "SFX-2026-000001")
        XCTAssertEqual(try fixture.staffView(reference, token: admin)["deadline_date"] as? String, "2026-11-26")
    }

    func testInvalidOfficesAre422AndDuplicatesAre409() throws {
        let admin = try self.admin
        let before = try offices().count
        let table: [(String, [String: Any])] = [
            ("unknown time zone", officeBody("ZTA", timezone: "Mars/Olympus")),
            ("empty time zone", officeBody("ZTB", timezone: "")),
            ("weekday 0", officeBody("ZWA", weekend: [0])),
            ("weekday 8", officeBody("ZWB", weekend: [6, 8])),
            ("no working day", officeBody("ZWC", weekend: [1, 2, 3, 4, 5, 6, 7])),
            ("lower-case code", officeBody("zcl")),
            ("one-letter code", officeBody("Z")),
            ("nine-letter code", officeBody("ZZZZZZZZZ")),
            ("digit in code", officeBody("Z1")),
            ("empty code", officeBody("")),
        ]
        for (label, body) in table {
            let reply = try fixture.request("POST", "/api/v1/admin/offices", json: body, token: admin)
            XCTAssertEqual(reply.status, 422, "\(label): \(reply.text)")
            XCTAssertEqual(reply.header("Content-Type"), "application/problem+json", label)
        }
        var noFrench = officeBody("ZNF")
        noFrench["name"] = ["ar": "x", "fr": " ", "en": "x"]
        XCTAssertEqual(try fixture.request("POST", "/api/v1/admin/offices", json: noFrench, token: admin).status, 422)
        var badDepartment = officeBody("ZBD")
        badDepartment["departments"] = [["code": "Not Valid", "name": names("x")]]
        XCTAssertEqual(try fixture.request("POST", "/api/v1/admin/offices", json: badDepartment, token: admin).status, 422)
        XCTAssertEqual(try offices().count, before, "an invalid office was created")
        XCTAssertFalse(try offices().contains { $0["code"] as? String == "ZBD" }, "a half-created office remains")

        let duplicate = try fixture.request("POST", "/api/v1/admin/offices", json: officeBody("TUN"), token: admin)
        XCTAssertProblem(duplicate, 409, "office_exists", "duplicate office")
        let tun = try XCTUnwrap(try offices().first { $0["code"] as? String == "TUN" })
        XCTAssertEqual(tun["timezone"] as? String, "Africa/Tunis", "the duplicate overwrote the office")
        XCTAssertEqual(tun["petition_threshold"] as? Int, 300, "the duplicate overwrote the office")
    }

    func testDuplicateDepartmentCodesAre422NotAServerError() throws {
        let admin = try self.admin
        var twice = officeBody("ZDD")
        twice["departments"] = [["code": "accueil", "name": names("Accueil")], ["code": "accueil", "name": names("Bis")]]
        let duplicated = try fixture.request("POST", "/api/v1/admin/offices", json: twice, token: admin)
        XCTAssertEqual(duplicated.status, 422, "duplicate department codes are bad input, not a server error: \(duplicated.text)")
        XCTAssertEqual(duplicated.header("Content-Type"), "application/problem+json")
        XCTAssertFalse(try offices().contains { $0["code"] as? String == "ZDD" }, "a half-created office remains")
    }

    // MARK: Holidays

    func testHolidaysMoveOpenDeadlinesBothWays() throws {
        let admin = try self.admin
        // property-tax-certificate: 3 working days; filed Monday 23 Nov → Thursday 26 Nov.
        let (reference, key) = try fixture.file(service: "property-tax-certificate")
        let (closed, _) = try fixture.file(service: "property-tax-certificate")
        XCTAssertEqual(try fixture.changeStatus(closed, to: "resolved", message: "Délivré", token: admin).status, 200)
        XCTAssertEqual(try fixture.staffView(reference, token: admin)["deadline_date"] as? String, "2026-11-26")

        let added = try fixture.request(
            "POST", "/api/v1/admin/offices/TUN/holidays", json: ["date": "2026-11-25", "name": "Journée exceptionnelle"],
            token: admin)
        XCTAssertEqual(added.status, 201, added.text)
        let movedUp = try XCTUnwrap(added["deadlines_changed"] as? Int, added.text)
        XCTAssertGreaterThanOrEqual(movedUp, 1)
        let view = try fixture.staffView(reference, token: admin)
        XCTAssertEqual(view["deadline_date"] as? String, "2026-11-27", "the holiday did not move the deadline")
        let changed = (view["timeline"] as? [[String: Any]] ?? []).filter { $0["type"] as? String == "deadline_changed" }
        XCTAssertEqual(changed.count, 1)
        XCTAssertEqual(changed.first?["public"] as? Bool, true)
        XCTAssertEqual((changed.first?["data"] as? [String: String])?["from"], "2026-11-26")
        XCTAssertEqual((changed.first?["data"] as? [String: String])?["to"], "2026-11-27")
        XCTAssertEqual(try fixture.track(reference, key: key)["deadline_date"] as? String, "2026-11-27")
        // A finished case keeps the deadline it was judged against.
        let closedView = try fixture.staffView(closed, token: admin)
        XCTAssertEqual(closedView["deadline_date"] as? String, "2026-11-26")
        XCTAssertFalse((closedView["timeline"] as? [[String: Any]] ?? []).contains { $0["type"] as? String == "deadline_changed" })
        // New cases see the new calendar at once.
        let (later, _) = try fixture.file(service: "property-tax-certificate")
        XCTAssertEqual(try fixture.staffView(later, token: admin)["deadline_date"] as? String, "2026-11-27")

        // The same holiday again changes nothing.
        let again = try fixture.request(
            "POST", "/api/v1/admin/offices/TUN/holidays", json: ["date": "2026-11-25", "name": "Journée exceptionnelle"],
            token: admin)
        XCTAssertEqual(again.status, 201, again.text)
        XCTAssertEqual(again["deadlines_changed"] as? Int, 0)

        let removed = try fixture.request("DELETE", "/api/v1/admin/offices/TUN/holidays/2026-11-25", token: admin)
        XCTAssertEqual(removed.status, 200, removed.text)
        XCTAssertGreaterThanOrEqual(removed["deadlines_changed"] as? Int ?? -1, 2)
        XCTAssertEqual(try fixture.staffView(reference, token: admin)["deadline_date"] as? String, "2026-11-26")
        XCTAssertEqual(try fixture.staffView(later, token: admin)["deadline_date"] as? String, "2026-11-26")

        let missing = try fixture.request("DELETE", "/api/v1/admin/offices/TUN/holidays/2026-11-25", token: admin)
        XCTAssertProblem(missing, 404, "not_found", "deleting a missing holiday")
        let otherOffice = try fixture.request("DELETE", "/api/v1/admin/offices/TET/holidays/2026-12-17", token: admin)
        XCTAssertProblem(otherOffice, 404, "not_found", "TUN's holiday deleted through TET")
        let noOffice = try fixture.request(
            "POST", "/api/v1/admin/offices/ZZZ/holidays", json: ["date": "2026-12-01", "name": "x"], token: admin)
        XCTAssertEqual(noOffice.status, 404, noOffice.text)
        let badDate = try fixture.request(
            "POST", "/api/v1/admin/offices/TUN/holidays", json: ["date": "2026-02-30", "name": "x"], token: admin)
        XCTAssertEqual(badDate.status, 422, badDate.text)
        let badPathDate = try fixture.request("DELETE", "/api/v1/admin/offices/TUN/holidays/someday", token: admin)
        XCTAssertEqual(badPathDate.status, 422, badPathDate.text)
    }

    /// DESIGN.md: several stateless instances serve one database, and a holiday change recomputes
    /// the deadlines of the office's open cases. A case filed on another instance just after the
    /// change must get the new calendar too, not a copy that instance kept in memory.
    func testAHolidayAddedOnOneInstanceAppliesToCasesFiledOnAnother() throws {
        let second = try ServerProcess(
            databaseURL: fixture.database.url, arguments: ["--test-clock"] + GuichetFixture.relaxedLimits)
        defer { second.stop() }
        func onSecond(_ method: String, _ path: String, json: Any?, token: String? = nil) throws -> [String: Any] {
            var body: [UInt8] = []
            if let json { body = Array(try JSONSerialization.data(withJSONObject: json)) }
            var lines = ["\(method) \(path) HTTP/1.1", "Host: 127.0.0.1:\(second.port)", "Connection: close",
                         "Content-Type: application/json", "Content-Length: \(body.count)"]
            if let token { lines.append("Authorization: Bearer \(token)") }
            let client = try second.client()
            client.send(Array((lines.joined(separator: "\r\n") + "\r\n\r\n").utf8) + body)
            let response = try client.readResponse()
            XCTAssertTrue((200..<300).contains(response.status), "second instance \(method) \(path): \(response)")
            return response.json
        }
        let admin = try self.admin
        _ = try onSecond("PUT", "/api/v1/test/clock", json: ["now": Self.monday], token: admin)
        let filing: [String: Any] = [
            "office": "TUN", "service": "property-tax-certificate", "subject": "Deux instances", "description": "d",
            "applicant": ["name": "Amira Ben Salah"],
        ]
        // The second instance has looked at Tunis's calendar (as any filing does).
        let first = try XCTUnwrap(try onSecond("POST", "/api/v1/cases", json: filing)["reference"] as? String)
        XCTAssertEqual(try fixture.staffView(first, token: admin)["deadline_date"] as? String, "2026-11-26")

        let added = try fixture.request(
            "POST", "/api/v1/admin/offices/TUN/holidays", json: ["date": "2026-11-24", "name": "Journée de deuil"],
            token: admin)
        XCTAssertEqual(added.status, 201, added.text)
        defer { _ = try? fixture.request("DELETE", "/api/v1/admin/offices/TUN/holidays/2026-11-24", token: admin) }
        XCTAssertEqual(try fixture.staffView(first, token: admin)["deadline_date"] as? String, "2026-11-27")

        let filedAfter = try XCTUnwrap(try onSecond("POST", "/api/v1/cases", json: filing)["reference"] as? String)
        XCTAssertEqual(
            try fixture.staffView(filedAfter, token: admin)["deadline_date"] as? String, "2026-11-27",
            "a case filed after the holiday was added ignores it (stale calendar on the other instance)")
    }

    // MARK: Services

    func testCreateAServiceThenItIsInTheGuide() throws {
        let admin = try self.admin
        let reply = try fixture.request("POST", "/api/v1/admin/services", json: serviceBody(code: "permis-kiosque"), token: admin)
        XCTAssertEqual(reply.status, 201, reply.text)
        let listed = try XCTUnwrap(try services("TUN").first { $0["code"] as? String == "permis-kiosque" })
        XCTAssertEqual(listed["kind"] as? String, "application")
        XCTAssertEqual(listed["response_days"] as? Int, 3)
        XCTAssertEqual(listed["extension_days"] as? Int, 2)
        XCTAssertEqual(listed["department"] as? String, "etat-civil")
        XCTAssertEqual((listed["fee"] as? [String: Any])?["amount"] as? String, "2.500")
        XCTAssertEqual((listed["name"] as? [String: String])?["en"], "Service permis-kiosque")
        XCTAssertFalse(try services("TET").contains { $0["code"] as? String == "permis-kiosque" }, "listed in TET too")
        XCTAssertNoThrow(try fixture.file(service: "permis-kiosque"))
    }

    func testInvalidServicesAre422AndDuplicatesAre409() throws {
        let admin = try self.admin
        let before = try services("TUN").count
        var noName = serviceBody(code: "sans-nom")
        noName["name"] = nil
        var badDepartment = serviceBody(code: "mauvais-service")
        badDepartment["department"] = "no-such-department"
        let table: [(String, [String: Any])] = [
            ("unknown kind", serviceBody(code: "k1", kind: "form")),
            ("response_days 400", serviceBody(code: "k2", responseDays: 400)),
            ("response_days -1", serviceBody(code: "k3", responseDays: -1)),
            ("fee \"abc\"", serviceBody(code: "k4", fee: "abc")),
            ("fee amount abc", serviceBody(code: "k5", fee: ["amount": "abc", "currency": "TND"])),
            ("negative fee", serviceBody(code: "k6", fee: ["amount": "-1", "currency": "TND"])),
            ("bad currency", serviceBody(code: "k7", fee: ["amount": "1", "currency": "dinar"])),
            ("bad code", serviceBody(code: "Not A Code")),
            ("no name", noName),
            ("unknown department", badDepartment),
        ]
        for (label, body) in table {
            let reply = try fixture.request("POST", "/api/v1/admin/services", json: body, token: admin)
            XCTAssertEqual(reply.status, 422, "\(label): \(reply.text)")
            XCTAssertEqual(reply.header("Content-Type"), "application/problem+json", label)
        }
        let unknownOffice = try fixture.request(
            "POST", "/api/v1/admin/services", json: serviceBody(office: "ZZZ", code: "k8"), token: admin)
        XCTAssertProblem(unknownOffice, 422, "unknown_office", "service of an unknown office")
        XCTAssertEqual(try services("TUN").count, before, "an invalid service was created")

        let duplicate = try fixture.request(
            "POST", "/api/v1/admin/services", json: serviceBody(code: "birth-certificate", responseDays: 9), token: admin)
        XCTAssertProblem(duplicate, 409, "service_exists", "duplicate service")
        let original = try XCTUnwrap(try services("TUN").first { $0["code"] as? String == "birth-certificate" })
        XCTAssertEqual(original["response_days"] as? Int, 0, "the duplicate overwrote the service")

        let patchBad = try fixture.request(
            "PATCH", "/api/v1/admin/services/TUN/birth-certificate", json: ["response_days": 400], token: admin)
        XCTAssertEqual(patchBad.status, 422, patchBad.text)
        let patchMissing = try fixture.request(
            "PATCH", "/api/v1/admin/services/TUN/no-such-service", json: ["response_days": 4], token: admin)
        XCTAssertProblem(patchMissing, 404, "not_found", "patching a missing service")
    }

    func testANewDelayAppliesToNewCasesOnly() throws {
        let admin = try self.admin
        // In Tétouan, so the holiday test on Tunis cannot interfere.
        let created = try fixture.request(
            "POST", "/api/v1/admin/services",
            json: serviceBody(office: "TET", code: "attestation-residence", fee: ["amount": "10.00", "currency": "MAD"])
                .merging(["department": "etat-civil"]) { $1 },
            token: admin)
        XCTAssertEqual(created.status, 201, created.text)
        let (existing, existingKey) = try fixture.file(office: "TET", service: "attestation-residence")
        let before = try fixture.staffView(existing, token: admin)
        XCTAssertEqual(before["deadline_date"] as? String, "2026-11-26")
        XCTAssertEqual(before["response_days"] as? Int, 3)

        let patched = try fixture.request(
            "PATCH", "/api/v1/admin/services/TET/attestation-residence", json: ["response_days": 10], token: admin)
        XCTAssertEqual(patched.status, 200, patched.text)
        XCTAssertEqual(patched["response_days"] as? Int, 10)
        XCTAssertEqual(patched["extension_days"] as? Int, 2, "PATCH changes only what it is given")
        XCTAssertEqual(patched["kind"] as? String, "application")
        let listed = try XCTUnwrap(try services("TET").first { $0["code"] as? String == "attestation-residence" })
        XCTAssertEqual(listed["response_days"] as? Int, 10)

        let after = try fixture.staffView(existing, token: admin)
        XCTAssertEqual(after["deadline_date"] as? String, "2026-11-26", "an existing case's deadline moved")
        XCTAssertEqual(after["deadline_at"] as? String, before["deadline_at"] as? String)
        XCTAssertEqual(after["response_days"] as? Int, 3)
        // Nor does it move when the case is next touched (the deadline is re-derived on every event).
        let noted = try fixture.request(
            "POST", "/api/v1/cases/\(existing)/notes", json: ["text": "relance", "public": true], token: admin)
        XCTAssertEqual(noted.status, 201, noted.text)
        XCTAssertEqual(noted["deadline_date"] as? String, "2026-11-26")
        XCTAssertEqual(try fixture.track(existing, key: existingKey)["deadline_date"] as? String, "2026-11-26")

        // 10 working days after Monday 23 November: 24–27, 30, 1–4 December, 7 December.
        let (new, _) = try fixture.file(office: "TET", service: "attestation-residence")
        let fresh = try fixture.staffView(new, token: admin)
        XCTAssertEqual(fresh["response_days"] as? Int, 10)
        XCTAssertEqual(fresh["deadline_date"] as? String, "2026-12-07")
    }

    // MARK: Users

    func testCreateAUserWhoCanThenSignIn() throws {
        let admin = try self.admin
        let password = "correct horse battery staple"
        let reply = try fixture.request(
            "POST", "/api/v1/admin/users",
            json: [
                "username": "Tun.Urbanisme", "password": password, "role": "agent", "office": "TUN",
                "department": "urbanisme", "display_name": "Agent urbanisme",
            ], token: admin)
        XCTAssertEqual(reply.status, 201, reply.text)
        XCTAssertEqual(reply["username"] as? String, "tun.urbanisme", "usernames are stored in lower case")
        XCTAssertEqual(reply["role"] as? String, "agent")
        XCTAssertEqual(reply["office"] as? String, "TUN")
        XCTAssertEqual(reply["department"] as? String, "urbanisme")
        XCTAssertFalse(reply.text.lowercased().contains("password"), "the reply leaks the password or its hash")
        XCTAssertFalse(reply.text.contains(password))

        let signedIn = try fixture.signInReply("tun.urbanisme", password: password)
        XCTAssertEqual(signedIn.status, 201, signedIn.text)
        let token = try XCTUnwrap(signedIn["token"] as? String)
        // An agent of TUN, with the powers of one and no more.
        XCTAssertEqual(try fixture.request("GET", "/api/v1/cases", token: token).status, 200)
        XCTAssertEqual(
            try fixture.request("POST", "/api/v1/admin/users", json: ["username": "x"], token: token).status, 403)
        XCTAssertEqual(try fixture.signInReply("tun.urbanisme", password: password + "!").status, 401)

        let supervisor = try fixture.request(
            "POST", "/api/v1/admin/users",
            json: ["username": "tet.chef", "password": password, "role": "supervisor", "office": "TET"], token: admin)
        XCTAssertEqual(supervisor.status, 201, supervisor.text)
        let otherAdmin = try fixture.request(
            "POST", "/api/v1/admin/users", json: ["username": "admin2", "password": password, "role": "admin"], token: admin)
        XCTAssertEqual(otherAdmin.status, 201, otherAdmin.text)
        let admin2 = try XCTUnwrap(try fixture.signInReply("admin2", password: password)["token"] as? String)
        XCTAssertEqual(
            try fixture.request("POST", "/api/v1/admin/offices/TET/holidays", json: ["date": "2027-12-31", "name": "x"], token: admin2)
                .status, 201, "a new admin has admin powers")
    }

    func testInvalidUsersAre422AndDuplicatesAre409() throws {
        let admin = try self.admin
        let connection = try fixture.database.connect()
        let count = { try connection.query("SELECT count(*) AS n FROM users")[0].decode(Int.self, column: "n") }
        let before = try count()
        let good = "a long enough passphrase"
        let table: [(String, [String: Any])] = [
            ("weak password", ["username": "weak.one", "password": "short", "role": "agent", "office": "TUN"]),
            ("11-character password", ["username": "weak.two", "password": "elevenchars", "role": "agent", "office": "TUN"]),
            ("unknown role", ["username": "role.one", "password": good, "role": "mayor", "office": "TUN"]),
            ("agent without office", ["username": "no.office", "password": good, "role": "agent"]),
            ("unknown office", ["username": "zzz.agent", "password": good, "role": "agent", "office": "ZZZ"]),
            ("unknown department", ["username": "dep.agent", "password": good, "role": "agent", "office": "TUN", "department": "nope"]),
            ("bad username", ["username": "a b", "password": good, "role": "agent", "office": "TUN"]),
            ("short username", ["username": "ab", "password": good, "role": "agent", "office": "TUN"]),
        ]
        for (label, body) in table {
            let reply = try fixture.request("POST", "/api/v1/admin/users", json: body, token: admin)
            XCTAssertEqual(reply.status, 422, "\(label): \(reply.text)")
            XCTAssertEqual(reply.header("Content-Type"), "application/problem+json", label)
        }
        let weak = try fixture.request(
            "POST", "/api/v1/admin/users", json: ["username": "weak.three", "password": "1234", "role": "admin"], token: admin)
        let fields = (weak["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
        XCTAssertEqual(fields, ["password"], weak.text)
        XCTAssertEqual(try count(), before, "an invalid user was created")

        for username in ["tun.agent", "TUN.AGENT", "admin"] {
            let duplicate = try fixture.request(
                "POST", "/api/v1/admin/users",
                json: ["username": username, "password": good, "role": "admin"], token: admin)
            XCTAssertProblem(duplicate, 409, "username_taken", "duplicate \(username)")
        }
        XCTAssertEqual(try count(), before)
        // The existing account and its password are untouched.
        XCTAssertEqual(try fixture.signInReply("tun.agent").status, 201)
        XCTAssertEqual(try fixture.signInReply("tun.agent", password: good).status, 401)
    }
}
