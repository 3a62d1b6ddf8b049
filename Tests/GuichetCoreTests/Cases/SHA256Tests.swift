import XCTest

@testable import GuichetCore

private func hex(_ bytes: [UInt8]) -> String {
    bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
}

final class SHA256Tests: XCTestCase {
    /// FIPS 180-4 examples (NIST "SHA256.pdf" and the long-message vector).
    func testFIPSVectors() {
        let vectors: [(String, [UInt8], String)] = [
            ("empty", [], "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            ("abc", Array("abc".utf8), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            (
                "448 bits", Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8),
                "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
            ),
            (
                "896 bits",
                Array(
                    ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
                        + "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu").utf8),
                "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
            ),
        ]
        for (label, message, digest) in vectors {
            XCTAssertEqual(hex(SHA256.hash(message)), digest, label)
        }
    }

    func testOneMillionA() {
        var hasher = SHA256()
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
        for _ in 0..<1000 { hasher.update(chunk) }
        XCTAssertEqual(hex(hasher.finalize()), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// Lengths around the padding boundaries (55/56 bytes, one and two blocks), checked against
    /// Python's hashlib; fed whole and one byte at a time.
    func testPaddingBoundaries() {
        let expected: [Int: String] = [
            55: "463eb28e72f82e0a96c0a4cc53690c571281131f672aa229e0d45ae59b598b59",
            56: "da2ae4d6b36748f2a318f23e7ab1dfdf45acdc9d049bd80e59de82a60895f562",
            57: "2fe741af801cc238602ac0ec6a7b0c3a8a87c7fc7d7f02a3fe03d1c12eac4d8f",
            63: "29af2686fd53374a36b0846694cc342177e428d1647515f078784d69cdb9e488",
            64: "fdeab9acf3710362bd2658cdc9a29e8f9c757fcf9811603a8c447cd1d9151108",
            65: "4bfd2c8b6f1eec7a2afeb48b934ee4b2694182027e6d0fc075074f2fabb31781",
            119: "da18797ed7c3a777f0847f429724a2d8cd5138e6ed2895c3fa1a6d39d18f7ec6",
            120: "f52b23db1fbb6ded89ef42a23ce0c8922c45f25c50b568a93bf1c075420bbb7c",
            128: "471fb943aa23c511f6f72f8d1652d9c880cfa392ad80503120547703e56a2be5",
        ]
        for (length, digest) in expected {
            let message = (0..<length).map { UInt8($0 % 251) }
            XCTAssertEqual(hex(SHA256.hash(message)), digest, "\(length) bytes")
            var hasher = SHA256()
            for byte in message { hasher.update([byte]) }
            XCTAssertEqual(hex(hasher.finalize()), digest, "\(length) bytes, one at a time")
            // Uneven pieces: a partial block, then pieces that complete it and span whole blocks.
            var pieces = SHA256()
            var start = 0
            for size in [7, 60, 1, 70] where start < length {
                pieces.update(message[start..<min(length, start + size)])
                start += size
            }
            if start < length { pieces.update(message[start...]) }
            XCTAssertEqual(hex(pieces.finalize()), digest, "\(length) bytes, in uneven pieces")
        }
    }

    /// RFC 4231 §4.2–4.8, HMAC-SHA-256 column.
    func testHMACRFC4231() {
        let longKey = [UInt8](repeating: 0xaa, count: 131)
        let vectors: [(String, [UInt8], [UInt8], String)] = [
            (
                "case 1", [UInt8](repeating: 0x0b, count: 20), Array("Hi There".utf8),
                "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"
            ),
            (
                "case 2", Array("Jefe".utf8), Array("what do ya want for nothing?".utf8),
                "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
            ),
            (
                "case 3", [UInt8](repeating: 0xaa, count: 20), [UInt8](repeating: 0xdd, count: 50),
                "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"
            ),
            (
                "case 4", Array(1...25), [UInt8](repeating: 0xcd, count: 50),
                "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"
            ),
            (
                "case 6", longKey, Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
                "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
            ),
            (
                "case 7", longKey,
                Array(
                    ("This is a test using a larger than block-size key and a larger than block-size data. "
                        + "The key needs to be hashed before being used by the HMAC algorithm.").utf8),
                "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"
            ),
        ]
        for (label, key, message, mac) in vectors {
            XCTAssertEqual(hex(HMACSHA256.authenticationCode(key: key, message: message)), mac, label)
            // A prepared key (its padded blocks hashed once) gives the same MAC, again and again.
            let prepared = HMACSHA256.Key(key)
            XCTAssertEqual(hex(prepared.authenticationCode(message)), mac, label + ", prepared")
            XCTAssertEqual(hex(prepared.authenticationCode(message)), mac, label + ", prepared, reused")
        }
        // Case 5 is specified truncated to 128 bits.
        let truncated = HMACSHA256.authenticationCode(
            key: [UInt8](repeating: 0x0c, count: 20), message: Array("Test With Truncation".utf8))
        XCTAssertEqual(hex(Array(truncated.prefix(16))), "a3b6167473100ee06e0c796c2955552b", "case 5")
    }
}
