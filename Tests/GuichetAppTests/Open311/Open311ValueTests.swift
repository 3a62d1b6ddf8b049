import Foundation
import XCTest

@testable import GuichetApp

/// The one tree behind both formats: the same fields either way, and text that cannot break out of
/// its element or make the document unreadable.
final class Open311ValueTests: XCTestCase {
    let hostile = "</description><injected>&amp; \"quoted\" 'single' \u{1}\u{FFFE} fin"

    func makeDocument() -> Open311Value {
        .list(
            item: "request",
            [
                .object([
                    ("service_request_id", .text("TUN-2026-000001")),
                    ("description", .text(hostile)),
                    ("metadata", .boolean(false)),
                    ("code", .integer(404)),
                    ("expected_datetime", .instant(Date(timeIntervalSince1970: 1_795_734_000))),
                    ("address", .text(nil)),
                    ("attributes", .list(item: "attribute", [])),
                ])
            ])
    }

    func testXMLEscapesMarkupAndReplacesForbiddenCharacters() throws {
        let xml = makeDocument().xml(root: "service_requests")
        XCTAssertTrue(xml.hasPrefix(#"<?xml version="1.0" encoding="utf-8"?>"#))
        let root = try XMLElementNode.parse(Array(xml.utf8))
        XCTAssertEqual(root.name, "service_requests")
        XCTAssertEqual(root.childNames, ["request"])
        let request = root.children[0]
        XCTAssertEqual(
            request.childNames,
            ["service_request_id", "description", "metadata", "code", "expected_datetime", "address", "attributes"])
        XCTAssertEqual(request["description"], "</description><injected>&amp; \"quoted\" 'single' \u{FFFD}\u{FFFD} fin")
        XCTAssertNil(request.child("injected"))
        XCTAssertEqual(request["metadata"], "false")
        XCTAssertEqual(request["code"], "404")
        XCTAssertEqual(request["expected_datetime"], "2026-11-26T23:00:00Z")
        XCTAssertEqual(request["address"], "")
        XCTAssertEqual(request.child("attributes")?.children.count, 0)
    }

    func testJSONCarriesTheSameFieldsWithNulls() throws {
        let json = makeDocument().json()
        let parsed = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        XCTAssertEqual(parsed.count, 1)
        let request = parsed[0]
        XCTAssertEqual(request["description"] as? String, hostile)
        XCTAssertEqual(request["metadata"] as? Bool, false)
        XCTAssertEqual(request["code"] as? Int, 404)
        XCTAssertEqual(request["expected_datetime"] as? String, "2026-11-26T23:00:00Z")
        XCTAssertTrue(request["address"] is NSNull)
        XCTAssertEqual((request["attributes"] as? [Any])?.count, 0)
        XCTAssertTrue(
            json.hasPrefix(#"[{"service_request_id":"TUN-2026-000001","description":"#), "the fields keep their order")
    }

    func testFormatsComeFromTheExtension() {
        XCTAssertEqual(Open311Format.split("TUN-2026-000001.json")?.name, "TUN-2026-000001")
        XCTAssertEqual(Open311Format.split("TUN-2026-000001.json")?.format, .json)
        XCTAssertEqual(Open311Format.split("a.b.xml")?.name, "a.b")
        XCTAssertNil(Open311Format.split("TUN-2026-000001"))
        XCTAssertNil(Open311Format.split("TUN-2026-000001.html"))
        XCTAssertNil(Open311Format.split("x.JSON"))
    }
}
