import Foundation
import XCTest

@testable import GuichetCore

/// Properties that hold for every calendar, checked over thousands of seeded random calendars and dates.
final class DeadlinePropertyTests: XCTestCase {
    private let zones = ["Africa/Tunis", "Africa/Casablanca", "Asia/Riyadh", "Europe/Paris", "America/Havana", "UTC"]

    private func randomCalendar(_ random: inout SeededGenerator) -> WorkingCalendar {
        var weekend = Set<Weekday>()
        for weekday in Weekday.allCases where Int.random(in: 0..<3, using: &random) == 0 { weekend.insert(weekday) }
        if weekend.count == 7 { weekend.remove(.wednesday) }
        var holidays: [String: String] = [:]
        let base = day("2026-01-01")
        for _ in 0..<Int.random(in: 0..<40, using: &random) {
            // Runs of 1–5 consecutive holidays.
            let first = base.adding(days: Int.random(in: 0..<730, using: &random))
            for offset in 0..<Int.random(in: 1...5, using: &random) {
                holidays[first.adding(days: offset).description] = "H"
            }
        }
        return makeCalendar(
            zone: zones[Int.random(in: 0..<zones.count, using: &random)], weekend: weekend, holidays: holidays)
    }

    func testDeadlinesAreWorkingDaysStrictlyLaterAndMonotone() {
        var random = SeededGenerator(seed: 2026)
        for _ in 0..<3000 {
            let calendar = randomCalendar(&random)
            let start = day("2026-01-01").adding(days: Int.random(in: 0..<600, using: &random))
            var previous = calendar.nthWorkingDay(after: start, n: 0)
            XCTAssertTrue(calendar.isWorkingDay(previous))
            XCTAssertGreaterThanOrEqual(previous, start)
            for n in 1...12 {
                let deadline = calendar.nthWorkingDay(after: start, n: n)
                // N = 0 and N = 1 meet when the start itself is closed; from then on each N adds a day.
                guard calendar.isWorkingDay(deadline), deadline > start,
                    n == 1 ? deadline >= previous : deadline > previous,
                    calendar.workingDays(after: start, through: deadline) == n,
                    calendar.walk(after: start, n: n).end == deadline
                else {
                    return XCTFail(
                        "n \(n) from \(start): \(deadline) prev \(previous) count \(calendar.workingDays(after: start, through: deadline)) walk \(calendar.walk(after: start, n: n).end) \(calendar.weekendDays) \(calendar.holidays.keys.filter { $0 > start && $0 <= deadline }.sorted())"
                    )
                }
                previous = deadline
            }
        }
    }

    /// Pausing and resuming the same day changes nothing; resuming later never moves the deadline earlier,
    /// and the resumed deadline leaves exactly R working days after the resume date.
    func testPauseResumeProperties() throws {
        var random = SeededGenerator(seed: 99)
        for _ in 0..<2000 {
            let calendar = randomCalendar(&random)
            let delay = try ServiceDelay(responseDays: Int.random(in: 0...10, using: &random), extensionDays: 0)
            let calculator = DeadlineCalculator(calendar: calendar, delay: delay)
            let submitted = instant("2026-01-01T00:00:00Z").addingTimeInterval(
                Double(Int.random(in: 0..<40_000_000, using: &random)))
            let pausedAt = submitted.addingTimeInterval(Double(Int.random(in: 0..<2_000_000, using: &random)))
            let resumedAt = pausedAt.addingTimeInterval(Double(Int.random(in: 0..<3_000_000, using: &random)))
            let original = try calculator.state(of: CaseTimeline([.submitted(at: submitted)]))
            let paused = try calculator.state(
                of: CaseTimeline([
                    .submitted(at: submitted), .statusChanged(from: .received, to: .awaitingCitizen, at: pausedAt),
                ]))
            let resumed = try calculator.state(
                of: CaseTimeline([
                    .submitted(at: submitted), .statusChanged(from: .received, to: .awaitingCitizen, at: pausedAt),
                    .statusChanged(from: .awaitingCitizen, to: .inProgress, at: resumedAt),
                ]))
            let remaining = try XCTUnwrap(paused.remainingWorkingDays)
            let deadline = try XCTUnwrap(resumed.deadlineDate)
            let originalDeadline = try XCTUnwrap(original.deadlineDate)
            let resumeDay = calendar.localDate(of: resumedAt)
            XCTAssertTrue(calendar.isWorkingDay(deadline))
            XCTAssertGreaterThanOrEqual(deadline, resumeDay)
            if remaining > 0 { XCTAssertEqual(calendar.workingDays(after: resumeDay, through: deadline), remaining) }
            if calendar.localDate(of: pausedAt) == resumeDay, calendar.localDate(of: pausedAt) < originalDeadline {
                XCTAssertEqual(deadline, originalDeadline, "same-day pause and resume")
            }
            if originalDeadline >= resumeDay { XCTAssertGreaterThanOrEqual(deadline, originalDeadline) }
        }
    }
}
