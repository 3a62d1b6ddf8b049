import Foundation
import XCTest

/// `GET requests` and `GET requests/{id}`: the field mapping, the filters, the 90-day window, and
/// that nothing personal ever shows.
final class Open311RequestsTests: XCTestCase {
    /// What a citizen wrote about themselves, and what an agent wrote back to them.
    static let personal = [
        "Zeineb", "Kacem-Marzouki", "09876543", "98 765 432", "zeineb.k@example.tn", "impasse des Jasmins",
        "Mon fils Yassine", "Né le 3 mars à Sfax", "votre extrait est prêt",
    ]

    func fileWithPersonalData(_ fixture: GuichetFixture, service: String) throws -> (reference: String, key: String) {
        try fixture.file(
            service: service,
            extra: [
                "subject": "Mon fils Yassine", "description": "Né le 3 mars à Sfax",
                "applicant": [
                    "name": "Zeineb Kacem-Marzouki", "national_id": "09876543", "phone": "+216 98 765 432",
                    "email": "zeineb.k@example.tn", "address": "7 impasse des Jasmins, Tunis",
                ],
            ])
    }

    func testEveryFieldOfARequestInBothFormats() throws {
        let fixture = try GuichetFixture()
        defer { fixture.stop() }
        try fixture.createService(code: "o311-permit", responseDays: 3)
        try fixture.setClock("2026-11-23T09:00:00Z")
        let open = try fileWithPersonalData(fixture, service: "o311-permit")
        let done = try fileWithPersonalData(fixture, service: "o311-permit")
        try fixture.setClock("2026-11-24T10:00:00Z")
        XCTAssertEqual(
            try fixture.changeStatus(done.reference, to: "resolved", message: "Zeineb, votre extrait est prêt").status,
            200)
        let staff = try fixture.view(open.reference).json

        let json = try fixture.request("GET", "/open311/v2/requests/\(open.reference).json?jurisdiction_id=TUN")
        XCTAssertEqual(json.status, 200, json.text)
        let requests = fixture.jsonArray(json)
        XCTAssertEqual(requests.count, 1)
        let request = requests[0]
        XCTAssertEqual(Set(request.keys), Set(GeoReport.requestFields))
        XCTAssertEqual(request["service_request_id"] as? String, open.reference)
        XCTAssertEqual(request["status"] as? String, "open")
        XCTAssertEqual(request["status_notes"] as? String, "received")
        XCTAssertEqual(request["service_name"] as? String, "Service o311-permit")
        XCTAssertEqual(request["service_code"] as? String, "o311-permit")
        XCTAssertTrue(request["description"] is NSNull, "an ordinary case's text is the citizen's, not public")
        XCTAssertEqual(request["agency_responsible"] as? String, "État civil")
        XCTAssertTrue(request["service_notice"] is NSNull)
        XCTAssertEqual(request["requested_datetime"] as? String, "2026-11-23T09:00:00Z")
        XCTAssertEqual(request["updated_datetime"] as? String, "2026-11-23T09:00:00Z")
        XCTAssertEqual(request["expected_datetime"] as? String, "2026-11-26T23:00:00Z")
        XCTAssertEqual(request["expected_datetime"] as? String, staff["deadline_at"] as? String)
        for empty in ["address", "address_id", "zipcode", "lat", "long", "media_url"] {
            XCTAssertTrue(request[empty] is NSNull, "\(empty) must be empty")
        }

        let xml = try fixture.request("GET", "/open311/v2/requests/\(open.reference).xml?jurisdiction_id=TUN")
        XCTAssertEqual(xml.header("Content-Type"), "text/xml; charset=utf-8")
        let root = try XMLElementNode.parse(xml.body)
        XCTAssertEqual(root.name, "service_requests")
        XCTAssertEqual(root.childNames, ["request"])
        let element = root.children[0]
        XCTAssertEqual(element.childNames, GeoReport.requestFields, "every field, in the specification's order")
        for field in GeoReport.requestFields {
            let expected = request[field] as? String ?? ""
            XCTAssertEqual(element[field], expected, "\(field) differs between JSON and XML")
        }

        let closed = fixture.jsonArray(try fixture.request("GET", "/open311/v2/requests/\(done.reference).json"))
        XCTAssertEqual(closed.first?["status"] as? String, "closed", "resolved is finished: closed")
        XCTAssertEqual(closed.first?["status_notes"] as? String, "resolved")
        XCTAssertEqual(closed.first?["updated_datetime"] as? String, "2026-11-24T10:00:00Z", "when it was closed")
        XCTAssertEqual(
            closed.first?["expected_datetime"] as? String, try fixture.view(done.reference)["deadline_at"] as? String)

        // Nothing the citizen or the agent wrote, in any answer of the facade.
        var bodies: [String] = []
        for ext in ["json", "xml"] {
            bodies.append(try fixture.request("GET", "/open311/v2/requests.\(ext)?jurisdiction_id=TUN").text)
            for filed in [open, done] {
                bodies.append(try fixture.request("GET", "/open311/v2/requests/\(filed.reference).\(ext)").text)
            }
        }
        XCTAssertTrue(bodies[0].contains(open.reference) && bodies[0].contains(done.reference), bodies[0])
        for body in bodies {
            for text in Self.personal { XCTAssertFalse(body.contains(text), "\(text) leaked: \(body)") }
        }
    }

    func testEveryFinishedStatusIsClosedAndTheOthersOpen() throws {
        let fixture = try GuichetFixture()
        defer { fixture.stop() }
        try fixture.setClock("2026-11-23T09:00:00Z")
        let expected: [(path: [(String, String?)], status: String)] = [
            ([], "open"),
            ([("in_progress", nil)], "open"),
            ([("awaiting_citizen", nil)], "open"),
            ([("resolved", "Prêt")], "closed"),
            ([("rejected", "Incomplet")], "closed"),
            ([("resolved", "Prêt"), ("closed", nil)], "closed"),
            ([("withdrawn", nil)], "closed"),
        ]
        for (moves, status) in expected {
            let filed = try fixture.file()
            for (target, message) in moves {
                XCTAssertEqual(try fixture.changeStatus(filed.reference, to: target, message: message).status, 200)
            }
            let reply = fixture.jsonArray(try fixture.request("GET", "/open311/v2/requests/\(filed.reference).json"))
            XCTAssertEqual(reply.first?["status"] as? String, status, "after \(moves)")
            XCTAssertEqual(reply.first?["status_notes"] as? String, moves.last?.0 ?? "received")
        }
    }

    func testFiltersAndTheDefaultWindow() throws {
        let fixture = try GuichetFixture()
        defer { fixture.stop() }
        try fixture.setClock("2026-06-01T09:00:00Z")
        let old = try fixture.file()
        try fixture.setClock("2026-11-23T09:00:00Z")
        let birth = try fixture.file()
        let permit = try fixture.file(service: "building-permit")
        let answered = try fixture.file()
        XCTAssertEqual(try fixture.changeStatus(answered.reference, to: "rejected", message: "Incomplet").status, 200)
        let elsewhere = try fixture.file(office: "TET")

        func ids(_ query: String) throws -> [String] {
            let reply = try fixture.request("GET", "/open311/v2/requests.json?\(query)")
            XCTAssertEqual(reply.status, 200, reply.text)
            return fixture.jsonArray(reply).compactMap { $0["service_request_id"] as? String }
        }
        // The last 90 days by default, newest first, one office.
        XCTAssertEqual(try ids("jurisdiction_id=TUN"), [answered.reference, permit.reference, birth.reference])
        XCTAssertEqual(try ids("jurisdiction_id=TET"), [elsewhere.reference])
        XCTAssertEqual(try ids("jurisdiction_id=TUN&status=closed"), [answered.reference])
        XCTAssertEqual(try ids("jurisdiction_id=TUN&status=open"), [permit.reference, birth.reference])
        XCTAssertEqual(
            try ids("jurisdiction_id=TUN&status=open,closed"), [answered.reference, permit.reference, birth.reference])
        XCTAssertEqual(try ids("jurisdiction_id=TUN&service_code=building-permit"), [permit.reference])
        XCTAssertEqual(
            try ids("jurisdiction_id=TUN&service_code=building-permit,birth-certificate&status=open"),
            [permit.reference, birth.reference])
        XCTAssertEqual(
            try ids("jurisdiction_id=TUN&start_date=2026-05-01T00:00:00Z&end_date=2026-06-30T00:00:00Z"),
            [old.reference])
        XCTAssertEqual(try ids("jurisdiction_id=TUN&start_date=2026-05-20T00:00:00%2B01:00"), [old.reference])
        XCTAssertEqual(
            try ids("jurisdiction_id=TUN&start_date=2026-01-01T00:00:00Z&end_date=2026-12-31T00:00:00Z").count, 4)
        // Ids override every other filter, the old one included.
        XCTAssertEqual(
            Set(try ids("jurisdiction_id=TUN&status=closed&service_request_id=\(old.reference),\(birth.reference)")),
            [old.reference, birth.reference])
        XCTAssertEqual(try ids("jurisdiction_id=TUN&service_request_id=\(elsewhere.reference)"), [])

        fixture.assertOpen311Error(
            try fixture.request("GET", "/open311/v2/requests.xml?jurisdiction_id=TUN&status=pending"), status: 400,
            xml: true, containing: "status")
        fixture.assertOpen311Error(
            try fixture.request("GET", "/open311/v2/requests.json?jurisdiction_id=TUN&start_date=yesterday"),
            status: 400, xml: false, containing: "start_date")
        fixture.assertOpen311Error(
            try fixture.request(
                "GET",
                "/open311/v2/requests.json?jurisdiction_id=TUN&start_date=2026-02-01T00:00:00Z&end_date=2026-01-01T00:00:00Z"
            ), status: 400, xml: false)
    }

    func testOneRequestNeedsAKnownIdInItsOwnOffice() throws {
        let fixture = try GuichetFixture()
        defer { fixture.stop() }
        let filed = try fixture.file()
        XCTAssertEqual(try fixture.request("GET", "/open311/v2/requests/\(filed.reference).json").status, 200)
        for (path, xml) in [
            ("/open311/v2/requests/\(filed.reference).json?jurisdiction_id=TET", false),
            ("/open311/v2/requests/TUN-2026-999999.xml", true),
            ("/open311/v2/requests/not-a-reference.json", false),
            ("/open311/v2/requests/\(filed.reference)", true),
            ("/open311/v2/requests/\(filed.reference).html", true),
        ] {
            fixture.assertOpen311Error(try fixture.request("GET", path), status: 404, xml: xml)
        }
        fixture.assertOpen311Error(
            try fixture.request("GET", "/open311/v2/requests/\(filed.reference).json?jurisdiction_id=NOPE"),
            status: 404, xml: false, containing: "jurisdiction_id was not found")
    }

    /// A petition is public by nature: its subject and description show, its author never does.
    func testAPetitionShowsItsPublicTextOnly() throws {
        let fixture = try GuichetFixture()
        defer { fixture.stop() }
        let petition = try fixture.file(
            service: "petition-council",
            extra: [
                "subject": "Un jardin public rue de Marseille", "description": "Planter des arbres.",
                "applicant": ["name": "Zeineb Kacem-Marzouki", "email": "zeineb.k@example.tn"],
            ])
        let json = fixture.jsonArray(try fixture.request("GET", "/open311/v2/requests/\(petition.reference).json"))
        XCTAssertEqual(
            json.first?["description"] as? String, "Un jardin public rue de Marseille\n\nPlanter des arbres.")
        XCTAssertEqual(json.first?["status"] as? String, "open")
        XCTAssertEqual(json.first?["status_notes"] as? String, "collecting_signatures")
        XCTAssertTrue(json.first?["expected_datetime"] is NSNull, "no deadline before the threshold")
        let xml = try fixture.request("GET", "/open311/v2/requests/\(petition.reference).xml")
        XCTAssertEqual(
            try XMLElementNode.parse(xml.body).children.first?["description"],
            "Un jardin public rue de Marseille\n\nPlanter des arbres.")
        for body in [xml.text, String(describing: json)] {
            XCTAssertFalse(body.contains("Zeineb") || body.contains("zeineb.k@example.tn"), body)
        }
    }
}
