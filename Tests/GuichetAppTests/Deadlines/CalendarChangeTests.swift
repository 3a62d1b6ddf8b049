import Foundation
import TestSupport
import XCTest

/// A new weekend recomputes the open cases of the office, with one public event per moved date.
final class CalendarChangeTests: XCTestCase {
    func testChangingTheWeekendMovesOpenDeadlines() throws {
        let fixture = try GuichetFixture()
        defer { fixture.stop() }
        try fixture.createService(code: "three-days", responseDays: 3)
        try fixture.setClock("2026-11-25T09:00:00Z")  // Wednesday: 26, 27, 30 Nov → Monday 30 Nov
        let filed = try fixture.file(service: "three-days")
        let track = { try fixture.request("GET", "/api/v1/track/\(filed.reference)", headers: ["X-Tracking-Key": filed.key]) }
        XCTAssertEqual(try track()["deadline_date"] as? String, "2026-11-30")
        let admin = try fixture.signIn("admin")
        let changed = try fixture.request("PATCH", "/api/v1/admin/offices/TUN", json: ["weekend_days": [5, 6]], token: admin)
        XCTAssertEqual(changed.status, 200, changed.text)
        XCTAssertEqual(changed["deadlines_changed"] as? Int, 0, "26, 29, 30 Nov: the same date")
        // Friday and Saturday off: 26 (Thu), 29 (Sun), 30 (Mon) Nov.
        let reply = try track()
        XCTAssertEqual(reply["deadline_date"] as? String, "2026-11-30")
        let moved = try fixture.request("PATCH", "/api/v1/admin/offices/TUN", json: ["weekend_days": [4, 5, 6]], token: admin)
        XCTAssertEqual(moved.status, 200)
        XCTAssertEqual(moved["deadlines_changed"] as? Int, 1)
        // Thursday to Saturday off: 29, 30 Nov, 1 Dec.
        let after = try track()
        XCTAssertEqual(after["deadline_date"] as? String, "2026-12-01")
        let events = (after["timeline"] as? [[String: Any]] ?? []).filter { $0["type"] as? String == "deadline_changed" }
        XCTAssertEqual(events.count, 1, "the first change left the date where it was: no event")
        XCTAssertEqual(
            try fixture.request("PATCH", "/api/v1/admin/offices/TUN", json: ["weekend_days": [1, 2, 3, 4, 5, 6, 7]], token: admin).status, 422)
        XCTAssertEqual(
            try fixture.request("PATCH", "/api/v1/admin/offices/TUN", json: ["timezone": "Mars/Olympus"], token: admin).status, 422)
        XCTAssertEqual(
            try fixture.request("PATCH", "/api/v1/admin/offices/TUN", json: ["weekend_days": [6, 7]], token: fixture.signIn("tun.supervisor")).status, 403)
    }
}
