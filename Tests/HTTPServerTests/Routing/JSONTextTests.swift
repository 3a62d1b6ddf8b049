import Foundation
import XCTest

@testable import HTTPServer

/// The byte writers of JSON strings agree with the `String` one, which JSONSerialization checks.
final class JSONTextTests: XCTestCase {
    func testByteWritersEscapeAsTheStringWriterDoes() throws {
        let samples = [
            "", "plain", "TUN-2026-000001", "quote \" and \\ backslash", "line\nbreak\ttab\r", "\u{01}\u{1f}",
            "Ünïcödé – عربي – 🇹🇳", "\u{2028}\u{2029} separators", "€ starts with 0xE2 too",
        ]
        for sample in samples {
            var expected = ""
            JSONText.appendQuoted(sample, to: &expected)
            var text = sample
            let (quoted, escaped) = text.withUTF8 { bytes in
                var quoted: [UInt8] = []
                var escaped: [UInt8] = []
                JSONText.appendQuoted(utf8: bytes, to: &quoted)
                JSONText.appendEscaped(utf8: bytes, to: &escaped)
                return (quoted, escaped)
            }
            XCTAssertEqual(String(decoding: quoted, as: UTF8.self), expected, sample)
            XCTAssertEqual("\"" + String(decoding: escaped, as: UTF8.self) + "\"", expected, sample)
            let decoded = try JSONSerialization.jsonObject(with: Data(quoted), options: .fragmentsAllowed)
            XCTAssertEqual(decoded as? String, sample)
        }
    }
}
