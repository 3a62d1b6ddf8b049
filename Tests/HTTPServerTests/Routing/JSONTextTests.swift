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
                JSONText.withEscaped(utf8: bytes) { escaped.append(contentsOf: $0) }
                return (quoted, escaped)
            }
            XCTAssertEqual(String(decoding: quoted, as: UTF8.self), expected, sample)
            XCTAssertEqual("\"" + String(decoding: escaped, as: UTF8.self) + "\"", expected, sample)
            let decoded = try JSONSerialization.jsonObject(with: Data(quoted), options: .fragmentsAllowed)
            XCTAssertEqual(decoded as? String, sample)
        }
    }

    /// The plain-text check reads eight bytes at a time: every byte that needs the escape, at
    /// every position of strings of every length around the word size, beside bytes just outside
    /// the escaped ranges, must still be escaped. Checked by JSONSerialization, which shares no
    /// code with the writers (their `String` form takes the same plain-text check).
    func testEveryEscapedByteIsFoundAtEveryPosition() throws {
        let needingEscape: [UInt8] = [0x00, 0x01, 0x0A, 0x1F, 0x22, 0x5C]
        let neighbours: [UInt8] = [0x20, 0x21, 0x23, 0x5B, 0x5D, 0x7F, 0x41]
        for length in 0...25 {
            for filler in neighbours {
                let plain = [UInt8](repeating: filler, count: length)
                XCTAssertEqual(escaped(plain), String(decoding: plain, as: UTF8.self), "plain text is copied")
                for position in 0..<length {
                    for byte in needingEscape {
                        var sample = plain
                        sample[position] = byte
                        try assertRoundTrips(sample, "\(byte) at \(position) of \(length)")
                    }
                    // U+2028, whose first byte 0xE2 is what the check looks for, across word borders.
                    if position + 3 <= length {
                        var sample = plain
                        sample.replaceSubrange(position..<position + 3, with: [0xE2, 0x80, 0xA8])
                        try assertRoundTrips(sample, "U+2028 at \(position) of \(length)")
                        XCTAssertTrue(escaped(sample).contains("\\u2028"), "U+2028 at \(position) of \(length)")
                    }
                }
            }
        }
    }

    private func escaped(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        bytes.withUnsafeBufferPointer { bytes in JSONText.withEscaped(utf8: bytes) { out.append(contentsOf: $0) } }
        return String(decoding: out, as: UTF8.self)
    }

    private func assertRoundTrips(_ bytes: [UInt8], _ message: String) throws {
        let document = Data(("\"" + escaped(bytes) + "\"").utf8)
        let decoded = try? JSONSerialization.jsonObject(with: document, options: .fragmentsAllowed)
        XCTAssertEqual(decoded as? String, String(decoding: bytes, as: UTF8.self), message)
    }

    /// French text is full of characters led by 0xE2 (’ – € …): copied as they are, with U+2028 and
    /// U+2029 beside them still escaped.
    func testCharactersLedBy0xE2AreCopiedButTheSeparatorsEscaped() throws {
        for sample in ["Extrait d’acte – 10 €", "…", "d’acte\u{2028}", "\u{2029}’", "’’’’’’’’’’’’", "a\u{E2}"] {
            try assertRoundTrips(Array(sample.utf8), sample)
            let written = escaped(Array(sample.utf8))
            XCTAssertEqual(written.contains("\\u2028") || written.contains("\\u2029"), sample.contains("\u{2028}") || sample.contains("\u{2029}"), sample)
        }
        XCTAssertEqual(escaped(Array("Extrait d’acte – 10 €".utf8)), "Extrait d’acte – 10 €")
    }
}
