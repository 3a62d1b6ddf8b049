import XCTest

@testable import HTTPServer

final class ASCIIDecimalTests: XCTestCase {
    /// The digits are exactly `String(value)`'s, at every length, both signs and both ends of Int.
    func testDigitsAreWhatStringWrites() {
        var values = [0, 1, 9, 10, 99, 100, 404, 1_000_000, Int.max, Int.min, -1, -10]
        var power = 1
        for _ in 0..<18 {
            power *= 10
            values += [power - 1, power, power + 1, -power]
        }
        for value in values {
            var out: [UInt8] = [UInt8(ascii: "x")]
            ASCIIDecimal.append(value, to: &out)
            XCTAssertEqual(String(decoding: out, as: UTF8.self), "x" + String(value), "\(value)")
        }
    }
}
