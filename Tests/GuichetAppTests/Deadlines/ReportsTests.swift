import Foundation
import TestSupport
import XCTest

/// The supervisors' reports on a data set built through the API with the test clock.
final class ReportsTests: XCTestCase {
    func testOverdueReportOrderFiltersAndCSV() throws {
        let fixture = try GuichetFixture()
        defer { fixture.stop() }
        try fixture.createService(code: "three-days", responseDays: 3)
        try fixture.createService(code: "one-day", responseDays: 1)
        try fixture.setClock("2026-11-23T09:00:00Z")
        let older = try fixture.file(service: "one-day")  // due Tue 24 Nov
        let newer = try fixture.file(service: "three-days")  // due Thu 26 Nov
        let paused = try fixture.file(service: "one-day")
        try fixture.changeStatus(paused.reference, to: "awaiting_citizen")
        let answered = try fixture.file(service: "one-day")
        try fixture.changeStatus(answered.reference, to: "resolved", message: "Prêt")
        try fixture.setClock("2026-11-30T10:00:00Z")

        let supervisor = try fixture.signIn("tun.supervisor")
        let json = try fixture.request("GET", "/api/v1/reports/overdue", token: supervisor)
        XCTAssertEqual(json.status, 200, json.text)
        let items = json["items"] as? [[String: Any]] ?? []
        XCTAssertEqual(items.compactMap { $0["reference"] as? String }, [older.reference, newer.reference],
            "most overdue first; paused and answered cases are not overdue")
        XCTAssertEqual(items.first?["days_overdue"] as? Int, 4, "25, 26, 27 and 30 Nov")
        XCTAssertEqual(items.last?["days_overdue"] as? Int, 2, "27 and 30 Nov")

        let filtered = try fixture.request("GET", "/api/v1/reports/overdue?service=three-days", token: supervisor)
        XCTAssertEqual((filtered["items"] as? [[String: Any]])?.count, 1)

        let csv = try fixture.request("GET", "/api/v1/reports/overdue?format=csv", token: supervisor)
        XCTAssertEqual(csv.status, 200)
        XCTAssertEqual(csv.header("Content-Type"), "text/csv; charset=utf-8")
        XCTAssertEqual(csv.header("Transfer-Encoding"), "chunked", "streamed")
        let lines = csv.text.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "reference,office,service,department,assignee,status,received_at,deadline_date,deadline_at,days_overdue")
        XCTAssertEqual(lines.count, 3)
        XCTAssertTrue(lines[1].hasPrefix(older.reference + ",TUN,one-day,etat-civil,,received,"), lines[1])
        XCTAssertTrue(lines[1].hasSuffix(",2026-11-24,2026-11-24T23:00:00Z,4"), lines[1])

        let agent = try fixture.signIn("tun.agent")
        XCTAssertEqual(try fixture.request("GET", "/api/v1/reports/overdue", token: agent).status, 403)
        let other = try fixture.signIn("tet.supervisor")
        let otherReport = try fixture.request("GET", "/api/v1/reports/overdue", token: other)
        XCTAssertEqual((otherReport["items"] as? [[String: Any]])?.count, 0, "another office's cases never show")
        XCTAssertEqual(try fixture.request("GET", "/api/v1/reports/overdue?office=TUN", token: other).status, 404)
        XCTAssertEqual(try fixture.request("GET", "/api/v1/reports/overdue?format=xml", token: supervisor).status, 422)
    }

    func testPerformanceFiguresOnAKnownDataSet() throws {
        let fixture = try GuichetFixture()
        defer { fixture.stop() }
        try fixture.createService(code: "three-days", responseDays: 3)
        try fixture.setClock("2026-11-23T09:00:00Z")
        // Four cases received Monday 23 Nov, due Thursday 26 Nov.
        let fast = try fixture.file(service: "three-days")
        let onTime = try fixture.file(service: "three-days")
        let late = try fixture.file(service: "three-days")
        _ = try fixture.file(service: "three-days")  // stays open, becomes overdue
        try fixture.setClock("2026-11-24T10:00:00Z")
        try fixture.changeStatus(fast.reference, to: "resolved", message: "Prêt")  // 1 working day
        try fixture.setClock("2026-11-26T10:00:00Z")
        try fixture.changeStatus(onTime.reference, to: "resolved", message: "Prêt")  // 3 working days
        try fixture.setClock("2026-11-30T10:00:00Z")
        try fixture.changeStatus(late.reference, to: "rejected", message: "Incomplet")  // 5 working days, missed
        for (filed, rating) in [(fast, 5), (late, 2)] {
            let reply = try fixture.request(
                "POST", "/api/v1/track/\(filed.reference)/feedback", json: ["key": filed.key, "rating": rating])
            XCTAssertEqual(reply.status, 204, reply.text)
        }
        let again = try fixture.request(
            "POST", "/api/v1/track/\(fast.reference)/feedback", json: ["key": fast.key, "rating": 1])
        XCTAssertEqual(again.status, 409, "feedback is given once")

        let supervisor = try fixture.signIn("tun.supervisor")
        let reply = try fixture.request(
            "GET", "/api/v1/reports/performance?from=2026-11-01&to=2026-11-30&group_by=service", token: supervisor)
        XCTAssertEqual(reply.status, 200, reply.text)
        let rows = reply["items"] as? [[String: Any]] ?? []
        let row = try XCTUnwrap(rows.first { $0["group"] as? String == "three-days" })
        XCTAssertEqual(row["received"] as? Int, 4)
        XCTAssertEqual(row["resolved"] as? Int, 3)
        XCTAssertEqual(row["open"] as? Int, 1)
        XCTAssertEqual(row["overdue"] as? Int, 1)
        XCTAssertEqual(row["on_time_rate"] as? Double ?? -1, 0.667, accuracy: 0.001)
        XCTAssertEqual(row["median_working_days_to_resolution"] as? Double, 3)
        XCTAssertEqual(row["satisfaction"] as? Double, 3.5)
        XCTAssertEqual(row["ratings"] as? Int, 2)

        let empty = try fixture.request(
            "GET", "/api/v1/reports/performance?from=2026-10-01&to=2026-10-31", token: supervisor)
        XCTAssertEqual((empty["items"] as? [[String: Any]])?.count, 0)
        XCTAssertEqual(try fixture.request("GET", "/api/v1/reports/performance?from=2026-12-01&to=2026-11-01", token: supervisor).status, 422)
        XCTAssertEqual(try fixture.request("GET", "/api/v1/reports/performance?group_by=color", token: supervisor).status, 422)

        let departments = try fixture.request("GET", "/api/v1/reports/departments", token: supervisor)
        let civil = (departments["items"] as? [[String: Any]])?.first { $0["department"] as? String == "etat-civil" }
        XCTAssertEqual(civil?["overdue"] as? Int, 1)
    }
}
