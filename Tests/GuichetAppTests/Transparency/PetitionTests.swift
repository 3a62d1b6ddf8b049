import Foundation
import Postgres
import TestSupport
import XCTest

/// Petitions end to end: signatures online and at the desk, the threshold that starts the
/// deadline, the period that lapses them, and what the public may never see.
final class PetitionTests: XCTestCase {
    /// A petition service of 3 working days in TUN, a threshold of 3, and the clock on Monday 23 Nov.
    private func makeFixture(
        threshold: Int = 3, periodDays: Int? = nil, limits: [String] = GuichetFixture.relaxedLimits
    ) throws -> GuichetFixture {
        let fixture = try GuichetFixture(limits: limits)
        try fixture.createService(code: "petition-test", kind: "petition", responseDays: 3)
        var patch: [String: Any] = ["petition_threshold": threshold]
        if let periodDays { patch["petition_period_days"] = periodDays }
        let reply = try fixture.request(
            "PATCH", "/api/v1/admin/offices/TUN", json: patch, token: try fixture.signIn("admin"))
        XCTAssertEqual(reply.status, 200, reply.text)
        try fixture.setClock("2026-11-23T09:00:00Z")
        return fixture
    }

    private func filePetition(_ fixture: GuichetFixture) throws -> (reference: String, key: String) {
        try fixture.file(
            service: "petition-test",
            extra: [
                "subject": "Un parc au quartier El Menzah", "description": "Nous demandons un jardin public.",
                "applicant": ["name": "Hedi Trabelsi", "national_id": "07654321", "phone": "+216 71 111 222"],
            ])
    }

    private func sign(
        _ fixture: GuichetFixture, _ reference: String, name: String, id: String, token: String? = nil
    ) throws -> GuichetFixture.Reply {
        let path = token == nil ? "/api/v1/petitions/\(reference)/signatures" : "/api/v1/cases/\(reference)/signatures"
        return try fixture.request("POST", path, json: ["name": name, "national_id": id], token: token)
    }

    func testReachingTheThresholdMovesThePetitionToReceivedAndStartsItsDeadline() throws {
        let fixture = try makeFixture()
        defer { fixture.stop() }
        let petition = try filePetition(fixture)
        let page = try fixture.request("GET", "/api/v1/petitions/\(petition.reference)")
        XCTAssertEqual(page.status, 200, page.text)
        XCTAssertEqual(page["status"] as? String, "collecting_signatures")
        XCTAssertEqual(page["threshold"] as? Int, 3)
        XCTAssertEqual(page["signatures"] as? Int, 0)
        XCTAssertNil(page["deadline_date"], "no deadline while collecting")
        // Filed Mon 23 Nov; the demo period is 60 days: the collection ends when 22 Jan 2027 ends in Tunis.
        XCTAssertEqual(page["collection_ends_at"] as? String, "2027-01-22T23:00:00Z")

        let first = try sign(fixture, petition.reference, name: "Salma Ayari", id: "11111111")
        XCTAssertEqual(first.status, 201, first.text)
        XCTAssertEqual(first["signatures"] as? Int, 1)
        XCTAssertEqual(first["status"] as? String, "collecting_signatures")
        XCTAssertEqual(try sign(fixture, petition.reference, name: "Karim Jaziri", id: "22222222").status, 201)
        try fixture.setClock("2026-11-24T10:00:00Z")
        let agent = try fixture.signIn("tun.agent")
        let desk = try sign(fixture, petition.reference, name: "Mounira Ben Ali", id: "33333333", token: agent)
        XCTAssertEqual(desk.status, 201, desk.text)
        XCTAssertEqual(desk["signatures"] as? Int, 3)
        XCTAssertEqual(desk["status"] as? String, "received", "the third signature reaches the threshold")

        let after = try fixture.request("GET", "/api/v1/petitions/\(petition.reference)")
        XCTAssertEqual(after["status"] as? String, "received")
        XCTAssertEqual(after["deadline_date"] as? String, "2026-11-27", "3 working days from Tue 24 Nov")
        XCTAssertEqual(after["deadline_at"] as? String, "2026-11-27T23:00:00Z")
        XCTAssertEqual(after["due_state"] as? String, "on_time")
        let timeline = after["timeline"] as? [[String: Any]] ?? []
        XCTAssertEqual(timeline.last?["to_status"] as? String, "received")
        XCTAssertEqual(timeline.filter { $0["to_status"] as? String == "received" }.count, 1)

        let staff = try fixture.view(petition.reference)
        XCTAssertEqual(staff["deadline_date"] as? String, "2026-11-27")
        XCTAssertProblem(
            try sign(fixture, petition.reference, name: "Late Signer", id: "44444444"), 409, "not_collecting")

        let list = try fixture.request("GET", "/api/v1/petitions?office=TUN")
        XCTAssertEqual(list.status, 200, list.text)
        let item = (list["items"] as? [[String: Any]])?.first { $0["reference"] as? String == petition.reference }
        XCTAssertEqual(item?["signatures"] as? Int, 3)
        XCTAssertEqual(item?["threshold"] as? Int, 3)
        XCTAssertEqual(item?["collection_ends_at"] as? String, "2027-01-22T23:00:00Z")
        XCTAssertEqual(
            (try fixture.request("GET", "/api/v1/petitions?office=TET")["items"] as? [Any])?.count, 0,
            "another office's petitions are not in its list")
        XCTAssertProblem(try fixture.request("GET", "/api/v1/petitions?limit=0"), 422, "validation_failed")
    }

    func testASecondSignatureWithTheSameNumberIsRefused() throws {
        let fixture = try makeFixture(threshold: 10)
        defer { fixture.stop() }
        let petition = try filePetition(fixture)
        XCTAssertEqual(try sign(fixture, petition.reference, name: "Salma Ayari", id: "AB 123456").status, 201)
        XCTAssertProblem(
            try sign(fixture, petition.reference, name: "Salma A.", id: "ab123456"), 409, "already_signed",
            "the same number spelled differently")
        let agent = try fixture.signIn("tun.agent")
        XCTAssertProblem(
            try sign(fixture, petition.reference, name: "Salma Ayari", id: "AB123456", token: agent), 409,
            "already_signed", "at the desk too")
        XCTAssertEqual(
            try fixture.request("GET", "/api/v1/petitions/\(petition.reference)")["signatures"] as? Int, 1)

        XCTAssertProblem(try sign(fixture, petition.reference, name: "X", id: "12"), 422, "validation_failed")
        XCTAssertProblem(try sign(fixture, petition.reference, name: " ", id: "12345678"), 422, "validation_failed")
        let ordinary = try fixture.file()
        XCTAssertProblem(
            try sign(fixture, ordinary.reference, name: "Salma Ayari", id: "12345678"), 404, "not_found",
            "only petitions take signatures")
        XCTAssertProblem(
            try sign(fixture, "TUN-2026-999999", name: "Salma Ayari", id: "12345678"), 404, "not_found")
        let otherOffice = try fixture.signIn("tet.agent")
        XCTAssertProblem(
            try sign(fixture, petition.reference, name: "Salma Ayari", id: "87654321", token: otherOffice), 404,
            "not_found", "another office's agent cannot sign at the desk")
    }

    func testAPetitionLapsesOnceWhenItsPeriodEndsBelowTheThreshold() throws {
        let fixture = try makeFixture(threshold: 5, periodDays: 10)
        defer { fixture.stop() }
        let petition = try filePetition(fixture)
        XCTAssertEqual(try sign(fixture, petition.reference, name: "Salma Ayari", id: "11111111").status, 201)
        // Filed Mon 23 Nov with 10 days: the collection ends when Thu 3 Dec ends in Tunis.
        try fixture.setClock("2026-12-03T22:59:00Z")
        XCTAssertEqual(
            try fixture.request("GET", "/api/v1/petitions/\(petition.reference)")["status"] as? String,
            "collecting_signatures")
        try fixture.setClock("2026-12-03T23:00:00Z")
        let page = try fixture.request("GET", "/api/v1/petitions/\(petition.reference)")
        XCTAssertEqual(page["status"] as? String, "lapsed", page.text)
        XCTAssertNil(page["deadline_date"], "a lapsed petition never gets a deadline")
        XCTAssertProblem(
            try sign(fixture, petition.reference, name: "Karim Jaziri", id: "22222222"), 409, "not_collecting")
        try fixture.setClock("2026-12-10T09:00:00Z")
        let timeline =
            try fixture.request("GET", "/api/v1/petitions/\(petition.reference)")["timeline"]
            as? [[String: Any]] ?? []
        XCTAssertEqual(timeline.filter { $0["to_status"] as? String == "lapsed" }.count, 1, "lapsed once")
        XCTAssertProblem(
            try fixture.changeStatus(petition.reference, to: "withdrawn"), 409, "invalid_transition",
            "lapsed is terminal")
    }

    func testStaffCanOnlyWithdrawACollectingPetitionByHand() throws {
        let fixture = try makeFixture()
        defer { fixture.stop() }
        let petition = try filePetition(fixture)
        for target in ["received", "lapsed", "in_progress", "resolved"] {
            let reply = try fixture.changeStatus(petition.reference, to: target, message: "x")
            XCTAssertProblem(reply, 409, "invalid_transition", target)
            XCTAssertEqual(reply["allowed"] as? [String], ["withdrawn"], target)
        }
        XCTAssertEqual(
            try fixture.request("GET", "/api/v1/petitions/\(petition.reference)")["status"] as? String,
            "collecting_signatures")
        let withdrawn = try fixture.changeStatus(
            petition.reference, to: "withdrawn", message: "À la demande de l'auteur")
        XCTAssertEqual(withdrawn.status, 200, withdrawn.text)
        XCTAssertProblem(
            try sign(fixture, petition.reference, name: "Salma Ayari", id: "11111111"), 409, "not_collecting")
    }

    func testThePublicPagesListAPetitionTakeSignaturesAndShowProgress() throws {
        let fixture = try makeFixture(threshold: 2)
        defer { fixture.stop() }
        let petition = try fixture.file(
            service: "petition-test",
            extra: [
                "subject": "Un parc <script>alert(1)</script>", "description": "Nous demandons un jardin public.",
                "applicant": ["name": "Hedi Trabelsi", "national_id": "07654321"],
            ])
        let list = try fixture.request("GET", "/petitions?office=TUN&lang=fr")
        XCTAssertEqual(list.status, 200, list.text)
        XCTAssertTrue(list.text.contains("href=\"/petitions/\(petition.reference)\""), list.text)
        XCTAssertTrue(list.text.contains("Un parc &lt;script&gt;alert(1)&lt;/script&gt;"), "escaped")
        XCTAssertFalse(list.text.contains("<script>alert"))
        XCTAssertTrue(list.text.contains("<progress max=\"2\" value=\"0\"></progress> 0 signatures sur 2"), list.text)

        let signed = try fixture.request(
            "POST", "/petitions/\(petition.reference)/sign", form: ["name": "Salma Ayari", "national_id": "91827364"])
        XCTAssertEqual(signed.status, 303, signed.text)
        XCTAssertEqual(signed.header("Location"), "/petitions/\(petition.reference)?signed=thanks")
        let again = try fixture.request(
            "POST", "/petitions/\(petition.reference)/sign", form: ["name": "Salma A.", "national_id": "91827364"])
        XCTAssertEqual(again.header("Location"), "/petitions/\(petition.reference)?signed=already_signed")
        let refused = try fixture.request("GET", "/petitions/\(petition.reference)?signed=already_signed&lang=en")
        XCTAssertTrue(refused.text.contains("This identity number has already signed this petition."), refused.text)
        let page = try fixture.request("GET", "/petitions/\(petition.reference)?lang=en")
        XCTAssertEqual(page.status, 200, page.text)
        XCTAssertTrue(page.text.contains("<progress max=\"2\" value=\"1\"></progress> 1 signatures of 2 needed"))
        XCTAssertTrue(page.text.contains("action=\"/petitions/\(petition.reference)/sign\""), "the signing form")
        for secret in ["Salma", "Ayari", "91827364", "Hedi", "Trabelsi", "07654321"] {
            XCTAssertFalse(page.text.contains(secret), secret)
            XCTAssertFalse(list.text.contains(secret), secret)
        }

        // The second signature reaches the threshold: the page shows the deadline, no more form.
        XCTAssertEqual(
            try fixture.request(
                "POST", "/petitions/\(petition.reference)/sign",
                form: ["name": "Karim Jaziri", "national_id": "22222222"]
            ).status, 303)
        let received = try fixture.request("GET", "/petitions/\(petition.reference)?lang=en")
        XCTAssertTrue(received.text.contains("data-status=\"received\""), received.text)
        XCTAssertTrue(
            received.text.contains("<dt>Answer due by</dt><dd><strong>Thursday, 26 November 2026</strong>"), received.text)
        XCTAssertTrue(received.text.contains("<dt>Signatures accepted until</dt><dd>Friday, 22 January 2027</dd>"))
        XCTAssertFalse(received.text.contains("/sign\""), "no signing once received")
        let closed = try fixture.request(
            "POST", "/petitions/\(petition.reference)/sign", form: ["name": "Late Signer", "national_id": "33333333"])
        XCTAssertEqual(closed.header("Location"), "/petitions/\(petition.reference)?signed=not_collecting")

        // An ordinary case is not a petition: no page for it.
        let ordinary = try fixture.file()
        XCTAssertEqual(try fixture.request("GET", "/petitions/\(ordinary.reference)").status, 404)
        XCTAssertEqual(
            try fixture.request(
                "POST", "/petitions/\(ordinary.reference)/sign", form: ["name": "X", "national_id": "12345678"]
            )
            .status, 404)
        XCTAssertEqual(try fixture.request("POST", "/petitions/not-a-reference/sign", form: [:]).status, 404)
    }

    func testNoPersonalDataInPublicResponsesAndNoIdentityNumberInTheClear() throws {
        let fixture = try makeFixture(threshold: 2)
        defer { fixture.stop() }
        let petition = try filePetition(fixture)
        var bodies: [String] = []
        bodies.append(try sign(fixture, petition.reference, name: "Salma Ayari", id: "91827364").text)
        bodies.append(
            try sign(
                fixture, petition.reference, name: "Karim Jaziri", id: "AB 5647382",
                token: try fixture.signIn("tun.agent")
            )
            .text)
        bodies.append(try sign(fixture, petition.reference, name: "Salma Ayari", id: "91827364").text)
        bodies.append(try fixture.request("GET", "/api/v1/petitions/\(petition.reference)").text)
        bodies.append(try fixture.request("GET", "/api/v1/petitions").text)
        bodies.append(try fixture.request("GET", "/api/v1/petitions?office=TUN&status=received").text)
        XCTAssertTrue(bodies[3].contains("Un parc au quartier El Menzah"), "the subject is public")
        for secret in [
            "Salma", "Ayari", "Karim", "Jaziri", "91827364", "5647382", "Hedi", "Trabelsi", "07654321", "111 222",
        ] {
            for body in bodies { XCTAssertFalse(body.contains(secret), "\(secret) in \(body)") }
        }

        // The numbers are nowhere in the database in clear, in any table.
        let connection = try fixture.database.connect()
        let stored = try connection.query(
            "SELECT count(*) AS n FROM petition_signatures WHERE office = 'TUN' AND reference = \(petition.reference)")
        XCTAssertEqual(try stored[0].decode(Int.self, column: "n"), 2)
        let tables = try connection.query(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
        ).map { try $0.decode(String.self, column: "table_name") }
        XCTAssertTrue(tables.contains("petition_signatures"))
        for table in tables {
            let rows = try connection.query(
                PostgresQuery(unsafeSQL: "SELECT t::text AS line FROM \"\(table)\" t"))
            for row in rows {
                let line = try row.decode(String.self, column: "line")
                XCTAssertFalse(line.contains("91827364"), "identity number in clear in \(table)")
                XCTAssertFalse(line.contains("5647382"), "identity number in clear in \(table)")
            }
        }
    }

    func testOnlineSigningIsRateLimitedPerClientAndRefusedAttemptsCount() throws {
        let fixture = try makeFixture(
            threshold: 10, limits: GuichetFixture.relaxedLimits + ["--signature-limit", "2"])
        defer { fixture.stop() }
        let petition = try filePetition(fixture)
        XCTAssertEqual(try sign(fixture, petition.reference, name: "Salma Ayari", id: "11111111").status, 201)
        XCTAssertProblem(
            try sign(fixture, petition.reference, name: "Salma Ayari", id: "11111111"), 409, "already_signed")
        let limited = try sign(fixture, petition.reference, name: "Karim Jaziri", id: "22222222")
        XCTAssertProblem(limited, 429, "rate_limited", "a refused attempt counted too: probing numbers costs")
        XCTAssertNotNil(limited.header("Retry-After"))
        let desk = try sign(
            fixture, petition.reference, name: "Karim Jaziri", id: "22222222", token: try fixture.signIn("tun.agent"))
        XCTAssertEqual(desk.status, 201, "the desk is not limited")
    }
}
