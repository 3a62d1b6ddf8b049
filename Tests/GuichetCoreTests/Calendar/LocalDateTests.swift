import Foundation
import XCTest

@testable import GuichetCore

final class LocalDateTests: XCTestCase {
    func testParsesAndFormatsStrictly() {
        XCTAssertEqual(LocalDate(parsing: "2026-11-23"), LocalDate(year: 2026, month: 11, day: 23))
        XCTAssertEqual(day("0001-01-01").description, "0001-01-01")
        XCTAssertEqual(day("2024-02-29").description, "2024-02-29")
        let malformed: [(String, String)] = [
            ("empty", ""), ("no padding", "2026-1-23"), ("slashes", "2026/11/23"), ("time part", "2026-11-23T00:00"),
            ("leading space", " 2026-11-23"), ("month 13", "2026-13-01"), ("day 0", "2026-11-00"),
            ("30 February", "2024-02-30"), ("29 February non-leap", "2026-02-29"), ("1900 not leap", "1900-02-29"),
            ("year 0", "0000-01-01"), ("sign", "+026-11-23"), ("arabic digits", "٢٠٢٦-11-23"),
            ("letters", "2026-1a-23"),
        ]
        for (label, text) in malformed {
            XCTAssertNil(LocalDate(parsing: text), label)
        }
        XCTAssertNotNil(LocalDate(parsing: "2000-02-29"), "2000 is a leap year")
    }

    func testCodableAsString() throws {
        let data = try JSONEncoder().encode([day("2026-12-17")])
        XCTAssertEqual(String(decoding: data, as: UTF8.self), #"["2026-12-17"]"#)
        XCTAssertEqual(try JSONDecoder().decode([LocalDate].self, from: data), [day("2026-12-17")])
        XCTAssertThrowsError(try JSONDecoder().decode([LocalDate].self, from: Data(#"["2026-02-30"]"#.utf8)))
    }

    func testWeekdaysAndOrdering() {
        XCTAssertEqual(day("2026-11-23").weekday, .monday)
        XCTAssertEqual(day("2026-11-28").weekday, .saturday)
        XCTAssertEqual(day("1970-01-01").weekday, .thursday)
        XCTAssertEqual(day("1969-12-28").weekday, .sunday)
        XCTAssertEqual(day("2000-01-01").weekday, .saturday)
        XCTAssertLessThan(day("2026-11-30"), day("2026-12-01"))
        XCTAssertLessThan(day("2025-12-31"), day("2026-01-01"))
    }

    func testArithmeticAcrossLeapYearsAndCenturies() {
        XCTAssertEqual(day("2024-02-28").adding(days: 1), day("2024-02-29"))
        XCTAssertEqual(day("2023-02-28").adding(days: 1), day("2023-03-01"))
        XCTAssertEqual(day("1900-02-28").adding(days: 1), day("1900-03-01"))
        XCTAssertEqual(day("2000-02-28").adding(days: 1), day("2000-02-29"))
        XCTAssertEqual(day("2100-02-28").adding(days: 1), day("2100-03-01"))
        XCTAssertEqual(day("2026-12-31").adding(days: 1), day("2027-01-01"))
        XCTAssertEqual(day("2027-01-01").adding(days: -1), day("2026-12-31"))
        XCTAssertEqual(day("2024-01-01").days(to: day("2025-01-01")), 366)
        XCTAssertEqual(day("2100-01-01").days(to: day("2101-01-01")), 365)
        XCTAssertEqual(day("1970-01-01").daysSinceEpoch, 0)
        XCTAssertEqual(day("2000-03-01").daysSinceEpoch, 11_017)
    }

    /// Every day from 1600 to 2400 against Foundation's Gregorian calendar in UTC.
    func testMatchesFoundationOverFourCenturies() {
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = TimeZone(identifier: "UTC") ?? .current
        let start = day("1600-01-01").daysSinceEpoch
        let end = day("2400-12-31").daysSinceEpoch
        for days in stride(from: start, through: end, by: 1) {
            let date = LocalDate(daysSinceEpoch: days)
            let parts = gregorian.dateComponents(
                [.year, .month, .day, .weekday], from: Date(timeIntervalSince1970: Double(days) * 86_400))
            guard parts.year == date.year, parts.month == date.month, parts.day == date.day else {
                return XCTFail("day \(days): \(date) vs \(parts)")
            }
            // Foundation numbers Sunday 1 … Saturday 7.
            let iso = ((parts.weekday ?? 0) + 5) % 7 + 1
            guard iso == date.weekday.rawValue else { return XCTFail("weekday of \(date)") }
            guard date.daysSinceEpoch == days else { return XCTFail("round trip of \(date)") }
        }
    }

    func testClampsOutsideSupportedYears() {
        XCTAssertEqual(LocalDate(daysSinceEpoch: -10_000_000), day("0001-01-01"))
        XCTAssertEqual(LocalDate(daysSinceEpoch: 10_000_000), day("9999-12-31"))
    }
}
