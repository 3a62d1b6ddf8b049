import Foundation
import Postgres
import XCTest

@testable import GuichetApp

/// The report rows copy PostgreSQL's UTC timestamps to RFC 3339 without a `Date`: the copy must
/// be exactly what the `Date` path writes, and anything else must be left to that path.
final class RFC3339Tests: XCTestCase {
    private func copied(_ text: String) -> String? {
        var out = [UInt8](repeating: 0, count: RFC3339.length)
        var text = text
        let written = text.withUTF8 { text in
            out.withUnsafeMutableBufferPointer { RFC3339.write(postgresUTC: text, into: $0) }
        }
        if written == 0 {
            XCTAssertEqual(out, [UInt8](repeating: 0, count: RFC3339.length), "a refusal writes nothing")
        }
        return written == RFC3339.length ? String(decoding: out, as: UTF8.self) : nil
    }

    func testTheCopyIsWhatTheDatePathWrites() throws {
        var generator = SystemRandomNumberGenerator()
        // Years 1000 to 9999 (the four-digit years the copy takes), with and without fractions.
        for _ in 0..<2000 {
            var seconds = Double(Int64.random(in: -30_610_224_000...253_402_300_799, using: &generator))
            if Bool.random(using: &generator) {
                seconds += Double(Int.random(in: 1...999_999, using: &generator)) / 1e6
            }
            let date = Date(timeIntervalSince1970: seconds)
            let text = try XCTUnwrap(date.postgresText())
            XCTAssertEqual(copied(text), RFC3339.string(date), text)
        }
        XCTAssertEqual(copied("2026-11-23 09:00:00+00"), "2026-11-23T09:00:00Z")
        XCTAssertEqual(copied("2026-11-23 09:00:00.5+00"), "2026-11-23T09:00:00Z")
        XCTAssertEqual(copied("2026-11-23 09:00:59.999999+00"), "2026-11-23T09:00:59Z")
    }

    func testOtherFormsAreLeftToTheDatePath() {
        for text in [
            "2026-11-23 09:00:00+05:30", "2026-11-23 09:00:00-03", "0044-03-15 12:00:00+00 BC",
            "12026-11-23 09:00:00+00", "infinity", "-infinity", "2026-11-23T09:00:00+00", "2026-11-23 09:00:00",
            "2026-11-23 09:00:00.+00", "2026-11-23 09:00:00.1234567+00", "2026-11-23 09:0a:00+00", "",
            "2026-11-23 09:00:00Z+00",
        ] {
            XCTAssertNil(copied(text), text)
        }
    }
}
