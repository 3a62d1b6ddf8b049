import Foundation
import TestSupport
import XCTest

/// The open-data files: per office, service, month and status, with small counts withheld.
final class OpenDataTests: XCTestCase {
    func testSmallCountsDisappearAndBigOnesStay() throws {
        let fixture = try GuichetFixture()
        defer { fixture.stop() }
        try fixture.createService(code: "od-big", responseDays: 3)
        try fixture.createService(code: "od-small", responseDays: 3)
        try fixture.setClock("2026-11-23T09:00:00Z")
        let big = try (0..<6).map { _ in try fixture.file(service: "od-big") }
        _ = try (0..<2).map { _ in try fixture.file(service: "od-small") }
        try fixture.setClock("2026-11-24T10:00:00Z")
        for filed in big {
            XCTAssertEqual(try fixture.changeStatus(filed.reference, to: "resolved", message: "Prêt").status, 200)
        }
        for filed in big.prefix(3) {
            XCTAssertEqual(
                try fixture.request(
                    "POST", "/api/v1/track/\(filed.reference)/feedback", json: ["key": filed.key, "rating": 4]
                ).status, 204)
        }

        let json = try fixture.request("GET", "/api/v1/opendata/cases.json")
        XCTAssertEqual(json.status, 200, json.text)
        XCTAssertEqual(json["suppression_threshold"] as? Int, 5)
        let items = json["items"] as? [[String: Any]] ?? []
        let bigRow = try XCTUnwrap(items.first { $0["service"] as? String == "od-big" }, json.text)
        XCTAssertEqual(bigRow["office"] as? String, "TUN")
        XCTAssertEqual(bigRow["month"] as? String, "2026-11")
        XCTAssertEqual(bigRow["status"] as? String, "resolved")
        XCTAssertEqual(bigRow["received"] as? Int, 6)
        XCTAssertEqual(bigRow["resolved"] as? Int, 6)
        XCTAssertEqual(bigRow["on_time"] as? Int, 6)
        XCTAssertEqual(bigRow["on_time_rate"] as? Double, 1)
        XCTAssertEqual(bigRow["median_working_days"] as? Double, 1)
        XCTAssertTrue(bigRow["satisfaction"] is NSNull, "three ratings are too few to publish their mean")
        XCTAssertTrue(bigRow["ratings"] is NSNull)
        XCTAssertEqual(bigRow["suppressed"] as? [String], ["satisfaction", "ratings"])

        let smallRow = try XCTUnwrap(items.first { $0["service"] as? String == "od-small" })
        XCTAssertEqual(smallRow["status"] as? String, "received")
        for field in ["received", "resolved", "on_time", "on_time_rate", "median_working_days", "satisfaction"] {
            XCTAssertTrue(smallRow[field] is NSNull, "\(field) of a group of two is withheld")
        }
        XCTAssertTrue((smallRow["suppressed"] as? [String] ?? []).contains("received"))

        let csv = try fixture.request("GET", "/api/v1/opendata/cases.csv")
        XCTAssertEqual(csv.status, 200)
        XCTAssertEqual(csv.header("Content-Type"), "text/csv; charset=utf-8")
        XCTAssertEqual(csv.header("Content-Disposition"), "attachment; filename=\"guichet-cases.csv\"")
        XCTAssertEqual(csv.header("Cache-Control"), "public, max-age=300")
        let lines = csv.text.split(separator: "\n").map(String.init)
        XCTAssertEqual(
            lines.first,
            "office,service,kind,month,status,received,resolved,on_time,on_time_rate,median_working_days,satisfaction,ratings,suppressed")
        XCTAssertTrue(lines.contains("TUN,od-big,application,2026-11,resolved,6,6,6,1.0,1.0,,,satisfaction;ratings"), csv.text)
        XCTAssertTrue(
            lines.contains(
                "TUN,od-small,application,2026-11,received,,,,,,,,received;resolved;on_time;on_time_rate;median_working_days;satisfaction;ratings"),
            csv.text)
        for body in [json.text, csv.text] {
            for personal in ["Amira", "Ben Salah", "71 000 000", "Extrait de naissance", "dossier scolaire", "TUN-2026-"] {
                XCTAssertFalse(body.contains(personal), "\(personal) in the open data")
            }
        }
    }

    func testTheThresholdIsConfigurable() throws {
        let fixture = try GuichetFixture(extraArguments: ["--opendata-threshold", "2"])
        defer { fixture.stop() }
        try fixture.setClock("2026-11-23T09:00:00Z")
        _ = try (0..<2).map { _ in try fixture.file() }
        let json = try fixture.request("GET", "/api/v1/opendata/cases.json")
        XCTAssertEqual(json["suppression_threshold"] as? Int, 2)
        let row = (json["items"] as? [[String: Any]])?.first { $0["service"] as? String == "birth-certificate" }
        XCTAssertEqual(row?["received"] as? Int, 2, json.text)
    }
}
