import Foundation
import TestSupport
import XCTest

/// DESIGN.md's worked examples, end to end: Tunis (Africa/Tunis, weekend Saturday and Sunday,
/// holiday 2026-12-17), a service of 3 working days, the server's clock set to each submission.
final class WorkedExamplesTests: XCTestCase {
    nonisolated(unsafe) static var fixture: GuichetFixture!
    var fixture: GuichetFixture { Self.fixture }

    override class func setUp() {
        do {
            fixture = try GuichetFixture()
            try fixture.createService(code: "three-days", responseDays: 3, extensionDays: 2)
            try fixture.createService(code: "same-day", responseDays: 0, extensionDays: 1)
        } catch {
            XCTFail("fixture: \(error)")
        }
    }

    override class func tearDown() { fixture?.stop() }

    func file(at instant: String, service: String = "three-days") throws -> (reference: String, key: String) {
        try fixture.setClock(instant)
        return try fixture.file(service: service)
    }

    func track(_ filed: (reference: String, key: String)) throws -> GuichetFixture.Reply {
        try fixture.request("GET", "/api/v1/track/\(filed.reference)", headers: ["X-Tracking-Key": filed.key])
    }

    func testTheFiveWorkedExamples() throws {
        let table = [
            ("2026-11-23T09:00:00Z", "2026-11-26", "2026-11-26T23:00:00Z"),
            ("2026-11-27T15:00:00Z", "2026-12-02", "2026-12-02T23:00:00Z"),
            ("2026-11-28T10:00:00Z", "2026-12-02", "2026-12-02T23:00:00Z"),
            ("2026-12-15T10:00:00Z", "2026-12-21", "2026-12-21T23:00:00Z"),
            ("2026-11-22T23:30:00Z", "2026-11-26", "2026-11-26T23:00:00Z"),
        ]
        for (submitted, date, instant) in table {
            let filed = try file(at: submitted)
            let reply = try track(filed)
            XCTAssertEqual(reply["deadline_date"] as? String, date, submitted)
            XCTAssertEqual(reply["deadline_at"] as? String, instant, submitted)
        }
    }

    func testWhyThisDateNamesTheHolidayAndWeekend() throws {
        let reply = try track(try file(at: "2026-12-15T10:00:00Z"))
        let explanation = try XCTUnwrap(reply["deadline_explanation"] as? [String: Any])
        XCTAssertEqual(explanation["counted_days"] as? [String], ["2026-12-16", "2026-12-18", "2026-12-21"])
        XCTAssertEqual(explanation["skipped_weekend_days"] as? [String], ["2026-12-19", "2026-12-20"])
        let holidays = explanation["skipped_holidays"] as? [[String: Any]] ?? []
        XCTAssertEqual(holidays.first?["date"] as? String, "2026-12-17")
        XCTAssertFalse((holidays.first?["name"] as? String ?? "").isEmpty, "the holiday is named")
    }

    func testWhyThisDateSpeaksTheReadersLanguage() throws {
        let filed = try file(at: "2026-12-15T10:00:00Z")
        func holidayName(_ headers: [String: String], query: String = "") throws -> String? {
            let reply = try fixture.request("GET", "/api/v1/track/\(filed.reference)\(query)", headers: headers)
            let explanation = reply["deadline_explanation"] as? [String: Any]
            return (explanation?["skipped_holidays"] as? [[String: Any]])?.first?["name"] as? String
        }
        let arabic = try holidayName(["X-Tracking-Key": filed.key, "Accept-Language": "ar-TN,ar;q=0.9,fr;q=0.8"])
        let english = try holidayName(["X-Tracking-Key": filed.key], query: "?lang=en")
        let french = try holidayName(["X-Tracking-Key": filed.key, "Accept-Language": "de, fr;q=0.5"])
        XCTAssertNotNil(arabic?.unicodeScalars.first { (0x0600...0x06FF).contains($0.value) }, arabic ?? "nil")
        XCTAssertNotEqual(english, french)
        XCTAssertNotEqual(arabic, english)
    }

    func testSameDayServiceCountsFromTheFirstWorkingDayOnOrAfter() throws {
        let saturday = try track(try file(at: "2026-11-28T10:00:00Z", service: "same-day"))
        XCTAssertEqual(saturday["deadline_date"] as? String, "2026-11-30")
        let monday = try track(try file(at: "2026-11-30T08:00:00Z", service: "same-day"))
        XCTAssertEqual(monday["deadline_date"] as? String, "2026-11-30")
    }

    func testPauseAndResumeAsInTheDesignExample() throws {
        let filed = try file(at: "2026-11-23T09:00:00Z")
        try fixture.setClock("2026-11-24T10:00:00Z")
        XCTAssertEqual(try fixture.changeStatus(filed.reference, to: "awaiting_citizen").status, 200)
        let paused = try track(filed)
        XCTAssertEqual(paused["due_state"] as? String, "paused")
        try fixture.setClock("2026-12-01T10:00:00Z")
        XCTAssertEqual(try fixture.changeStatus(filed.reference, to: "in_progress").status, 200)
        let resumed = try track(filed)
        XCTAssertEqual(resumed["deadline_date"] as? String, "2026-12-03", "R = 2 counted from Tue 1 Dec")
        XCTAssertEqual(resumed["deadline_at"] as? String, "2026-12-03T23:00:00Z")
    }

    func testPauseOnTheDeadlineDayLeavesRZero() throws {
        let filed = try file(at: "2026-11-23T09:00:00Z")
        try fixture.setClock("2026-11-26T10:00:00Z")
        try fixture.changeStatus(filed.reference, to: "awaiting_citizen")
        try fixture.setClock("2026-11-28T10:00:00Z")
        try fixture.changeStatus(filed.reference, to: "in_progress")
        XCTAssertEqual(try track(filed)["deadline_date"] as? String, "2026-11-30", "R = 0: first working day on or after")
    }

    func testResolvedWhilePausedIsJudgedAsIfResumedThen() throws {
        let filed = try file(at: "2026-11-23T09:00:00Z")
        try fixture.setClock("2026-11-24T10:00:00Z")
        try fixture.changeStatus(filed.reference, to: "awaiting_citizen")
        try fixture.setClock("2026-12-01T10:00:00Z")
        XCTAssertEqual(try fixture.changeStatus(filed.reference, to: "resolved", message: "Délivré").status, 200)
        let reply = try track(filed)
        XCTAssertEqual(reply["due_state"] as? String, "met", "resumed on 1 Dec it would be due 3 Dec")
    }

    func testTheExtensionIsOnceBoundedReasonedAndForSupervisors() throws {
        let filed = try file(at: "2026-11-23T09:00:00Z")
        let agent = try fixture.signIn("tun.agent")
        let supervisor = try fixture.signIn("tun.supervisor")
        let path = "/api/v1/cases/\(filed.reference)/extension"
        XCTAssertEqual(try fixture.request("POST", path, json: ["days": 2, "reason": "Archives"], token: agent).status, 403)
        XCTAssertEqual(try fixture.request("POST", path, json: ["days": 2], token: supervisor).code, "validation_failed")
        XCTAssertEqual(try fixture.request("POST", path, json: ["days": 3, "reason": "Trop"], token: supervisor).status, 422)
        let granted = try fixture.request("POST", path, json: ["days": 2, "reason": "Archives consultées"], token: supervisor)
        XCTAssertEqual(granted.status, 200, granted.text)
        XCTAssertEqual(granted["deadline_date"] as? String, "2026-11-30", "26 Nov + 2 working days (27, 30)")
        let again = try fixture.request("POST", path, json: ["days": 1, "reason": "Encore"], token: supervisor)
        XCTAssertEqual(again.status, 409)
        XCTAssertEqual(again.code, "extension_already_used")
        let tracked = try track(filed)
        let events = tracked["timeline"] as? [[String: Any]] ?? []
        XCTAssertTrue(events.contains { $0["type"] as? String == "extended" && $0["message"] as? String == "Archives consultées" },
            "the reason is public")
    }

    func testEveryDueState() throws {
        // Filed Tue 24 Nov: due Fri 27 Nov.
        let filed = try file(at: "2026-11-24T09:00:00Z")
        XCTAssertEqual(try track(filed)["due_state"] as? String, "on_time")
        try fixture.setClock("2026-11-26T10:00:00Z")
        XCTAssertEqual(try track(filed)["due_state"] as? String, "due_soon", "the next working day is the deadline")
        try fixture.setClock("2026-11-27T10:00:00Z")
        XCTAssertEqual(try track(filed)["due_state"] as? String, "due_soon", "the deadline is today")
        try fixture.setClock("2026-11-28T10:00:00Z")
        var reply = try track(filed)
        XCTAssertEqual(reply["due_state"] as? String, "overdue")
        XCTAssertEqual(reply["days_overdue"] as? Int, 0, "a Saturday right after the deadline counts no working day")
        try fixture.setClock("2026-12-01T10:00:00Z")
        reply = try track(filed)
        XCTAssertEqual(reply["days_overdue"] as? Int, 2, "Mon 30 Nov and Tue 1 Dec")
        try fixture.changeStatus(filed.reference, to: "resolved", message: "Enfin prêt")
        XCTAssertEqual(try track(filed)["due_state"] as? String, "missed")

        let onTime = try file(at: "2026-11-24T09:00:00Z")
        try fixture.setClock("2026-11-25T09:00:00Z")
        try fixture.changeStatus(onTime.reference, to: "rejected", message: "Pièce manquante définitivement")
        XCTAssertEqual(try track(onTime)["due_state"] as? String, "met")

        let withdrawn = try file(at: "2026-11-24T09:00:00Z")
        try fixture.changeStatus(withdrawn.reference, to: "withdrawn")
        XCTAssertEqual(try track(withdrawn)["due_state"] as? String, "none")
    }

    func testAddingAHolidayMovesOpenDeadlinesWithAPublicEvent() throws {
        let filed = try file(at: "2026-11-23T09:00:00Z")
        let closed = try file(at: "2026-11-23T09:00:00Z")
        try fixture.changeStatus(closed.reference, to: "withdrawn")
        let admin = try fixture.signIn("admin")
        let added = try fixture.request(
            "POST", "/api/v1/admin/offices/TUN/holidays",
            json: ["date": "2026-11-25", "name": ["ar": "عطلة", "fr": "Jour férié exceptionnel", "en": "Exceptional holiday"]],
            token: admin)
        XCTAssertEqual(added.status, 201, added.text)
        XCTAssertGreaterThanOrEqual(added["deadlines_changed"] as? Int ?? 0, 1)
        let reply = try track(filed)
        XCTAssertEqual(reply["deadline_date"] as? String, "2026-11-27")
        let events = reply["timeline"] as? [[String: Any]] ?? []
        XCTAssertEqual(events.filter { $0["type"] as? String == "deadline_changed" }.count, 1)
        let untouched = try track(closed)
        XCTAssertFalse((untouched["timeline"] as? [[String: Any]] ?? []).contains { $0["type"] as? String == "deadline_changed" },
            "finished cases keep their deadline")
        // Removing it moves the date back, again with one public event.
        XCTAssertEqual(try fixture.request("DELETE", "/api/v1/admin/offices/TUN/holidays/2026-11-25", token: try fixture.signIn("admin")).status, 200)
        let back = try track(filed)
        XCTAssertEqual(back["deadline_date"] as? String, "2026-11-26")
        XCTAssertEqual((back["timeline"] as? [[String: Any]] ?? []).filter { $0["type"] as? String == "deadline_changed" }.count, 2)
    }
}
