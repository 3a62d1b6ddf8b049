import XCTest

@testable import HTTPServer

final class HTTPDateTests: XCTestCase {
    func testKnownDates() {
        let rows: [(seconds: Int64, expected: String)] = [
            (0, "Thu, 01 Jan 1970 00:00:00 GMT"),
            (784_111_777, "Sun, 06 Nov 1994 08:49:37 GMT"),
            (951_782_400, "Tue, 29 Feb 2000 00:00:00 GMT"),
            (1_709_164_799, "Wed, 28 Feb 2024 23:59:59 GMT"),
            (1_709_251_200, "Fri, 01 Mar 2024 00:00:00 GMT"),
            (4_102_444_800, "Fri, 01 Jan 2100 00:00:00 GMT"),
            (-1, "Wed, 31 Dec 1969 23:59:59 GMT"),
        ]
        for row in rows {
            XCTAssertEqual(HTTPDate.format(unixSeconds: row.seconds), row.expected, "\(row.seconds)")
        }
    }

    func testCivilFromDaysRoundTripsOverCenturies() {
        // Walk day by day from 1900 to 2200 and check the calendar advances by exactly one day.
        var previous = HTTPDate.civilFromDays(-25_567)
        XCTAssertEqual(previous.year, 1900)
        for days in Int64(-25_566)...Int64(84_000) {
            let current = HTTPDate.civilFromDays(days)
            if current.day == 1 {
                XCTAssertTrue(previous.month != current.month, "day \(days)")
            } else {
                XCTAssertEqual(current.day, previous.day + 1, "day \(days)")
            }
            previous = current
        }
    }

    func testCacheReformatsOnlyWhenTheSecondChanges() {
        var cache = HTTPDateCache()
        XCTAssertEqual(cache.string(unixSeconds: 0), "Thu, 01 Jan 1970 00:00:00 GMT")
        XCTAssertEqual(cache.string(unixSeconds: 0), "Thu, 01 Jan 1970 00:00:00 GMT")
        XCTAssertEqual(cache.string(unixSeconds: 1), "Thu, 01 Jan 1970 00:00:01 GMT")
    }
}
