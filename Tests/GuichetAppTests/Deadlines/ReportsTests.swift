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
        XCTAssertEqual(csv.header("Content-Disposition"), "attachment; filename=\"overdue.csv\"")
        XCTAssertEqual(csv.header("Cache-Control"), "no-store")
        // A short export is spooled and sent whole; long ones stream (KeepAliveTests, the server's own).
        XCTAssertEqual(csv.header("Content-Length"), String(csv.body.count), "sent whole")
        let lines = csv.text.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "reference,office,service,department,assignee,status,received_at,deadline_date,deadline_at,days_overdue")
        XCTAssertEqual(lines.count, 3)
        XCTAssertTrue(lines[1].hasPrefix(older.reference + ",TUN,one-day,etat-civil,,received,"), lines[1])
        XCTAssertTrue(lines[1].hasSuffix(",2026-11-24,2026-11-24T23:00:00Z,4"), lines[1])
        // JSON is written from the rows' text, CSV from decoded values: every field agrees, on the
        // streamed path (no limit) and on the one-result page (a limit).
        let page = try fixture.request("GET", "/api/v1/reports/overdue?limit=10", token: supervisor)
        XCTAssertEqual(page.status, 200, page.text)
        XCTAssertEqual(page.header("Content-Length"), String(page.body.count))
        let pageItems = page["items"] as? [[String: Any]] ?? []
        XCTAssertEqual(pageItems as NSArray, items as NSArray, "a page and the stream write the same objects")
        let fields = [
            "reference", "office", "service", "department", "assignee", "status", "received_at", "deadline_date",
            "deadline_at", "days_overdue",
        ]
        XCTAssertEqual(items.first?.keys.sorted(), fields.sorted())
        let fromJSON = items.map { item in
            fields.map { field in item[field].map { $0 is NSNull ? "" : "\($0)" } ?? "?" }.joined(separator: ",")
        }
        XCTAssertEqual(fromJSON, Array(lines.dropFirst()))
        XCTAssertTrue(fromJSON.allSatisfy { $0.range(of: #",20\d\d-\d\d-\d\dT\d\d:\d\d:\d\dZ,"#, options: .regularExpression) != nil })

        let agent = try fixture.signIn("tun.agent")
        XCTAssertEqual(try fixture.request("GET", "/api/v1/reports/overdue", token: agent).status, 403)
        let other = try fixture.signIn("tet.supervisor")
        let otherReport = try fixture.request("GET", "/api/v1/reports/overdue", token: other)
        XCTAssertEqual((otherReport["items"] as? [[String: Any]])?.count, 0, "another office's cases never show")
        XCTAssertEqual(try fixture.request("GET", "/api/v1/reports/overdue?office=TUN", token: other).status, 404)
        XCTAssertEqual(try fixture.request("GET", "/api/v1/reports/overdue?format=xml", token: supervisor).status, 422)
    }

    /// A dashboard's first page is answered on the event loop when it can be (`ReportsAPI.startOverdue`):
    /// byte for byte what a worker sends, and everything unusual still goes to a worker.
    func testTheEventLoopSendsTheWorkersFirstPage() throws {
        let fixture = try GuichetFixture()
        defer { fixture.stop() }
        try fixture.createService(code: "one-day", responseDays: 1)
        try fixture.setClock("2026-11-23T09:00:00Z")
        for _ in 0..<3 { _ = try fixture.file(service: "one-day") }
        try fixture.setClock("2026-11-30T10:00:00Z")
        let supervisor = try fixture.signIn("tun.supervisor")
        let admin = try fixture.signIn("admin")
        let path = "/api/v1/reports/overdue?limit=50"
        // Read first: /metrics itself loads calendars (for the due-state gauges).
        let before = try evented(fixture)
        // An office change drops this instance's calendar: the loop cannot settle the next page
        // alone and declines it to a worker, which loads the calendar again.
        XCTAssertEqual(
            try fixture.request("PATCH", "/api/v1/admin/offices/TUN", json: ["petition_threshold": 500], token: admin).status,
            200)
        let byWorker = try fixture.request("GET", path, token: supervisor)
        XCTAssertEqual(byWorker.status, 200, byWorker.text)
        XCTAssertEqual(try evented(fixture).declined, before.declined + 1)
        // Calendar in memory, both statements prepared on the connection just given back: on the loop.
        let onLoop = try fixture.request("GET", path, token: supervisor)
        XCTAssertEqual(try evented(fixture).answered, before.answered + 1)
        XCTAssertEqual(onLoop.status, 200)
        XCTAssertEqual(onLoop.body, byWorker.body)
        XCTAssertEqual((onLoop["items"] as? [[String: Any]])?.count, 3)
        for name in [
            "Content-Type", "Content-Length", "Cache-Control", "Referrer-Policy", "Content-Security-Policy",
            "X-Content-Type-Options",
        ] {
            XCTAssertEqual(onLoop.header(name), byWorker.header(name), name)
        }
        // Refusals are the worker's to make, with its problem documents.
        let agent = try fixture.signIn("tun.agent")
        XCTAssertEqual(try fixture.request("GET", path, token: agent).status, 403)
        XCTAssertEqual(try fixture.request("GET", path).status, 401)
        XCTAssertEqual(try fixture.request("GET", path, token: String(repeating: "A", count: 43)).status, 401)
        XCTAssertEqual(try fixture.request("GET", path + "&office=TET", token: supervisor).status, 404)
        XCTAssertEqual(try fixture.request("GET", path + "&format=csv", token: supervisor).status, 200)
        let after = try evented(fixture)
        XCTAssertEqual(after.answered, before.answered + 1, "none of those was answered on the loop")
        XCTAssertEqual(after.declined, before.declined + 6)
    }

    /// The department counts go the same way (`ReportsAPI.startDepartments`): the loop's bytes
    /// are the worker's, and refusals are the worker's to make.
    func testTheEventLoopSendsTheWorkersDepartmentCounts() throws {
        let fixture = try GuichetFixture()
        defer { fixture.stop() }
        try fixture.createService(code: "one-day", responseDays: 1)
        try fixture.setClock("2026-11-23T09:00:00Z")
        for _ in 0..<3 { _ = try fixture.file(service: "one-day") }
        _ = try fixture.file(service: "building-permit")
        try fixture.setClock("2026-11-30T10:00:00Z")
        let supervisor = try fixture.signIn("tun.supervisor")
        let admin = try fixture.signIn("admin")
        let path = "/api/v1/reports/departments"
        let route = "/api/v1/reports/departments"
        let before = try evented(fixture, route: route)
        XCTAssertEqual(
            try fixture.request("PATCH", "/api/v1/admin/offices/TUN", json: ["petition_threshold": 500], token: admin).status,
            200)
        let byWorker = try fixture.request("GET", path, token: supervisor)
        XCTAssertEqual(byWorker.status, 200, byWorker.text)
        XCTAssertEqual(try evented(fixture, route: route).declined, before.declined + 1)
        let onLoop = try fixture.request("GET", path, token: supervisor)
        XCTAssertEqual(try evented(fixture, route: route).answered, before.answered + 1)
        XCTAssertEqual(onLoop.status, 200)
        XCTAssertEqual(onLoop.body, byWorker.body)
        let items = onLoop["items"] as? [[String: Any]] ?? []
        XCTAssertEqual(Set(items.compactMap { $0["office"] as? String }), ["TUN"])
        XCTAssertEqual(items.map { $0["overdue"] as? Int ?? 0 }.reduce(0, +), 3)
        for name in ["Content-Type", "Content-Length", "Referrer-Policy", "Content-Security-Policy"] {
            XCTAssertEqual(onLoop.header(name), byWorker.header(name), name)
        }
        // An administrator sees every office, by the same statement: the session check is in it
        // (the reports read the primary), so the loop answers at once, as the worker would.
        let allOnLoop = try fixture.request("GET", path, token: admin)
        XCTAssertEqual(try evented(fixture, route: route).answered, before.answered + 2)
        XCTAssertEqual(allOnLoop.status, 200)
        XCTAssertEqual(
            try fixture.request("PATCH", "/api/v1/admin/offices/TUN", json: ["petition_threshold": 400], token: admin).status,
            200)
        let allByWorker = try fixture.request("GET", path, token: admin)
        XCTAssertEqual(try evented(fixture, route: route).declined, before.declined + 2)
        XCTAssertEqual(allOnLoop.body, allByWorker.body)
        // An office asked for, another statement: the administrator's first, by a worker, prepares
        // it; the supervisor's own office is then answered on the loop.
        let askedByWorker = try fixture.request("GET", path + "?office=TUN", token: admin)
        XCTAssertEqual(askedByWorker.body, byWorker.body)
        XCTAssertEqual(try fixture.request("GET", path + "?office=TUN", token: supervisor).body, byWorker.body)
        XCTAssertEqual(try evented(fixture, route: route).answered, before.answered + 3)
        let agent = try fixture.signIn("tun.agent")
        XCTAssertEqual(try fixture.request("GET", path, token: agent).status, 403)
        XCTAssertEqual(try fixture.request("GET", path).status, 401)
        XCTAssertEqual(try fixture.request("GET", path, token: String(repeating: "A", count: 43)).status, 401)
        XCTAssertEqual(try fixture.request("GET", path + "?office=TET", token: supervisor).status, 404)
        let after = try evented(fixture, route: route)
        XCTAssertEqual(after.answered, before.answered + 3, "none of the refusals was answered on the loop")
        XCTAssertEqual(after.declined, before.declined + 7)
    }

    /// A route's fast-path outcomes so far, from `/metrics`.
    private func evented(_ fixture: GuichetFixture, route: String = "/api/v1/reports/overdue") throws -> (
        answered: Int, declined: Int
    ) {
        let text = try fixture.request("GET", "/metrics").text
        func count(_ outcome: String) -> Int {
            let prefix = "guichet_http_evented_total{route=\"\(route)\",outcome=\"\(outcome)\"} "
            return text.split(separator: "\n").first { $0.hasPrefix(prefix) }.flatMap { Int($0.dropFirst(prefix.count)) } ?? 0
        }
        return (count("answered"), count("declined"))
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

    /// The department counts come from a tally of deltas (Migrations/0008) kept by triggers and
    /// folded by the sweeper; after filings, answers, pauses, reassignment, an extension, a holiday
    /// that moves deadlines and a withdrawal, they must equal counting the open cases directly.
    func testDepartmentCountsFromTheTallyEqualCountingTheCases() throws {
        let fixture = try GuichetFixture()
        defer { fixture.stop() }
        try fixture.createService(code: "three-days", responseDays: 3)
        try fixture.createService(code: "one-day", responseDays: 1)
        try fixture.setClock("2026-11-23T09:00:00Z")
        var filed = try (0..<4).map { _ in try fixture.file(service: "three-days") }
        filed += try (0..<3).map { _ in try fixture.file(service: "one-day") }
        filed += try (0..<2).map { _ in try fixture.file(service: "building-permit") }
        try fixture.setClock("2026-11-24T10:00:00Z")
        var supervisor = try fixture.signIn("tun.supervisor")
        let admin = try fixture.signIn("admin")
        try fixture.changeStatus(filed[0].reference, to: "resolved", message: "Prêt")
        try fixture.changeStatus(filed[1].reference, to: "awaiting_citizen")
        try fixture.changeStatus(filed[2].reference, to: "in_progress")
        try fixture.changeStatus(filed[8].reference, to: "withdrawn")
        XCTAssertEqual(
            try fixture.request(
                "POST", "/api/v1/cases/\(filed[3].reference)/assign", json: ["department": "urbanisme"],
                token: supervisor
            ).status, 200)
        XCTAssertEqual(
            try fixture.request(
                "POST", "/api/v1/cases/\(filed[4].reference)/extension", json: ["days": 2, "reason": "Archives"],
                token: supervisor
            ).status, 200)
        XCTAssertEqual(
            try fixture.request(
                "POST", "/api/v1/admin/offices/TUN/holidays", json: ["date": "2026-11-26", "name": "Test"], token: admin
            ).status, 201)
        // Wednesday 25 Nov, 10:00 UTC in Tunis: the next working day is Friday 27 (Thursday is now a holiday).
        try fixture.setClock("2026-11-25T10:00:00Z")
        let now = "2026-11-25T10:00:00Z"
        let horizon = "2026-11-27T23:00:00Z"
        supervisor = try fixture.signIn("tun.supervisor")

        let reply = try fixture.request("GET", "/api/v1/reports/departments", token: supervisor)
        XCTAssertEqual(reply.status, 200, reply.text)
        let offices = Set((reply["items"] as? [[String: Any]] ?? []).compactMap { $0["office"] as? String })
        XCTAssertEqual(offices, ["TUN"], "a supervisor sees their own office only")
        let freshAdmin = try fixture.signIn("admin")  // the first session expired as the clock moved
        let all = try fixture.request("GET", "/api/v1/reports/departments", token: freshAdmin)
        let everyOffice = Set((all["items"] as? [[String: Any]] ?? []).compactMap { $0["office"] as? String })
        let withOpenCases = try fixture.database.connect().query(
            "SELECT DISTINCT office FROM cases WHERE status IN ('received', 'in_progress', 'awaiting_citizen')"
        ).map { try $0.decode(String.self, column: "office") }
        XCTAssertEqual(everyOffice, Set(withOpenCases), "an administrator sees every office with open cases")
        let unknown = try fixture.request("GET", "/api/v1/reports/departments?office=NOPE", token: freshAdmin)
        XCTAssertEqual((unknown["items"] as? [Any])?.count, 0)
        var reported: [String: [Int]] = [:]
        for item in reply["items"] as? [[String: Any]] ?? [] where item["office"] as? String == "TUN" {
            let department = item["department"] as? String ?? ""
            reported[department] = ["open", "paused", "overdue", "due_soon"].map { item[$0] as? Int ?? -1 }
        }
        let connection = try fixture.database.connect()
        var counted: [String: [Int]] = [:]
        for row in try connection.query(
            """
            SELECT department, count(*)::int AS open, count(*) FILTER (WHERE paused)::int AS paused,
                   count(*) FILTER (WHERE NOT paused AND deadline_at <= \(now)::timestamptz)::int AS overdue,
                   count(*) FILTER (WHERE NOT paused AND deadline_at > \(now)::timestamptz
                                      AND deadline_at <= \(horizon)::timestamptz)::int AS due_soon
              FROM cases WHERE office = 'TUN' AND status IN ('received', 'in_progress', 'awaiting_citizen')
             GROUP BY department
            """)
        {
            counted[try row.decode(String.self, column: "department")] = try ["open", "paused", "overdue", "due_soon"].map {
                try row.decode(Int.self, column: $0)
            }
        }
        XCTAssertEqual(reported, counted)
        XCTAssertEqual(counted.values.reduce(0) { $0 + $1[0] }, 7, "nine filed, one resolved, one withdrawn")
        XCTAssertGreaterThan(counted.values.reduce(0) { $0 + $1[2] }, 0, "some overdue")
        XCTAssertGreaterThan(counted.values.reduce(0) { $0 + $1[3] }, 0, "some due soon")
        XCTAssertEqual(counted["etat-civil"]?[1], 1, "one paused")

        // Setting the clock ran the sweeper, which folded the deltas: one row per bucket, none zero.
        let buckets = try connection.query(
            """
            SELECT count(*)::int AS n, count(DISTINCT (office, department, paused, deadline_at))::int AS distinct_buckets,
                   count(*) FILTER (WHERE cases = 0)::int AS zeros
              FROM open_case_tally
            """)
        XCTAssertEqual(try buckets[0].decode(Int.self, column: "n"), try buckets[0].decode(Int.self, column: "distinct_buckets"))
        XCTAssertEqual(try buckets[0].decode(Int.self, column: "zeros"), 0)
    }
}
