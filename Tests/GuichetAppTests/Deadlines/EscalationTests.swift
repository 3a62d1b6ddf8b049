import Foundation
import TestSupport
import XCTest

/// The sweeper records one `due_soon` and one `escalated` event per case and deadline, also with
/// two server instances sweeping the same database.
final class EscalationTests: XCTestCase {
    func testTwoInstancesRecordEachEscalationOnce() throws {
        let fixture = try GuichetFixture()
        defer { fixture.stop() }
        try fixture.createService(code: "three-days", responseDays: 3)
        let second = try ServerProcess(
            databaseURL: fixture.database.url, arguments: ["--test-clock"] + GuichetFixture.relaxedLimits)
        defer { second.stop() }
        let secondFixture = GuichetFixture(attachingTo: second, database: fixture.database, accounts: fixture.accounts)

        try fixture.setClock("2026-11-23T09:00:00Z")
        var filed: [(reference: String, key: String)] = []
        for _ in 0..<5 { filed.append(try fixture.file(service: "three-days")) }

        // Both instances move to due-soon time and then past the deadline, at the same time.
        for instant in ["2026-11-25T10:00:00Z", "2026-11-25T11:00:00Z", "2026-11-27T10:00:00Z", "2026-11-30T10:00:00Z"] {
            let group = DispatchGroup()
            let errors = ConcurrentResults()
            for target in [fixture, secondFixture] {
                group.enter()
                DispatchQueue.global().async {
                    do { try Self.setClock(target, instant) } catch { errors.fail("\(error)") }
                    group.leave()
                }
            }
            group.wait()
            XCTAssertEqual(errors.failures, [])
        }
        for (reference, _) in filed {
            let view = try fixture.view(reference)
            let types = (view["timeline"] as? [[String: Any]] ?? []).compactMap { $0["type"] as? String }
            XCTAssertEqual(types.filter { $0 == "due_soon" }.count, 1, "\(reference): \(types)")
            XCTAssertEqual(types.filter { $0 == "escalated" }.count, 1, "\(reference): \(types)")
        }
        let metrics = try fixture.request("GET", "/metrics").text
        XCTAssertTrue(metrics.contains("guichet_open_cases{office=\"TUN\",due_state=\"overdue\"} 5"), metrics)
        XCTAssertTrue(metrics.contains("guichet_sweeper_runs_total"))
        XCTAssertTrue(metrics.contains("guichet_sweeper_lag_seconds"))
        XCTAssertTrue(metrics.contains("guichet_oldest_overdue_age_seconds{office=\"TUN\"}"))
    }

    /// Each instance has its own test clock, so one that jumps days ahead sweeps away (as expired)
    /// the session the other has just opened at its older time, and that instance's clock call
    /// meets a 401. With real clocks the instances agree; here the call signs in again.
    private static func setClock(_ target: GuichetFixture, _ instant: String) throws {
        for attempt in 1...5 {
            do {
                _ = try target.setClock(instant)
                return
            } catch let error as GuichetFixture.FixtureError where error.description.contains("401") && attempt < 5 {
                continue
            }
        }
    }

    func testAMovedDeadlineCanEscalateAgain() throws {
        let fixture = try GuichetFixture()
        defer { fixture.stop() }
        try fixture.createService(code: "three-days", responseDays: 3)
        try fixture.setClock("2026-11-23T09:00:00Z")
        let filed = try fixture.file(service: "three-days")
        try fixture.setClock("2026-11-27T10:00:00Z")
        try fixture.changeStatus(filed.reference, to: "awaiting_citizen")
        try fixture.setClock("2026-11-30T10:00:00Z")
        try fixture.changeStatus(filed.reference, to: "in_progress")  // R = 0: due today, 30 Nov
        try fixture.setClock("2026-12-01T10:00:00Z")
        let types = (try fixture.view(filed.reference)["timeline"] as? [[String: Any]] ?? []).compactMap {
            $0["type"] as? String
        }
        XCTAssertEqual(types.filter { $0 == "escalated" }.count, 2, "one per deadline: \(types)")
    }
}
