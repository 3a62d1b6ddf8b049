import Foundation
import XCTest

/// Service discovery, `GET services` and `GET services/{code}`, field by field in both formats.
final class Open311ServicesTests: XCTestCase {
    nonisolated(unsafe) static var fixture: GuichetFixture?

    override class func setUp() {
        fixture = try? GuichetFixture()
    }

    override class func tearDown() {
        fixture?.stop()
        fixture = nil
    }

    private func server() throws -> GuichetFixture { try XCTUnwrap(Self.fixture, "the server did not start") }

    func testDiscoveryListsTheGeoReportEndpointInBothFormats() throws {
        let fixture = try server()
        let json = try fixture.request("GET", "/open311/discovery.json")
        XCTAssertEqual(json.status, 200, json.text)
        XCTAssertEqual(json.header("Content-Type"), "application/json; charset=utf-8")
        XCTAssertEqual(Set(json.json.keys), Set(GeoReport.discoveryFields))
        let endpoints = try XCTUnwrap(json["endpoints"] as? [[String: Any]])
        XCTAssertEqual(endpoints.count, 1)
        let endpoint = endpoints[0]
        XCTAssertEqual(Set(endpoint.keys), Set(GeoReport.endpointFields))
        XCTAssertEqual(endpoint["specification"] as? String, "http://wiki.open311.org/GeoReport_v2")
        XCTAssertEqual(endpoint["url"] as? String, "http://127.0.0.1:\(fixture.server.port)/open311/v2")
        XCTAssertEqual(endpoint["type"] as? String, "test", "the server runs on a test clock")
        XCTAssertEqual(endpoint["formats"] as? [String], ["text/xml", "application/json"])
        let changeset = try XCTUnwrap(json["changeset"] as? String)
        XCTAssertNotNil(try? Date.ISO8601FormatStyle().parse(changeset), changeset)
        XCTAssertEqual(endpoint["changeset"] as? String, changeset)

        let xml = try fixture.request("GET", "/open311/discovery.xml")
        XCTAssertEqual(xml.status, 200)
        XCTAssertEqual(xml.header("Content-Type"), "text/xml; charset=utf-8")
        XCTAssertTrue(xml.text.hasPrefix(#"<?xml version="1.0" encoding="utf-8"?>"#), xml.text)
        let root = try XMLElementNode.parse(xml.body)
        XCTAssertEqual(root.name, "discovery")
        XCTAssertEqual(root.childNames, GeoReport.discoveryFields)
        XCTAssertEqual(root["changeset"], changeset)
        XCTAssertEqual(root["contact"], json["contact"] as? String)
        let xmlEndpoints = try XCTUnwrap(root.child("endpoints"))
        XCTAssertEqual(xmlEndpoints.childNames, ["endpoint"])
        let xmlEndpoint = xmlEndpoints.children[0]
        XCTAssertEqual(xmlEndpoint.childNames, GeoReport.endpointFields)
        XCTAssertEqual(xmlEndpoint["url"], endpoint["url"] as? String)
        XCTAssertEqual(xmlEndpoint.child("formats")?.children.map(\.text), ["text/xml", "application/json"])
        XCTAssertEqual(xmlEndpoint.child("formats")?.childNames, ["format", "format"])
    }

    /// Every active service of the office, each field matching the service guide of the JSON API.
    func testServicesMatchTheGuideFieldByField() throws {
        let fixture = try server()
        let guide = try fixture.request("GET", "/api/v1/services?office=TUN")["items"] as? [[String: Any]] ?? []
        XCTAssertFalse(guide.isEmpty)
        let departments = try XCTUnwrap(
            (try fixture.request("GET", "/api/v1/offices")["items"] as? [[String: Any]])?.first {
                $0["code"] as? String == "TUN"
            }?["departments"] as? [[String: Any]])

        for language in ["fr", "en", "ar"] {
            let json = try fixture.request("GET", "/open311/v2/services.json?jurisdiction_id=TUN&lang=\(language)")
            XCTAssertEqual(json.status, 200, json.text)
            XCTAssertEqual(json.header("Content-Type"), "application/json; charset=utf-8")
            let services = fixture.jsonArray(json)
            let xml = try fixture.request("GET", "/open311/v2/services.xml?jurisdiction_id=TUN&lang=\(language)")
            XCTAssertEqual(xml.header("Content-Type"), "text/xml; charset=utf-8")
            let root = try XMLElementNode.parse(xml.body)
            XCTAssertEqual(root.name, "services")
            XCTAssertEqual(Set(root.childNames), ["service"])
            XCTAssertEqual(services.count, guide.filter { $0["active"] as? Bool != false }.count)
            XCTAssertEqual(root.children.count, services.count)

            for (index, service) in services.enumerated() {
                XCTAssertEqual(Set(service.keys), Set(GeoReport.serviceFields))
                let code = try XCTUnwrap(service["service_code"] as? String)
                let entry = try XCTUnwrap(guide.first { $0["code"] as? String == code }, code)
                let names = try XCTUnwrap(entry["name"] as? [String: String])
                let descriptions = try XCTUnwrap(entry["description"] as? [String: String])
                let department = departments.first { $0["code"] as? String == entry["department"] as? String }
                let group = (department?["name"] as? [String: String])?[language]
                XCTAssertEqual(service["service_name"] as? String, names[language])
                XCTAssertEqual(service["description"] as? String, descriptions[language])
                XCTAssertEqual(service["metadata"] as? Bool, false)
                XCTAssertEqual(service["type"] as? String, "realtime")
                XCTAssertEqual(service["keywords"] as? String, entry["kind"] as? String)
                XCTAssertEqual(service["group"] as? String, group)

                let element = root.children[index]
                XCTAssertEqual(element.childNames, GeoReport.serviceFields, "the specification's order")
                XCTAssertEqual(element["service_code"], code)
                XCTAssertEqual(element["service_name"], names[language])
                XCTAssertEqual(element["description"], descriptions[language])
                XCTAssertEqual(element["metadata"], "false")
                XCTAssertEqual(element["type"], "realtime")
                XCTAssertEqual(element["keywords"], entry["kind"] as? String)
                XCTAssertEqual(element["group"], group)
            }
        }
    }

    func testJurisdictionIsRequiredWithTwoOfficesAndMustExist() throws {
        let fixture = try server()
        for xml in [false, true] {
            let ext = xml ? "xml" : "json"
            fixture.assertOpen311Error(
                try fixture.request("GET", "/open311/v2/services.\(ext)"), status: 400, xml: xml,
                containing: "jurisdiction_id was not provided")
            fixture.assertOpen311Error(
                try fixture.request("GET", "/open311/v2/services.\(ext)?jurisdiction_id=XYZ"), status: 404, xml: xml,
                containing: "jurisdiction_id was not found")
            fixture.assertOpen311Error(
                try fixture.request("GET", "/open311/v2/requests.\(ext)?jurisdiction_id=XYZ"), status: 404, xml: xml,
                containing: "jurisdiction_id was not found")
        }
        let other = fixture.jsonArray(try fixture.request("GET", "/open311/v2/services.json?jurisdiction_id=TET"))
        XCTAssertFalse(other.isEmpty, "the second office has its own catalogue")
    }

    func testAServiceDefinitionHasNoAttributesAndUnknownCodesAre404() throws {
        let fixture = try server()
        let json = try fixture.request("GET", "/open311/v2/services/birth-certificate.json?jurisdiction_id=TUN")
        XCTAssertEqual(json.status, 200, json.text)
        XCTAssertEqual(json["service_code"] as? String, "birth-certificate")
        XCTAssertEqual((json["attributes"] as? [Any])?.count, 0)
        XCTAssertEqual(Set(json.json.keys), ["service_code", "attributes"])

        let xml = try fixture.request("GET", "/open311/v2/services/birth-certificate.xml?jurisdiction_id=TUN")
        let root = try XMLElementNode.parse(xml.body)
        XCTAssertEqual(root.name, "service_definition")
        XCTAssertEqual(root.childNames, ["service_code", "attributes"])
        XCTAssertEqual(root.child("attributes")?.children.count, 0)

        fixture.assertOpen311Error(
            try fixture.request("GET", "/open311/v2/services/no-such-service.json?jurisdiction_id=TUN"), status: 404,
            xml: false, containing: "service_code was not found")
        fixture.assertOpen311Error(
            try fixture.request("GET", "/open311/v2/services/birth-certificate?jurisdiction_id=TUN"), status: 404,
            xml: true)
    }
}
