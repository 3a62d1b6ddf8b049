import Foundation
import XCTest

@testable import GuichetCore

/// Parses an RFC 3339 UTC instant such as "2026-11-23T09:00:00Z"; fails the test on a typo.
func instant(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> Date {
    let formatter = ISO8601DateFormatter()
    guard let date = formatter.date(from: text) else {
        XCTFail("bad instant \(text)", file: file, line: line)
        return Date(timeIntervalSince1970: 0)
    }
    return date
}

/// Formats an instant as RFC 3339 UTC.
func rfc3339(_ date: Date) -> String {
    ISO8601DateFormatter().string(from: date)
}

/// Parses "YYYY-MM-DD"; fails the test on a typo.
func day(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> LocalDate {
    guard let date = LocalDate(parsing: text) else {
        XCTFail("bad date \(text)", file: file, line: line)
        return LocalDate(daysSinceEpoch: 0)
    }
    return date
}

/// DESIGN.md's example office: Africa/Tunis, weekend Saturday and Sunday, holiday 2026-12-17.
func makeTunisCalendar(
    weekend: Set<Weekday> = [.saturday, .sunday],
    holidays: [String: String] = ["2026-12-17": "Fête de la Révolution"]
) -> WorkingCalendar {
    makeCalendar(zone: "Africa/Tunis", weekend: weekend, holidays: holidays)
}

/// A calendar with defaults; fails the test if the settings are refused.
func makeCalendar(
    zone: String = "Africa/Tunis", weekend: Set<Weekday> = [.saturday, .sunday],
    holidays: [String: String] = [:], file: StaticString = #filePath, line: UInt = #line
) -> WorkingCalendar {
    var table: [LocalDate: String] = [:]
    for (date, name) in holidays { table[day(date, file: file, line: line)] = name }
    do {
        return try WorkingCalendar(timeZoneIdentifier: zone, weekendDays: weekend, holidays: table)
    } catch {
        XCTFail("calendar refused: \(error)", file: file, line: line)
        return try! WorkingCalendar(timeZoneIdentifier: "UTC", weekendDays: [])
    }
}

/// A calculator with DESIGN.md's defaults (response_days 3) and an extension limit.
func makeCalculator(
    calendar: WorkingCalendar = makeTunisCalendar(), responseDays: Int = 3, extensionDays: Int = 5
) -> DeadlineCalculator {
    let delay = try! ServiceDelay(responseDays: responseDays, extensionDays: extensionDays)
    return DeadlineCalculator(calendar: calendar, delay: delay)
}

/// A timeline; fails the test if it is malformed.
func makeTimeline(_ events: [DeadlineEvent], file: StaticString = #filePath, line: UInt = #line) -> CaseTimeline {
    do {
        return try CaseTimeline(events)
    } catch {
        XCTFail("timeline refused: \(error)", file: file, line: line)
        return try! CaseTimeline([.submitted(at: Date(timeIntervalSince1970: 0))])
    }
}

/// A small deterministic generator (SplitMix64) so property tests replay the same cases.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
