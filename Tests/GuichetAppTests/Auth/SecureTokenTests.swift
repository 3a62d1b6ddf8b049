import Foundation
import GuichetApp
import XCTest

/// Bearer tokens: shape, alphabet, uniqueness, the stored hash, and the well-formedness gate.
final class SecureTokenTests: XCTestCase {
    static let alphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    func testLengthAndAlphabet() {
        for _ in 0..<1000 {
            let token = SecureToken.generate()
            XCTAssertEqual(token.utf8.count, 43, token)
            XCTAssertTrue(token.utf8.allSatisfy(Self.alphabet.contains), token)
            XCTAssertTrue(SecureToken.isWellFormed(token), token)
        }
    }

    func testDecodesToThirtyTwoBytesLikeFoundationsBase64() throws {
        let token = SecureToken.generate()
        let standard = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/") + "="
        let data = try XCTUnwrap(Data(base64Encoded: standard), token)
        XCTAssertEqual(data.count, 32)
        let reencoded = data.base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        XCTAssertEqual(reencoded, token)
    }

    func testTenThousandTokensAreDistinct() {
        var seen = Set<String>()
        for _ in 0..<10_000 { seen.insert(SecureToken.generate()) }
        XCTAssertEqual(seen.count, 10_000)
    }

    func testEveryCharacterAppearsInEveryPositionButTheLast() {
        // A crude randomness check that catches a stuck byte or a wrong shift in the encoder.
        var perPosition = [Set<UInt8>](repeating: [], count: 43)
        for _ in 0..<5000 {
            for (position, byte) in SecureToken.generate().utf8.enumerated() { perPosition[position].insert(byte) }
        }
        for position in 0..<42 { XCTAssertEqual(perPosition[position].count, 64, "position \(position)") }
        XCTAssertEqual(perPosition[42].count, 16, "the last character carries 4 bits")
    }

    func testHashIsSHA256OfTheText() {
        let token = SecureToken.generate()
        XCTAssertEqual(SecureToken.hash(token).count, 32)
        XCTAssertEqual(SecureToken.hash(token), SecureToken.hash(token), "stable")
        XCTAssertNotEqual(SecureToken.hash(token), SecureToken.hash(SecureToken.generate()))
        // FIPS 180-2 test vector, so the stored value does not depend on this implementation.
        XCTAssertEqual(
            SecureToken.hash("abc").map { String(format: "%02x", $0) }.joined(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        )
    }

    func testWellFormedness() {
        let valid = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
        let table: [(label: String, text: String, wellFormed: Bool)] = [
            ("43 A", valid, true),
            ("every class of character", "abcXYZ019-_" + String(repeating: "Q", count: 31) + "w", true),
            ("empty", "", false),
            ("42 characters", String(valid.dropLast()), false),
            ("44 characters", valid + "A", false),
            ("padding", String(valid.dropLast()) + "=", false),
            ("standard base64 +", "+" + valid.dropFirst(), false),
            ("standard base64 /", "/" + valid.dropFirst(), false),
            ("space", " " + valid.dropFirst(), false),
            ("NUL", "\0" + valid.dropFirst(), false),
            ("newline at the end", String(valid.dropLast()) + "\n", false),
            ("percent-encoded", "%41" + valid.dropFirst(3), false),
            ("non-ASCII letter", "é" + valid.dropFirst(2), false),
            ("fullwidth letter", "Ａ" + valid.dropFirst(3), false),
            ("last character with stray low bits (B)", String(valid.dropLast()) + "B", false),
            ("last character with stray low bits (_)", String(valid.dropLast()) + "_", false),
            ("last character E (bits 000100)", String(valid.dropLast()) + "E", true),
            ("last character 8 (bits 111100)", String(valid.dropLast()) + "8", true),
        ]
        for row in table {
            XCTAssertEqual(SecureToken.isWellFormed(row.text), row.wellFormed, row.label)
        }
    }
}
