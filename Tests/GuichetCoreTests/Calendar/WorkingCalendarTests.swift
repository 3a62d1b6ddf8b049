import Foundation
import XCTest

@testable import GuichetCore

final class WorkingCalendarTests: XCTestCase {
    func testRefusesAWeekWithoutWorkingDaysAndUnknownZones() {
        XCTAssertThrowsError(
            try WorkingCalendar(timeZoneIdentifier: "Africa/Tunis", weekendDays: Set(Weekday.allCases))
        ) {
            XCTAssertEqual($0 as? CalendarError, .noWorkingWeekday)
        }
        for zone in ["Mars/Olympus", "UTC+1", "", "africa/tunis"] {
            XCTAssertThrowsError(try WorkingCalendar(timeZoneIdentifier: zone, weekendDays: []), zone) {
                XCTAssertEqual($0 as? CalendarError, .unknownTimeZone(identifier: zone))
            }
        }
        XCTAssertNoThrow(try WorkingCalendar(timeZoneIdentifier: "UTC", weekendDays: Set(Weekday.allCases.dropLast())))
    }

    func testWorkingDaysAndClosures() {
        let calendar = makeTunisCalendar()
        XCTAssertTrue(calendar.isWorkingDay(day("2026-11-23")))
        XCTAssertFalse(calendar.isWorkingDay(day("2026-11-28")))
        XCTAssertEqual(calendar.closure(on: day("2026-11-29")), .weekend)
        XCTAssertEqual(calendar.closure(on: day("2026-12-17")), .holiday(name: "Fête de la Révolution"))
        XCTAssertNil(calendar.closure(on: day("2026-12-16")))
    }

    func testNthWorkingDayIsStrictlyAfter() {
        let calendar = makeTunisCalendar()
        XCTAssertEqual(calendar.nthWorkingDay(after: day("2026-11-23"), n: 1), day("2026-11-24"))
        XCTAssertEqual(calendar.nthWorkingDay(after: day("2026-11-27"), n: 1), day("2026-11-30"))
        XCTAssertEqual(calendar.nthWorkingDay(after: day("2026-12-16"), n: 1), day("2026-12-18"))
        XCTAssertEqual(calendar.nthWorkingDay(after: day("2026-11-28"), n: 0), day("2026-11-30"))
        XCTAssertEqual(calendar.firstWorkingDay(onOrAfter: day("2026-11-23")), day("2026-11-23"))
        XCTAssertEqual(calendar.firstWorkingDay(onOrAfter: day("2026-12-17")), day("2026-12-18"))
    }

    func testWorkingDaysCountsStrictlyAfterThroughInclusive() {
        let calendar = makeTunisCalendar()
        XCTAssertEqual(calendar.workingDays(after: day("2026-11-24"), through: day("2026-11-26")), 2)
        XCTAssertEqual(calendar.workingDays(after: day("2026-11-26"), through: day("2026-11-26")), 0)
        XCTAssertEqual(calendar.workingDays(after: day("2026-11-27"), through: day("2026-11-24")), 0)
        XCTAssertEqual(calendar.workingDays(after: day("2026-11-26"), through: day("2026-11-29")), 1)
        XCTAssertEqual(calendar.workingDays(after: day("2026-12-15"), through: day("2026-12-21")), 3)
        // A holiday on a weekend day is skipped once, not twice.
        let doubled = makeCalendar(holidays: ["2026-12-19": "On a Saturday"])
        XCTAssertEqual(doubled.workingDays(after: day("2026-12-18"), through: day("2026-12-21")), 1)
    }

    /// The fast week-skipping count agrees with a day-by-day count over random spans.
    func testWorkingDaysAgreesWithNaiveCount() {
        var random = SeededGenerator(seed: 7)
        for _ in 0..<500 {
            let weekend = Set(Weekday.allCases.filter { _ in Int.random(in: 0..<4, using: &random) == 0 }.prefix(6))
            let base = day("2026-01-01")
            var holidays: [String: String] = [:]
            for _ in 0..<Int.random(in: 0..<20, using: &random) {
                holidays[base.adding(days: Int.random(in: 0..<400, using: &random)).description] = "H"
            }
            let calendar = makeCalendar(weekend: weekend, holidays: holidays)
            let start = base.adding(days: Int.random(in: 0..<300, using: &random))
            let end = start.adding(days: Int.random(in: -5..<100, using: &random))
            var naive = 0
            var current = start
            while current < end {
                current = current.adding(days: 1)
                if calendar.isWorkingDay(current) { naive += 1 }
            }
            XCTAssertEqual(calendar.workingDays(after: start, through: end), naive, "\(start) → \(end) \(weekend)")
        }
    }

    func testLocalDateAndEndOfDayInTunis() {
        let calendar = makeTunisCalendar()
        XCTAssertEqual(calendar.localDate(of: instant("2026-11-22T22:59:59Z")), day("2026-11-22"))
        XCTAssertEqual(calendar.localDate(of: instant("2026-11-22T23:00:00Z")), day("2026-11-23"))
        XCTAssertEqual(rfc3339(calendar.endOfDay(day("2026-11-26"))), "2026-11-26T23:00:00Z")
        XCTAssertEqual(calendar.localDate(of: calendar.endOfDay(day("2026-11-26"))), day("2026-11-27"))
        XCTAssertEqual(
            calendar.localDate(of: calendar.endOfDay(day("2026-11-26")).addingTimeInterval(-0.001)), day("2026-11-26"))
    }

    /// What this machine's tzdata (2025b) says about Morocco in Ramadan: Africa/Casablanca is UTC+1
    /// all year except around Ramadan, when it goes back to UTC+0. In 2026 that is from
    /// 2026-02-15T02:00Z to 2026-03-22T02:00Z; in 2027 from 2027-02-07T02:00Z to 2027-03-14T02:00Z.
    /// If a tzdata update moves these dates, this test says so before any deadline does.
    func testCasablancaRamadanOffsets() {
        let calendar = makeCalendar(zone: "Africa/Casablanca", weekend: [.saturday, .sunday])
        let zone = calendar.timeZone
        let expected: [(String, Int)] = [
            ("2026-02-15T01:59:59Z", 3600), ("2026-02-15T02:00:00Z", 0),
            ("2026-03-22T01:59:59Z", 0), ("2026-03-22T02:00:00Z", 3600),
            ("2027-02-07T01:59:59Z", 3600), ("2027-02-07T02:00:00Z", 0),
            ("2027-03-14T01:59:59Z", 0), ("2027-03-14T02:00:00Z", 3600),
        ]
        for (text, offset) in expected {
            XCTAssertEqual(zone.secondsFromGMT(for: instant(text)), offset, text)
        }
        // Days end at local midnight: 23:00Z normally, 00:00Z during Ramadan's UTC+0.
        XCTAssertEqual(rfc3339(calendar.endOfDay(day("2026-02-13"))), "2026-02-13T23:00:00Z")
        XCTAssertEqual(rfc3339(calendar.endOfDay(day("2026-03-02"))), "2026-03-03T00:00:00Z")
        // The day of the change itself (Sunday 15 Feb, 03:00 → 02:00) ends at UTC+0's midnight.
        XCTAssertEqual(rfc3339(calendar.endOfDay(day("2026-02-15"))), "2026-02-16T00:00:00Z")
        XCTAssertEqual(rfc3339(calendar.endOfDay(day("2026-02-14"))), "2026-02-14T23:00:00Z")
        XCTAssertEqual(rfc3339(calendar.endOfDay(day("2026-03-22"))), "2026-03-22T23:00:00Z")
        XCTAssertEqual(rfc3339(calendar.endOfDay(day("2026-03-21"))), "2026-03-22T00:00:00Z")
        // 23:30Z is still the same day during Ramadan, the next day otherwise.
        XCTAssertEqual(calendar.localDate(of: instant("2026-03-02T23:30:00Z")), day("2026-03-02"))
        XCTAssertEqual(calendar.localDate(of: instant("2026-04-02T23:30:00Z")), day("2026-04-03"))
    }

    /// A zone with summer time: the day ends at the offset in force at its midnight.
    func testEndOfDayAcrossEuropeanSummerTime() {
        let calendar = makeCalendar(zone: "Europe/Paris")
        XCTAssertEqual(rfc3339(calendar.endOfDay(day("2026-03-28"))), "2026-03-28T23:00:00Z")
        XCTAssertEqual(rfc3339(calendar.endOfDay(day("2026-03-29"))), "2026-03-29T22:00:00Z")
        XCTAssertEqual(rfc3339(calendar.endOfDay(day("2026-10-25"))), "2026-10-25T23:00:00Z")
    }

    /// America/Havana skips local midnight when summer time starts (00:00 → 01:00): the day ends
    /// at the first instant of the next local day.
    func testEndOfDayWhenMidnightDoesNotExist() {
        let calendar = makeCalendar(zone: "America/Havana")
        let end = calendar.endOfDay(day("2026-03-07"))
        XCTAssertEqual(calendar.localDate(of: end), day("2026-03-08"))
        XCTAssertEqual(calendar.localDate(of: end.addingTimeInterval(-1)), day("2026-03-07"))
    }

    func testWalkRecordsCountedAndSkippedDays() {
        let calendar = makeTunisCalendar()
        let walk = calendar.walk(after: day("2026-12-15"), n: 3)
        XCTAssertEqual(walk.end, day("2026-12-21"))
        XCTAssertEqual(walk.counted, [day("2026-12-16"), day("2026-12-18"), day("2026-12-21")])
        XCTAssertEqual(walk.skippedWeekendDays, [day("2026-12-19"), day("2026-12-20")])
        XCTAssertEqual(walk.skippedHolidays, [NamedHoliday(date: day("2026-12-17"), name: "Fête de la Révolution")])
        let sameDay = calendar.walk(after: day("2026-11-28"), n: 0)
        XCTAssertEqual(sameDay.end, day("2026-11-30"))
        XCTAssertEqual(sameDay.counted, [])
        XCTAssertEqual(sameDay.skippedWeekendDays, [day("2026-11-28"), day("2026-11-29")])
    }
}

final class WorkingCalendarLimitTests: XCTestCase {
    /// Absurd instants and the end of the supported range neither trap nor hang.
    func testAbsurdInputsEndAtTheSupportedRange() {
        let calendar = makeCalendar(weekend: [.friday, .saturday, .sunday])
        XCTAssertEqual(calendar.localDate(of: Date(timeIntervalSince1970: 1e300)), .max)
        XCTAssertEqual(calendar.localDate(of: Date(timeIntervalSince1970: -1e300)), .min)
        XCTAssertEqual(calendar.localDate(of: .distantFuture).year, 4001)
        XCTAssertEqual(calendar.nthWorkingDay(after: .max, n: 5), .max)
        XCTAssertEqual(calendar.firstWorkingDay(onOrAfter: .max), .max)
        XCTAssertEqual(calendar.walk(after: .max, n: 0).end, .max)
        XCTAssertEqual(calendar.walk(after: day("9999-12-30"), n: 3).end, .max)
    }

    /// The calendar answers from a weekday mask and sorted holiday day numbers; checked here against
    /// the plain definition (a weekday in the set, a date in the table) on random calendars,
    /// holidays falling on weekends included, and random spans.
    func testFastLookupsAgreeWithThePlainDefinition() throws {
        var generator = SystemRandomNumberGenerator()
        let start = LocalDate(daysSinceEpoch: 20_400)
        for _ in 0..<200 {
            let weekend = Set(Weekday.allCases.filter { _ in Int.random(in: 0..<4, using: &generator) == 0 }.prefix(6))
            var holidays: [LocalDate: String] = [:]
            for _ in 0..<Int.random(in: 0..<12, using: &generator) {
                holidays[start.adding(days: Int.random(in: -10..<120, using: &generator))] = "Fête"
            }
            let calendar = try WorkingCalendar(
                timeZoneIdentifier: "Africa/Tunis", weekendDays: weekend, holidays: holidays)
            func plainIsWorking(_ date: LocalDate) -> Bool {
                !weekend.contains(date.weekday) && holidays[date] == nil
            }
            for offset in -10..<120 {
                let date = start.adding(days: offset)
                XCTAssertEqual(calendar.isWorkingDay(date), plainIsWorking(date), "\(date)")
                let expected: DayClosure? =
                    holidays[date].map { .holiday(name: $0) } ?? (weekend.contains(date.weekday) ? .weekend : nil)
                XCTAssertEqual(calendar.closure(on: date), expected, "\(date)")
            }
            let from = start.adding(days: Int.random(in: -10..<60, using: &generator))
            let through = from.adding(days: Int.random(in: 0..<60, using: &generator))
            var count = 0
            var day = from
            while day < through {
                day = day.adding(days: 1)
                if plainIsWorking(day) { count += 1 }
            }
            XCTAssertEqual(calendar.workingDays(after: from, through: through), count, "\(from) → \(through)")
        }
    }
}
