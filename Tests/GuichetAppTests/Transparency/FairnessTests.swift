import Foundation
import TestSupport
import XCTest

@testable import GuichetApp

/// Queue fairness: a case answered while an older case of its service still waited jumped the queue.
final class FairnessTests: XCTestCase {
    private func row(_ fixture: GuichetFixture, token: String) throws -> [String: Any] {
        let reply = try fixture.request(
            "GET", "/api/v1/reports/performance?from=2026-11-01&to=2026-11-30&group_by=service", token: token)
        XCTAssertEqual(reply.status, 200, reply.text)
        return try XCTUnwrap((reply["items"] as? [[String: Any]])?.first { $0["group"] as? String == "fair" })
    }

    func testAnsweringTheNewerCaseFirstIsOneJumpAndAnsweringTheOlderIsNone() throws {
        // Threshold 1: the public page shows even these tiny figures, so both views can be checked.
        let fixture = try GuichetFixture(
            extraArguments: ["--opendata-threshold", "1"])
        defer { fixture.stop() }
        try fixture.createService(code: "fair", responseDays: 5)
        try fixture.setClock("2026-11-23T08:00:00Z")
        let withdrawn = try fixture.file(service: "fair")
        try fixture.setClock("2026-11-23T09:00:00Z")
        let older = try fixture.file(service: "fair")
        try fixture.setClock("2026-11-23T09:05:00Z")
        let newer = try fixture.file(service: "fair")
        _ = try fixture.file(service: "birth-certificate")  // another service's queue: never counted
        try fixture.setClock("2026-11-23T09:30:00Z")
        // Withdrawn before anyone was answered: it left the queue and is not overtaken.
        XCTAssertEqual(try fixture.changeStatus(withdrawn.reference, to: "withdrawn").status, 200)
        try fixture.setClock("2026-11-23T10:00:00Z")
        XCTAssertEqual(try fixture.changeStatus(newer.reference, to: "resolved", message: "Prêt").status, 200)

        let supervisor = try fixture.signIn("tun.supervisor")
        var figures = try row(fixture, token: supervisor)
        XCTAssertEqual(figures["resolved"] as? Int, 1)
        XCTAssertEqual(figures["queue_jumps"] as? Int, 1, "B was answered while A, older, waited")
        XCTAssertEqual(figures["overtaken_cases"] as? Int, 1)
        XCTAssertEqual(figures["queue_jump_rate"] as? Double, 1)
        let stats = try fixture.request("GET", "/api/v1/stats/TUN")
        XCTAssertEqual(stats.status, 200, stats.text)
        let service = (stats["services"] as? [[String: Any]])?.first { $0["service"] as? String == "fair" }
        let fairness = service?["fairness"] as? [String: Any]
        XCTAssertEqual(fairness?["queue_jumps"] as? Int, 1, stats.text)
        XCTAssertEqual(fairness?["overtaken_cases"] as? Int, 1)

        try fixture.setClock("2026-11-23T11:00:00Z")
        XCTAssertEqual(try fixture.changeStatus(older.reference, to: "resolved", message: "Prêt").status, 200)
        figures = try row(fixture, token: supervisor)
        XCTAssertEqual(figures["resolved"] as? Int, 2)
        XCTAssertEqual(figures["queue_jumps"] as? Int, 1, "A overtook no one: nothing older waited")
        XCTAssertEqual(figures["overtaken_cases"] as? Int, 1)
        XCTAssertEqual(figures["queue_jump_rate"] as? Double, 0.5)
        let department = try fixture.request(
            "GET", "/api/v1/reports/performance?from=2026-11-01&to=2026-11-30&group_by=department", token: supervisor)
        let civil = (department["items"] as? [[String: Any]])?.first { $0["group"] as? String == "etat-civil" }
        XCTAssertEqual(civil?["queue_jumps"] as? Int, 1, "the same jump, grouped by the answered case's department")
    }

    func testTheDefinitionOnHandMadeQueues() {
        let t0 = Date(timeIntervalSince1970: 0)
        func at(_ minutes: Double) -> Date { t0.addingTimeInterval(minutes * 60) }
        let entries = [
            // Entered together: neither overtakes the other.
            QueueFairness.Entry(reference: "a", entered: at(0), answered: at(10), left: at(10)),
            QueueFairness.Entry(reference: "b", entered: at(0), answered: at(5), left: at(5)),
            // Answered at 20 while c (still open) and nothing else older waited.
            QueueFairness.Entry(reference: "c", entered: at(1), answered: nil, left: nil),
            QueueFairness.Entry(reference: "d", entered: at(2), answered: at(20), left: at(20)),
            // Left at exactly e's answer: not overtaken (strictly after).
            QueueFairness.Entry(reference: "w", entered: at(3), answered: nil, left: at(30)),
            QueueFairness.Entry(reference: "e", entered: at(4), answered: at(30), left: at(30)),
        ]
        let result = QueueFairness.overtaken(entries)
        XCTAssertEqual(result["a"], 0)
        XCTAssertEqual(result["b"], 0)
        XCTAssertEqual(result["d"], 1, "c waited")
        XCTAssertEqual(result["e"], 1, "c waited; w had left at that instant")
        XCTAssertNil(result["c"], "open cases have no figure")
    }
}
