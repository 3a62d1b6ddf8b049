import Foundation
import XCTest

@testable import GuichetCore

final class DeadlineCalculatorTests: XCTestCase {
    private func evaluate(
        _ events: [DeadlineEvent], calculator: DeadlineCalculator = makeCalculator(),
        file: StaticString = #filePath, line: UInt = #line
    ) -> DeadlineEvaluation? {
        do {
            return try calculator.evaluate(makeTimeline(events, file: file, line: line))
        } catch {
            XCTFail("evaluation refused: \(error)", file: file, line: line)
            return nil
        }
    }

    /// DESIGN.md's five worked examples: Africa/Tunis, weekend Sat+Sun, holiday 2026-12-17, N = 3.
    func testTheFiveWorkedExamples() {
        let examples: [(submitted: String, local: String, deadline: String, deadlineAt: String)] = [
            ("2026-11-23T09:00:00Z", "2026-11-23", "2026-11-26", "2026-11-26T23:00:00Z"),
            ("2026-11-27T15:00:00Z", "2026-11-27", "2026-12-02", "2026-12-02T23:00:00Z"),
            ("2026-11-28T10:00:00Z", "2026-11-28", "2026-12-02", "2026-12-02T23:00:00Z"),
            ("2026-12-15T10:00:00Z", "2026-12-15", "2026-12-21", "2026-12-21T23:00:00Z"),
            ("2026-11-22T23:30:00Z", "2026-11-23", "2026-11-26", "2026-11-26T23:00:00Z"),
        ]
        let calculator = makeCalculator()
        for example in examples {
            guard let result = evaluate([.submitted(at: instant(example.submitted))]) else { continue }
            XCTAssertEqual(result.state.startDate, day(example.local), example.submitted)
            XCTAssertEqual(result.state.deadlineDate, day(example.deadline), example.submitted)
            XCTAssertEqual(result.state.deadlineAt.map(rfc3339), example.deadlineAt, example.submitted)
            XCTAssertEqual(calculator.initialDeadline(from: instant(example.submitted)), day(example.deadline))
            XCTAssertFalse(result.state.paused)
        }
    }

    /// DESIGN.md's pause example: deadline 26 Nov, paused Tue 24 (R = 2), resumed Tue 1 Dec → 3 Dec.
    func testThePauseExample() {
        let submitted = instant("2026-11-23T09:00:00Z")
        let paused = instant("2026-11-24T10:00:00Z")
        let resumed = instant("2026-12-01T10:00:00Z")
        guard
            let during = evaluate([
                .submitted(at: submitted), .statusChanged(from: .received, to: .awaitingCitizen, at: paused),
            ])
        else { return }
        XCTAssertTrue(during.state.paused)
        XCTAssertEqual(during.state.remainingWorkingDays, 2)
        XCTAssertNil(during.state.deadlineDate)
        XCTAssertEqual(makeCalculator().deadlineIfResumed(during.state, at: resumed), day("2026-12-03"))

        guard
            let after = evaluate([
                .submitted(at: submitted), .statusChanged(from: .received, to: .awaitingCitizen, at: paused),
                .statusChanged(from: .awaitingCitizen, to: .inProgress, at: resumed),
            ])
        else { return }
        XCTAssertFalse(after.state.paused)
        XCTAssertNil(after.state.remainingWorkingDays)
        XCTAssertEqual(after.state.deadlineDate, day("2026-12-03"))
        XCTAssertEqual(after.state.deadlineAt.map(rfc3339), "2026-12-03T23:00:00Z")
        XCTAssertEqual(after.explanation.countedDays, [day("2026-11-24"), day("2026-12-02"), day("2026-12-03")])
        XCTAssertEqual(
            after.explanation.pauses,
            [.init(pausedOn: day("2026-11-24"), resumedOn: day("2026-12-01"), remainingWorkingDays: 2)])
    }

    func testFridaySaturdayWeekend() {
        let calendar = makeCalendar(zone: "Asia/Riyadh", weekend: [.friday, .saturday])
        let result = evaluate(
            [.submitted(at: instant("2026-11-26T09:00:00Z"))], calculator: makeCalculator(calendar: calendar))
        // Thu 26 → Sun 29, Mon 30, Tue 1; Riyadh is UTC+3, so the day ends at 21:00Z.
        XCTAssertEqual(result?.state.deadlineDate, day("2026-12-01"))
        XCTAssertEqual(result?.state.deadlineAt.map(rfc3339), "2026-12-01T21:00:00Z")
        XCTAssertEqual(result?.explanation.skippedWeekendDays, [day("2026-11-27"), day("2026-11-28")])
    }

    func testHolidaysNextToAWeekend() {
        let calendar = makeCalendar(holidays: ["2026-11-27": "Friday holiday", "2026-11-30": "Monday holiday"])
        let result = evaluate(
            [.submitted(at: instant("2026-11-26T09:00:00Z"))],
            calculator: makeCalculator(calendar: calendar, responseDays: 1))
        XCTAssertEqual(result?.state.deadlineDate, day("2026-12-01"))
        XCTAssertEqual(result?.explanation.skippedHolidays.map(\.name), ["Friday holiday", "Monday holiday"])
        XCTAssertEqual(result?.explanation.skippedWeekendDays, [day("2026-11-28"), day("2026-11-29")])
    }

    func testARunOfHolidays() {
        let calendar = makeCalendar(holidays: ["2026-05-26": "Aïd 1", "2026-05-27": "Aïd 2", "2026-05-28": "Aïd 3"])
        let result = evaluate(
            [.submitted(at: instant("2026-05-25T09:00:00Z"))],
            calculator: makeCalculator(calendar: calendar, responseDays: 2))
        // Tue–Thu holidays, Fri 29 counted, weekend, Mon 1 June.
        XCTAssertEqual(result?.state.deadlineDate, day("2026-06-01"))
        XCTAssertEqual(result?.explanation.countedDays, [day("2026-05-29"), day("2026-06-01")])
    }

    func testYearBoundary() {
        let calendar = makeCalendar(holidays: ["2027-01-01": "Jour de l'an"])
        let result = evaluate(
            [.submitted(at: instant("2026-12-30T14:00:00Z"))],
            calculator: makeCalculator(calendar: calendar, responseDays: 2))
        XCTAssertEqual(result?.state.deadlineDate, day("2027-01-04"))
        XCTAssertEqual(result?.state.deadlineAt.map(rfc3339), "2027-01-04T23:00:00Z")
    }

    func testJustBeforeAndAfterLocalMidnight() {
        let before = evaluate([.submitted(at: instant("2026-11-23T22:59:59Z"))])
        let after = evaluate([.submitted(at: instant("2026-11-23T23:00:00Z"))])
        XCTAssertEqual(before?.state.startDate, day("2026-11-23"))
        XCTAssertEqual(before?.state.deadlineDate, day("2026-11-26"))
        XCTAssertEqual(after?.state.startDate, day("2026-11-24"))
        XCTAssertEqual(after?.state.deadlineDate, day("2026-11-27"))
    }

    func testSameDayService() {
        let calculator = makeCalculator(responseDays: 0)
        XCTAssertEqual(
            evaluate([.submitted(at: instant("2026-11-23T09:00:00Z"))], calculator: calculator)?.state.deadlineDate,
            day("2026-11-23"))
        XCTAssertEqual(
            evaluate([.submitted(at: instant("2026-11-28T09:00:00Z"))], calculator: calculator)?.state.deadlineDate,
            day("2026-11-30"))
    }

    /// Morocco: UTC+1, but UTC+0 during Ramadan (2026-02-15 → 2026-03-22 in this tzdata).
    func testCasablancaAcrossRamadan() {
        let calendar = makeCalendar(zone: "Africa/Casablanca")
        let calculator = makeCalculator(calendar: calendar)
        // During Ramadan 23:30Z is still Monday 2 March locally; the deadline day ends at 00:00Z.
        let ramadan = evaluate([.submitted(at: instant("2026-03-02T23:30:00Z"))], calculator: calculator)
        XCTAssertEqual(ramadan?.state.startDate, day("2026-03-02"))
        XCTAssertEqual(ramadan?.state.deadlineDate, day("2026-03-05"))
        XCTAssertEqual(ramadan?.state.deadlineAt.map(rfc3339), "2026-03-06T00:00:00Z")
        // Outside Ramadan the same wall-clock instant is already Tuesday.
        let april = evaluate([.submitted(at: instant("2026-04-06T23:30:00Z"))], calculator: calculator)
        XCTAssertEqual(april?.state.startDate, day("2026-04-07"))
        XCTAssertEqual(april?.state.deadlineAt.map(rfc3339), "2026-04-10T23:00:00Z")
        // Submitted in Ramadan, due after the change back to UTC+1.
        let across = evaluate([.submitted(at: instant("2026-03-19T10:00:00Z"))], calculator: calculator)
        XCTAssertEqual(across?.state.deadlineDate, day("2026-03-24"))
        XCTAssertEqual(across?.state.deadlineAt.map(rfc3339), "2026-03-24T23:00:00Z")
    }

    func testPauseWithNothingLeft() {
        let submitted = instant("2026-11-23T09:00:00Z")
        // Paused on the deadline day itself: R = 0.
        let onDeadline = [
            DeadlineEvent.submitted(at: submitted),
            .statusChanged(from: .received, to: .awaitingCitizen, at: instant("2026-11-26T10:00:00Z")),
        ]
        XCTAssertEqual(evaluate(onDeadline)?.state.remainingWorkingDays, 0)
        // Resumed on a Saturday: the first working day on or after it.
        let saturday = evaluate(
            onDeadline + [.statusChanged(from: .awaitingCitizen, to: .inProgress, at: instant("2026-11-28T10:00:00Z"))])
        XCTAssertEqual(saturday?.state.deadlineDate, day("2026-11-30"))
        // Resumed on a working day: that very day.
        let monday = evaluate(
            onDeadline + [.statusChanged(from: .awaitingCitizen, to: .inProgress, at: instant("2026-12-01T10:00:00Z"))])
        XCTAssertEqual(monday?.state.deadlineDate, day("2026-12-01"))
        // Paused when already overdue: R = 0 too.
        let overdue = evaluate([
            .submitted(at: submitted),
            .statusChanged(from: .received, to: .awaitingCitizen, at: instant("2026-12-08T10:00:00Z")),
        ])
        XCTAssertEqual(overdue?.state.remainingWorkingDays, 0)
    }

    func testResolvedWhilePausedIsJudgedAsIfResumedThen() {
        let events: [DeadlineEvent] = [
            .submitted(at: instant("2026-11-23T09:00:00Z")),
            .statusChanged(from: .received, to: .awaitingCitizen, at: instant("2026-11-24T10:00:00Z")),
            .statusChanged(from: .awaitingCitizen, to: .resolved, at: instant("2026-12-01T10:00:00Z")),
        ]
        let state = evaluate(events)?.state
        XCTAssertEqual(state?.judgedDeadlineDate, day("2026-12-03"))
        XCTAssertEqual(state?.deadlineDate, day("2026-12-03"))
        XCTAssertEqual(state?.answeredAt, instant("2026-12-01T10:00:00Z"))
        XCTAssertEqual(state?.wasMet, true)
        XCTAssertFalse(state?.paused ?? true)
    }

    func testSeveralPauses() {
        let events: [DeadlineEvent] = [
            .submitted(at: instant("2026-11-23T09:00:00Z")),  // deadline 26
            .statusChanged(from: .received, to: .awaitingCitizen, at: instant("2026-11-24T10:00:00Z")),  // R = 2
            .statusChanged(from: .awaitingCitizen, to: .inProgress, at: instant("2026-12-01T10:00:00Z")),  // → 3 Dec
            .statusChanged(from: .inProgress, to: .awaitingCitizen, at: instant("2026-12-02T10:00:00Z")),  // R = 1
            .statusChanged(from: .awaitingCitizen, to: .inProgress, at: instant("2026-12-16T10:00:00Z")),  // 17 holiday → 18
        ]
        let result = evaluate(events)
        XCTAssertEqual(result?.state.deadlineDate, day("2026-12-18"))
        XCTAssertEqual(result?.explanation.pauses.map(\.remainingWorkingDays), [2, 1])
        XCTAssertEqual(result?.explanation.countedDays, [day("2026-11-24"), day("2026-12-02"), day("2026-12-18")])
        XCTAssertEqual(result?.explanation.skippedHolidays.map(\.date), [day("2026-12-17")])
    }

    func testExtensionIsBoundedAndOnce() throws {
        let submitted = DeadlineEvent.submitted(at: instant("2026-11-23T09:00:00Z"))
        let calculator = makeCalculator(extensionDays: 5)
        let extended = evaluate(
            [submitted, .extended(days: 2, reason: "Avis technique", at: instant("2026-11-25T10:00:00Z"))],
            calculator: calculator)
        // From Thu 26 by two working days: Fri 27, Mon 30.
        XCTAssertEqual(extended?.state.deadlineDate, day("2026-11-30"))
        XCTAssertEqual(extended?.state.extensionUsed, true)
        XCTAssertEqual(extended?.explanation.extension?.previousDeadlineDate, day("2026-11-26"))
        XCTAssertEqual(extended?.explanation.extension?.reason, "Avis technique")
        let atLimit = evaluate([submitted, .extended(days: 5, reason: "r", at: instant("2026-11-25T10:00:00Z"))])
        XCTAssertEqual(atLimit?.state.deadlineDate, day("2026-12-03"))

        let at = instant("2026-11-25T10:00:00Z")
        let refused: [(String, [DeadlineEvent], DeadlineError)] = [
            (
                "over the limit", [submitted, .extended(days: 6, reason: "r", at: at)],
                .extensionOutOfRange(index: 1, days: 6, limit: 5)
            ),
            (
                "zero days", [submitted, .extended(days: 0, reason: "r", at: at)],
                .extensionOutOfRange(index: 1, days: 0, limit: 5)
            ),
            (
                "twice", [submitted, .extended(days: 1, reason: "r", at: at), .extended(days: 1, reason: "r", at: at)],
                .extensionAlreadyUsed(index: 2)
            ),
            (
                "after the answer",
                [
                    submitted, .statusChanged(from: .received, to: .resolved, at: at),
                    .extended(days: 1, reason: "r", at: at),
                ],
                .extensionNotOpen(index: 2, status: .resolved)
            ),
        ]
        for (label, events, expected) in refused {
            XCTAssertThrowsError(try calculator.evaluate(makeTimeline(events)), label) {
                XCTAssertEqual($0 as? DeadlineError, expected, label)
            }
        }
        let noExtension = makeCalculator(extensionDays: 0)
        XCTAssertThrowsError(
            try noExtension.evaluate(makeTimeline([submitted, .extended(days: 1, reason: "r", at: at)])))

        let state = try XCTUnwrap(extended?.state)
        XCTAssertThrowsError(try calculator.checkExtension(days: 1, for: state)) {
            XCTAssertEqual($0 as? DeadlineError, .extensionAlreadyUsed(index: nil))
        }
    }

    func testExtensionWhilePausedAddsToR() {
        let events: [DeadlineEvent] = [
            .submitted(at: instant("2026-11-23T09:00:00Z")),
            .statusChanged(from: .received, to: .awaitingCitizen, at: instant("2026-11-24T10:00:00Z")),  // R = 2
            .extended(days: 3, reason: "r", at: instant("2026-11-25T10:00:00Z")),  // R = 5
            .statusChanged(from: .awaitingCitizen, to: .inProgress, at: instant("2026-12-01T10:00:00Z")),
        ]
        let result = evaluate(events)
        XCTAssertEqual(result?.state.deadlineDate, day("2026-12-08"))
        XCTAssertEqual(result?.explanation.pauses.first?.remainingWorkingDays, 5)
        XCTAssertNil(result?.explanation.extension?.previousDeadlineDate)
    }

    func testPetitionsCountFromTheirMoveToReceived() {
        let collecting: [DeadlineEvent] = [
            .submitted(at: instant("2026-11-02T09:00:00Z"), initialStatus: .collectingSignatures)
        ]
        let waiting = evaluate(collecting)
        XCTAssertNil(waiting?.state.deadlineDate)
        XCTAssertNil(waiting?.state.startDate)
        let received = evaluate(
            collecting + [
                .statusChanged(from: .collectingSignatures, to: .received, at: instant("2026-11-23T09:00:00Z"))
            ])
        XCTAssertEqual(received?.state.startDate, day("2026-11-23"))
        XCTAssertEqual(received?.state.deadlineDate, day("2026-11-26"))
    }

    func testExplanationOfExampleFour() throws {
        let result = try XCTUnwrap(evaluate([.submitted(at: instant("2026-12-15T10:00:00Z"))]))
        let explanation = result.explanation
        XCTAssertEqual(explanation.startDate, day("2026-12-15"))
        XCTAssertEqual(explanation.responseDays, 3)
        XCTAssertEqual(explanation.countedDays, [day("2026-12-16"), day("2026-12-18"), day("2026-12-21")])
        XCTAssertEqual(explanation.skippedWeekendDays, [day("2026-12-19"), day("2026-12-20")])
        XCTAssertEqual(
            explanation.skippedHolidays, [NamedHoliday(date: day("2026-12-17"), name: "Fête de la Révolution")])
        XCTAssertEqual(explanation.deadlineDate, day("2026-12-21"))

        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(explanation), as: UTF8.self)
        XCTAssertEqual(
            json,
            #"{"counted_days":["2026-12-16","2026-12-18","2026-12-21"],"deadline_date":"2026-12-21","pauses":[],"#
                + #""response_days":3,"skipped_holidays":[{"date":"2026-12-17","name":"Fête de la Révolution"}],"#
                + #""skipped_weekend_days":["2026-12-19","2026-12-20"],"start_date":"2026-12-15"}"#)
    }

    func testStateEncodesSnakeCase() throws {
        let state = try XCTUnwrap(evaluate([.submitted(at: instant("2026-11-23T09:00:00Z"))])?.state)
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(state), as: UTF8.self)
        XCTAssertEqual(
            json,
            #"{"deadline_at":"2026-11-26T23:00:00Z","deadline_date":"2026-11-26","extension_used":false,"#
                + #""paused":false,"start_date":"2026-11-23","status":"received"}"#)
    }

    func testRecomputingAfterACalendarChangeMovesTheDeadline() {
        let events: [DeadlineEvent] = [.submitted(at: instant("2026-11-23T09:00:00Z"))]
        let before = evaluate(events)?.state.deadlineDate
        let withHoliday = makeCalendar(holidays: ["2026-11-25": "Nouveau jour férié"])
        let after = evaluate(events, calculator: makeCalculator(calendar: withHoliday))?.state.deadlineDate
        XCTAssertEqual(before, day("2026-11-26"))
        XCTAssertEqual(after, day("2026-11-27"))
    }
}
