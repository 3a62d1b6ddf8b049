import XCTest

@testable import GuichetCore

final class TrackingKeyTests: XCTestCase {
    func testGeneratedKeysUseTheAlphabetAndAreUnique() {
        let alphabet = Set("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
        var seen = Set<String>()
        var characters = Set<Character>()
        for _ in 0..<10_000 {
            let key = TrackingKey.generate()
            XCTAssertEqual(key.text.count, 8)
            XCTAssertTrue(key.text.allSatisfy(alphabet.contains), key.text)
            characters.formUnion(key.text)
            seen.insert(key.text)
        }
        // 10k draws from 2^40 keys: a collision here (p ≈ 5e-5) would point at a broken source.
        XCTAssertEqual(seen.count, 10_000)
        XCTAssertEqual(characters, alphabet, "every character shows up")
        XCTAssertTrue(characters.isDisjoint(with: "ILOU"))
    }

    func testCharactersAreUniform() {
        var generator = SeededGenerator(seed: 42)
        var counts = [Character: Int]()
        for _ in 0..<20_000 {
            for character in TrackingKey.generate(using: &generator).text { counts[character, default: 0] += 1 }
        }
        // 160k characters over 32 letters: 5000 each, a few hundred either way.
        for (character, count) in counts { XCTAssertTrue((4600...5400).contains(count), "\(character): \(count)") }
    }

    func testNormalisesWhatPeopleType() {
        let cases: [(String, String?)] = [
            ("7K3M9XQ2", "7K3M9XQ2"), ("7k3m-9xq2", "7K3M9XQ2"), (" 7K3M 9XQ2 ", "7K3M9XQ2"),
            ("OOOO-IIII", "00001111"), ("oLlI0000", "01110000"), ("7K3M9XQ", nil), ("7K3M9XQ22", nil),
            ("7K3M9XQU", nil), ("7K3M9XQ!", nil), ("", nil), ("7K3M_9XQ2", nil), ("７K3M9XQ2", nil),
        ]
        for (input, expected) in cases {
            XCTAssertEqual(TrackingKey(normalizing: input)?.text, expected, input)
        }
        XCTAssertNil(TrackingKey(canonical: "7k3m9xq2"))
        XCTAssertNotNil(TrackingKey(canonical: "7K3M9XQ2"))
    }

    func testHashMatchesAndNeverLogs() throws {
        let secret = Array("server secret".utf8)
        let key = try XCTUnwrap(TrackingKey(canonical: "7K3M9XQ2"))
        let stored = key.hash(secret: secret)
        XCTAssertEqual(stored, HMACSHA256.authenticationCode(key: secret, message: Array("7K3M9XQ2".utf8)))
        XCTAssertTrue(try XCTUnwrap(TrackingKey(normalizing: "7k3m-9xq2")).matches(storedHash: stored, secret: secret))
        XCTAssertFalse(try XCTUnwrap(TrackingKey(canonical: "7K3M9XQ3")).matches(storedHash: stored, secret: secret))
        XCTAssertFalse(key.matches(storedHash: stored, secret: Array("other".utf8)))
        XCTAssertFalse("\(key)".contains("7K3M"))
        XCTAssertFalse(String(reflecting: key).contains("7K3M"))
        struct Holder { let key: TrackingKey }
        XCTAssertFalse("\(Holder(key: key))".contains("7K3M"))
        var dumped = ""
        dump(key, to: &dumped)
        XCTAssertFalse(dumped.contains("7K3M"))
    }

    func testConstantTimeEquals() {
        XCTAssertTrue(ConstantTime.equals([], []))
        XCTAssertTrue(ConstantTime.equals([1, 2, 3], [1, 2, 3]))
        XCTAssertFalse(ConstantTime.equals([1, 2, 3], [1, 2, 4]))
        XCTAssertFalse(ConstantTime.equals([1, 2, 3], [1, 2]))
        XCTAssertFalse(ConstantTime.equals([0x80], [0x00]))
    }
}
