import Foundation
import TestSupport
import XCTest

/// The public statistics page of an office: on-time rates per service and month, satisfaction per
/// service (from the citizens' ratings), and office totals, with small counts withheld.
final class PublicStatisticsTests: XCTestCase {
    func testSatisfactionIsAggregatedPerServiceAndForTheOffice() throws {
        let fixture = try GuichetFixture()
        defer { fixture.stop() }
        try fixture.createService(code: "rated", responseDays: 3)
        try fixture.createService(code: "rare", responseDays: 3)
        try fixture.setClock("2026-11-23T09:00:00Z")
        let rated = try (0..<5).map { _ in try fixture.file(service: "rated") }
        let rare = try fixture.file(service: "rare")
        try fixture.setClock("2026-11-24T10:00:00Z")
        for filed in rated + [rare] {
            XCTAssertEqual(try fixture.changeStatus(filed.reference, to: "resolved", message: "Prêt").status, 200)
        }
        for (filed, rating) in zip(rated + [rare], [5, 5, 4, 4, 2, 1]) {
            let reply = try fixture.request(
                "POST", "/api/v1/track/\(filed.reference)/feedback", json: ["key": filed.key, "rating": rating])
            XCTAssertEqual(reply.status, 204, reply.text)
        }

        let reply = try fixture.request("GET", "/api/v1/stats/TUN")
        XCTAssertEqual(reply.status, 200, reply.text)
        XCTAssertEqual(reply["from_month"] as? String, "2025-12")
        XCTAssertEqual(reply["to_month"] as? String, "2026-11")
        XCTAssertEqual(reply["suppression_threshold"] as? Int, 5)
        let services = reply["services"] as? [[String: Any]] ?? []
        let service = try XCTUnwrap(services.first { $0["service"] as? String == "rated" })
        let total = service["total"] as? [String: Any] ?? [:]
        XCTAssertEqual(total["satisfaction"] as? Double, 4, "(5 + 5 + 4 + 4 + 2) / 5")
        XCTAssertEqual(total["ratings"] as? Int, 5)
        XCTAssertEqual(total["on_time_rate"] as? Double, 1)
        let months = service["months"] as? [[String: Any]] ?? []
        XCTAssertEqual(months.count, 12)
        let november = try XCTUnwrap(months.first { $0["month"] as? String == "2026-11" })
        XCTAssertEqual(november["received"] as? Int, 5)
        XCTAssertEqual(november["on_time_rate"] as? Double, 1)
        XCTAssertEqual(november["median_working_days"] as? Double, 1)
        XCTAssertEqual(months.first?["received"] as? Int, 0, "a month without cases says 0, not withheld")

        // One case, one rating: withheld, marked, and no derived figure betrays it.
        let rareService = try XCTUnwrap(services.first { $0["service"] as? String == "rare" })
        let rareTotal = rareService["total"] as? [String: Any] ?? [:]
        XCTAssertTrue(rareTotal["received"] is NSNull, reply.text)
        XCTAssertTrue(rareTotal["satisfaction"] is NSNull)
        XCTAssertTrue((rareTotal["suppressed"] as? [String] ?? []).contains("satisfaction"))
        XCTAssertEqual((rareService["fairness"] as? [String: Any])?["suppressed"] as? Bool, true)

        // The office: six ratings, 5 + 5 + 4 + 4 + 2 + 1 = 21.
        let totals = reply["totals"] as? [String: Any] ?? [:]
        XCTAssertEqual(totals["received"] as? Int, 6)
        XCTAssertEqual(totals["ratings"] as? Int, 6)
        XCTAssertEqual(totals["satisfaction"] as? Double, 3.5)
        XCTAssertFalse(reply.text.contains("Amira"), "no personal data")

        XCTAssertProblem(try fixture.request("GET", "/api/v1/stats/ZZZ"), 404, "not_found")

        // The page shows the same figures, withheld ones marked, in the reader's language.
        let page = try fixture.request("GET", "/stats?office=TUN&lang=en")
        XCTAssertEqual(page.status, 200, page.text)
        XCTAssertEqual(page.header("Content-Type"), "text/html; charset=utf-8")
        XCTAssertNotNil(page.header("Content-Security-Policy"))
        let html = page.text
        XCTAssertTrue(html.contains("<dt>Received</dt><dd>6</dd>"), html)
        XCTAssertTrue(html.contains("<dt>Satisfaction</dt><dd>3.5 / 5</dd>"), html)
        XCTAssertTrue(html.contains("<dt>Answered on time</dt><dd>100 %</dd>"), html)
        let row = try XCTUnwrap(Self.row(startingWith: "<tr><th scope=\"row\">Service rated</th>", in: html))
        XCTAssertTrue(row.contains("<td>5</td><td>5</td><td>100 %</td><td>1.0</td><td>4.0 / 5</td>"), row)
        let rareRow = try XCTUnwrap(Self.row(startingWith: "<tr><th scope=\"row\">Service rare</th>", in: html))
        XCTAssertTrue(rareRow.contains("<td>·</td><td>·</td><td>·</td>"), rareRow)
        XCTAssertFalse(rareRow.contains("1.0 / 5"), "the one rating never shows")
        XCTAssertTrue(html.contains("<th scope=\"col\" dir=\"ltr\">2025-12</th>"), "twelve months, oldest first")
        XCTAssertTrue(html.contains("<svg"), "the on-time chart")
        XCTAssertFalse(html.contains("Amira"), "no personal data")
        XCTAssertTrue(try fixture.request("GET", "/stats?office=TUN&lang=ar").text.contains("dir=\"rtl\""))
        XCTAssertEqual(try fixture.request("GET", "/stats?office=ZZZ").status, 404)
        XCTAssertEqual(try fixture.request("GET", "/stats").status, 404)
    }

    /// The row of the per-service table that starts with `prefix`, up to its end.
    static func row(startingWith prefix: String, in html: String) -> String? {
        guard let table = html.range(of: "<table id=\"services\">"),
            let start = html.range(of: prefix, range: table.upperBound..<html.endIndex),
            let end = html.range(of: "</tr>", range: start.upperBound..<html.endIndex)
        else { return nil }
        return String(html[start.lowerBound..<end.upperBound])
    }
}
