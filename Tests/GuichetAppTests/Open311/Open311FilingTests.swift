import Foundation
import XCTest

/// `POST requests` with API keys issued by an administrator, and the key endpoints themselves.
final class Open311FilingTests: XCTestCase {
    func form(_ key: String?, _ extra: [(String, String)] = []) -> [(String, String)] {
        var fields: [(String, String)] = key.map { [("api_key", $0)] } ?? []
        fields += [
            ("jurisdiction_id", "TUN"), ("service_code", "complaint-public-lighting"),
            ("description", "Lampadaire éteint depuis une semaine\nDevant l'école."), ("first_name", "Hédi"),
            ("last_name", "Gharbi"), ("email", "hedi.gharbi@example.tn"), ("phone", "+216 22 333 444"),
            ("address_string", "Rue de Rome, Tunis"), ("lat", "36.8008"), ("long", "10.1815"),
        ]
        for (name, value) in extra {
            fields.removeAll { $0.0 == name }
            fields.append((name, value))
        }
        return fields
    }

    func testAValidKeyFilesACaseThroughTheNormalIntake() throws {
        let fixture = try GuichetFixture()
        defer { fixture.stop() }
        try fixture.setClock("2026-11-23T09:00:00Z")
        let client = try fixture.issueOpen311Key()

        let json = try fixture.postForm("/open311/v2/requests.json", form(client.key))
        XCTAssertEqual(json.status, 201, json.text)
        XCTAssertEqual(json.header("Content-Type"), "application/json; charset=utf-8")
        let created = fixture.jsonArray(json)
        XCTAssertEqual(created.count, 1)
        XCTAssertEqual(Set(created[0].keys), Set(GeoReport.createdFields))
        let reference = try XCTUnwrap(created[0]["service_request_id"] as? String)
        XCTAssertTrue(reference.hasPrefix("TUN-2026-"), reference)
        XCTAssertTrue(created[0]["account_id"] is NSNull)
        XCTAssertEqual(json.header("Location"), "/open311/v2/requests/\(reference).json")

        // The same case the JSON API would have made: numbered, with a deadline, on its own channel.
        let staff = try fixture.view(reference).json
        XCTAssertEqual(staff["channel"] as? String, "open311")
        XCTAssertEqual(staff["status"] as? String, "received")
        XCTAssertEqual(staff["service"] as? String, "complaint-public-lighting")
        XCTAssertEqual(staff["subject"] as? String, "Lampadaire éteint depuis une semaine")
        let description = try XCTUnwrap(staff["description"] as? String)
        XCTAssertTrue(description.hasPrefix("Lampadaire éteint depuis une semaine\nDevant l'école."), description)
        XCTAssertTrue(description.contains("address_string: Rue de Rome, Tunis"), description)
        XCTAssertTrue(description.contains("lat/long: 36.8008, 10.1815"), description)
        let applicant = try XCTUnwrap(staff["applicant"] as? [String: Any])
        XCTAssertEqual(applicant["name"] as? String, "Hédi Gharbi")
        XCTAssertEqual(applicant["email"] as? String, "hedi.gharbi@example.tn")
        XCTAssertEqual(applicant["phone"] as? String, "+216 22 333 444")
        let submitted = (staff["timeline"] as? [[String: Any]])?.first
        XCTAssertEqual((submitted?["data"] as? [String: Any])?["client"] as? String, client.id)
        let deadline = try XCTUnwrap(staff["deadline_date"] as? String)
        XCTAssertEqual(
            created[0]["service_notice"] as? String,
            "Enregistré sous le numéro \(reference) ; réponse due au plus tard le \(deadline).")

        // Followed through the facade, without anything the citizen gave.
        let followed = try fixture.request("GET", "/open311/v2/requests/\(reference).xml")
        let request = try XCTUnwrap(try XMLElementNode.parse(followed.body).children.first)
        XCTAssertEqual(request["status"], "open")
        XCTAssertEqual(request["expected_datetime"], staff["deadline_at"] as? String)
        for personal in ["Hédi", "Gharbi", "hedi.gharbi", "22 333 444", "Rue de Rome", "36.8008", "Lampadaire"] {
            XCTAssertFalse(followed.text.contains(personal), "\(personal) in \(followed.text)")
        }

        // The XML form of the answer.
        let xml = try fixture.postForm(
            "/open311/v2/requests.xml", form(client.key, [("service_code", "birth-certificate")]),
            headers: ["Accept-Language": "en"])
        XCTAssertEqual(xml.status, 201, xml.text)
        let root = try XMLElementNode.parse(xml.body)
        XCTAssertEqual(root.name, "service_requests")
        XCTAssertEqual(root.childNames, ["request"])
        XCTAssertEqual(root.children[0].childNames, GeoReport.createdFields)
        let second = try XCTUnwrap(root.children[0]["service_request_id"])
        XCTAssertEqual(second, "TUN-2026-000002", "the same gapless register")
        XCTAssertTrue(
            root.children[0]["service_notice"]?.hasPrefix("Registered as TUN-2026-000002; an answer is due by") == true)
    }

    func testMissingWrongAndRevokedKeysAreRefusedInTheSpecificationsFormat() throws {
        let fixture = try GuichetFixture()
        defer { fixture.stop() }
        fixture.assertOpen311Error(
            try fixture.postForm("/open311/v2/requests.json", form(nil)), status: 403, xml: false,
            containing: "api_key was not provided")
        fixture.assertOpen311Error(
            try fixture.postForm("/open311/v2/requests.xml", form("not-a-key")), status: 403, xml: true,
            containing: "Invalid api_key")
        fixture.assertOpen311Error(
            try fixture.postForm("/open311/v2/requests.xml", form(String(repeating: "A", count: 43))), status: 403,
            xml: true, containing: "Invalid api_key")

        let client = try fixture.issueOpen311Key()
        XCTAssertEqual(try fixture.postForm("/open311/v2/requests.json", form(client.key)).status, 201)
        let admin = try fixture.signIn("admin")
        XCTAssertEqual(
            try fixture.request("DELETE", "/api/v1/admin/open311-clients/\(client.id)", token: admin).status, 204)
        fixture.assertOpen311Error(
            try fixture.postForm("/open311/v2/requests.json", form(client.key)), status: 403, xml: false,
            containing: "Invalid api_key")
        XCTAssertEqual(
            try fixture.request("DELETE", "/api/v1/admin/open311-clients/\(client.id)", token: admin).status, 204,
            "revoking twice changes nothing")
        let listed = try fixture.request("GET", "/api/v1/admin/open311-clients", token: admin)
        let entry = (listed["items"] as? [[String: Any]])?.first { $0["id"] as? String == client.id }
        XCTAssertNotNil(entry?["revoked_at"] as? String, listed.text)
        XCTAssertFalse(listed.text.contains(client.key), "a key is shown once, never listed")
        XCTAssertFalse(listed.text.contains("api_key"))
        let count = try fixture.request("GET", "/open311/v2/requests.json?jurisdiction_id=TUN")
        XCTAssertEqual(fixture.jsonArray(count).count, 1, "only the filing made with a live key")
    }

    func testRefusedFormsGetOneErrorPerField() throws {
        let fixture = try GuichetFixture()
        defer { fixture.stop() }
        let client = try fixture.issueOpen311Key()
        let invalid = try fixture.postForm(
            "/open311/v2/requests.json",
            form(client.key, [("description", ""), ("first_name", ""), ("last_name", ""), ("email", "nope")]))
        fixture.assertOpen311Error(invalid, status: 400, xml: false)
        let descriptions = fixture.jsonArray(invalid).compactMap { $0["description"] as? String }
        XCTAssertEqual(descriptions.count, 3, "\(descriptions)")
        XCTAssertTrue(descriptions.contains { $0.hasPrefix("description:") }, "\(descriptions)")
        XCTAssertTrue(descriptions.contains { $0.hasPrefix("first_name, last_name:") }, "\(descriptions)")
        XCTAssertTrue(descriptions.contains { $0.hasPrefix("email:") }, "\(descriptions)")

        for (extra, text) in [
            ([("lat", "91")], "lat, long"),
            ([("long", "")], "lat, long"),
            ([("media_url", "javascript:alert(1)")], "media_url"),
            ([("description", String(repeating: "x", count: 4001))], "description"),
            ([("service_code", "")], "service_code was not provided"),
        ] {
            fixture.assertOpen311Error(
                try fixture.postForm("/open311/v2/requests.xml", form(client.key, extra)), status: 400, xml: true,
                containing: text)
        }
        fixture.assertOpen311Error(
            try fixture.postForm("/open311/v2/requests.json", form(client.key, [("service_code", "no-such")])),
            status: 404, xml: false, containing: "service_code was not found")
        fixture.assertOpen311Error(
            try fixture.postForm("/open311/v2/requests.json", form(client.key, [("jurisdiction_id", "XYZ")])),
            status: 404, xml: false, containing: "jurisdiction_id was not found")
        fixture.assertOpen311Error(
            try fixture.postForm("/open311/v2/requests.json", form(client.key, [("jurisdiction_id", "")])),
            status: 400, xml: false, containing: "jurisdiction_id was not provided")
        let json = try fixture.request(
            "POST", "/open311/v2/requests.json", json: ["api_key": client.key, "service_code": "birth-certificate"])
        fixture.assertOpen311Error(json, status: 400, xml: false, containing: "x-www-form-urlencoded")
        XCTAssertEqual(
            fixture.jsonArray(try fixture.request("GET", "/open311/v2/requests.json?jurisdiction_id=TUN")).count, 0,
            "no refused form made a case")
    }

    func testAKeyHeldToOneOfficeFilesOnlyThere() throws {
        let fixture = try GuichetFixture()
        defer { fixture.stop() }
        let client = try fixture.issueOpen311Key(office: "TET")
        let implicit = try fixture.postForm(
            "/open311/v2/requests.json",
            form(client.key, [("jurisdiction_id", ""), ("service_code", "birth-certificate")]))
        XCTAssertEqual(implicit.status, 201, implicit.text)
        XCTAssertTrue(
            (fixture.jsonArray(implicit).first?["service_request_id"] as? String)?.hasPrefix("TET-") == true,
            implicit.text)
        fixture.assertOpen311Error(
            try fixture.postForm("/open311/v2/requests.json", form(client.key)), status: 403, xml: false,
            containing: "jurisdiction_id")
    }

    func testFilingsAreLimitedPerKey() throws {
        let fixture = try GuichetFixture(extraArguments: ["--open311-filing-limit", "2"])
        defer { fixture.stop() }
        let first = try fixture.issueOpen311Key(name: "A")
        let second = try fixture.issueOpen311Key(name: "B")
        // A refused form gives its attempt back.
        XCTAssertEqual(try fixture.postForm("/open311/v2/requests.json", form(first.key, [("email", "x")])).status, 400)
        XCTAssertEqual(try fixture.postForm("/open311/v2/requests.json", form(first.key)).status, 201)
        XCTAssertEqual(try fixture.postForm("/open311/v2/requests.json", form(first.key)).status, 201)
        let limited = try fixture.postForm("/open311/v2/requests.xml", form(first.key))
        fixture.assertOpen311Error(limited, status: 429, xml: true)
        XCTAssertNotNil(limited.header("Retry-After"))
        XCTAssertEqual(
            try fixture.postForm("/open311/v2/requests.json", form(second.key)).status, 201, "another key has its own")
    }

    func testOnlyAdministratorsManageKeys() throws {
        let fixture = try GuichetFixture()
        defer { fixture.stop() }
        let supervisor = try fixture.signIn("tun.supervisor")
        let admin = try fixture.signIn("admin")
        XCTAssertEqual(
            try fixture.request("POST", "/api/v1/admin/open311-clients", json: ["name": "X"], token: supervisor).status,
            403)
        XCTAssertEqual(try fixture.request("POST", "/api/v1/admin/open311-clients", json: ["name": "X"]).status, 401)
        XCTAssertEqual(try fixture.request("GET", "/api/v1/admin/open311-clients", token: supervisor).status, 403)
        XCTAssertEqual(
            try fixture.request("POST", "/api/v1/admin/open311-clients", json: ["name": " "], token: admin).status, 422)
        XCTAssertEqual(
            try fixture.request(
                "POST", "/api/v1/admin/open311-clients", json: ["name": "X", "office": "NOPE"], token: admin
            ).code, "unknown_office")
        let issued = try fixture.request(
            "POST", "/api/v1/admin/open311-clients", json: ["name": "Appli", "office": "TUN"], token: admin)
        XCTAssertEqual(issued.status, 201, issued.text)
        XCTAssertEqual(issued["office"] as? String, "TUN")
        XCTAssertEqual((issued["api_key"] as? String)?.count, 43)
        XCTAssertEqual(issued.header("Cache-Control"), "no-store")
        let id = try XCTUnwrap(issued["id"] as? String)
        XCTAssertEqual(
            try fixture.request("DELETE", "/api/v1/admin/open311-clients/\(id)", token: supervisor).status, 403)
        XCTAssertEqual(
            try fixture.request(
                "DELETE", "/api/v1/admin/open311-clients/00000000-0000-4000-8000-000000000000", token: admin
            ).status, 404)
        XCTAssertEqual(try fixture.request("DELETE", "/api/v1/admin/open311-clients/nope", token: admin).status, 404)
    }
}
