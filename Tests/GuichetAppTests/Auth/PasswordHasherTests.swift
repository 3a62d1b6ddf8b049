import Foundation
import GuichetApp
import Synchronization
import XCTest

/// yescrypt hashing through libxcrypt: format, verification, the input limits, the policy, and
/// hashing from several threads at once.
final class PasswordHasherTests: XCTestCase {
    func testHashIsYescryptAndVerifies() throws {
        let hash = try PasswordHasher.hash("correct horse battery staple")
        XCTAssertTrue(hash.hasPrefix("$y$"), hash)
        XCTAssertTrue(PasswordHasher.verify("correct horse battery staple", against: hash))
    }

    func testWrongPasswordsDoNotVerify() throws {
        let hash = try PasswordHasher.hash("correct horse battery staple")
        let wrong: [(label: String, password: String)] = [
            ("one letter changed", "correct horse battery stapl3"),
            ("one letter short", "correct horse battery stapl"),
            ("one letter more", "correct horse battery staples"),
            ("case", "Correct horse battery staple"),
            ("trailing space", "correct horse battery staple "),
            ("empty", ""),
            ("NUL then the right password", "\0correct horse battery staple"),
            ("the right password then NUL", "correct horse battery staple\0"),
        ]
        for row in wrong {
            XCTAssertFalse(PasswordHasher.verify(row.password, against: hash), row.label)
        }
    }

    func testUnusableStoredHashesDoNotVerify() throws {
        let password = "correct horse battery staple"
        let hash = try PasswordHasher.hash(password)
        let stored: [(label: String, hash: String)] = [
            ("empty", ""),
            ("truncated by one", String(hash.dropLast())),
            ("hash part cut off", String(hash[..<(hash.lastIndex(of: "$") ?? hash.endIndex)])),
            ("setting only with trailing $", String(hash[...(hash.lastIndex(of: "$") ?? hash.startIndex)])),
            ("prefix only", "$y$"),
            ("last character changed", String(hash.dropLast()) + (hash.hasSuffix("A") ? "B" : "A")),
            ("extra character", hash + "A"),
            ("failure token", "*0"),
            ("failure token 2", "*1"),
            ("garbage", "not a hash at all"),
            ("unknown method", "$9$abc$def"),
            ("bcrypt of something else", "$2b$05$abcdefghijklmnopqrstuuW5Y7/J5y9m7xqXuQ8kyVs5YQ8o5ZgO6"),
            ("descrypt setting (would look at 8 characters)", "ab"),
            ("descrypt hash of the password", "abzlUXK5ed5rs"),
            ("NUL inside", hash.replacingOccurrences(of: "$y$", with: "$y$\0")),
            ("very long", "$y$" + String(repeating: "A", count: 10_000)),
            ("leading space", " " + hash),
        ]
        for row in stored {
            XCTAssertFalse(PasswordHasher.verify(password, against: row.hash), row.label)
        }
        XCTAssertTrue(PasswordHasher.verify(password, against: hash), "the untouched hash still verifies")
    }

    func testTwoHashesOfOnePasswordDifferBySalt() throws {
        let first = try PasswordHasher.hash("correct horse battery staple")
        let second = try PasswordHasher.hash("correct horse battery staple")
        XCTAssertNotEqual(first, second)
        XCTAssertTrue(PasswordHasher.verify("correct horse battery staple", against: first))
        XCTAssertTrue(PasswordHasher.verify("correct horse battery staple", against: second))
    }

    func testUnicodePasswords() throws {
        let passwords = ["mot de passe été à Genève", "пароль-пароль-пароль", "密码密码密码密码密码密码", "🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑"]
        for password in passwords {
            let hash = try PasswordHasher.hash(password)
            XCTAssertTrue(PasswordHasher.verify(password, against: hash), password)
        }
        // Canonically equal strings with different bytes are different passwords: hashing sees
        // bytes, and normalising is the client's business.
        let composed = "caf\u{E9}-caf\u{E9}-caf\u{E9}"
        let decomposed = "cafe\u{301}-cafe\u{301}-cafe\u{301}"
        XCTAssertEqual(composed, decomposed, "Swift compares them canonically")
        let hash = try PasswordHasher.hash(composed)
        XCTAssertFalse(PasswordHasher.verify(decomposed, against: hash))
    }

    func testNULIsRefused() {
        XCTAssertThrowsError(try PasswordHasher.hash("secret\0anything-after")) { error in
            XCTAssertEqual(error as? PasswordHashError, .passwordContainsNUL)
        }
    }

    func testLengthLimit() throws {
        // libxcrypt refuses passphrases of 512 bytes or more (ERANGE); the limit sits just below.
        XCTAssertEqual(PasswordHasher.maximumByteCount, 511)
        let atLimit = String(repeating: "a", count: PasswordHasher.maximumByteCount)
        let hash = try PasswordHasher.hash(atLimit)
        XCTAssertTrue(PasswordHasher.verify(atLimit, against: hash))

        for overLimit in [atLimit + "a", String(repeating: "a", count: 1025), String(repeating: "a", count: 100_000)] {
            XCTAssertThrowsError(try PasswordHasher.hash(overLimit), "\(overLimit.utf8.count) bytes") { error in
                XCTAssertEqual(error as? PasswordHashError, .passwordTooLong(limit: 511))
            }
            XCTAssertFalse(PasswordHasher.verify(overLimit, against: hash), "\(overLimit.utf8.count) bytes")
        }

        // The limit counts UTF-8 bytes, not characters: 171 three-byte characters are 513 bytes.
        XCTAssertThrowsError(try PasswordHasher.hash(String(repeating: "€", count: 171)))
        XCTAssertNoThrow(try PasswordHasher.hash(String(repeating: "€", count: 170)))
    }

    func testErrorDescriptionsNeverHoldThePassword() {
        XCTAssertEqual(PasswordHashError.passwordContainsNUL.description, "password contains a NUL byte")
        XCTAssertEqual(PasswordHashError.passwordTooLong(limit: 511).description, "password longer than 511 bytes")
        XCTAssertEqual(
            PasswordHashError.libraryFailed(call: "crypt_rn", errno: EINVAL).description,
            "crypt_rn failed: Invalid argument (errno 22)"
        )
    }

    func testDummyHashIsAStableYescryptHash() {
        XCTAssertTrue(PasswordHasher.dummyHash.hasPrefix("$y$"))
        XCTAssertEqual(PasswordHasher.dummyHash, PasswordHasher.dummyHash, "computed once")
        XCTAssertFalse(PasswordHasher.verify("", against: PasswordHasher.dummyHash))
        XCTAssertFalse(PasswordHasher.verify("correct horse battery staple", against: PasswordHasher.dummyHash))
    }

    /// Unknown-user logins verify against `dummyHash`; they must cost about as much as a wrong
    /// password for a real user. Generous bounds: this only catches a dummy hash that is not
    /// really computed (a cheap method, or an early return).
    func testDummyVerificationTakesAsLongAsARealOne() throws {
        let real = try PasswordHasher.hash("correct horse battery staple")
        _ = PasswordHasher.dummyHash
        let clock = ContinuousClock()
        let realTime = clock.measure { _ = PasswordHasher.verify("wrong password!", against: real) }
        let dummyTime = clock.measure { _ = PasswordHasher.verify("wrong password!", against: PasswordHasher.dummyHash) }
        let ratio = dummyTime / realTime
        XCTAssertGreaterThan(ratio, 0.33, "real \(realTime), dummy \(dummyTime)")
        XCTAssertLessThan(ratio, 3, "real \(realTime), dummy \(dummyTime)")
    }

    func testConcurrentHashingFromEightThreads() {
        let threadCount = 8
        let results = Mutex<[Int: (hash: String, verified: Bool, crossVerified: Bool)]>([:])
        let done = DispatchSemaphore(value: 0)
        for index in 0..<threadCount {
            // A worker-sized stack or smaller: the 32 KiB crypt_data must not live on it.
            let thread = Thread {
                defer { done.signal() }
                let password = "password number \(index) of \(threadCount)"
                guard let hash = try? PasswordHasher.hash(password) else { return }
                let verified = PasswordHasher.verify(password, against: hash)
                let crossVerified = PasswordHasher.verify("password number \(index + 1) of \(threadCount)", against: hash)
                results.withLock { $0[index] = (hash, verified, crossVerified) }
            }
            thread.stackSize = 256 << 10
            thread.start()
        }
        for _ in 0..<threadCount { done.wait() }
        let collected = results.withLock { $0 }
        XCTAssertEqual(collected.count, threadCount, "every thread hashed")
        XCTAssertEqual(Set(collected.values.map(\.hash)).count, threadCount, "no thread saw another's output")
        for (index, result) in collected {
            XCTAssertTrue(result.verified, "thread \(index)")
            XCTAssertFalse(result.crossVerified, "thread \(index)")
        }
    }

    func testPolicy() {
        let table: [(label: String, password: String, problems: [String])] = [
            ("empty", "", ["too_short"]),
            ("11 characters", "abcdefghijk", ["too_short"]),
            ("12 characters", "abcdefghijkl", []),
            ("long passphrase", "correct horse battery staple", []),
            ("12 emoji are 12 characters (48 bytes)", String(repeating: "🔑", count: 12), []),
            ("11 emoji are too short despite 44 bytes", String(repeating: "🔑", count: 11), ["too_short"]),
            ("11 characters in 12 scalars (e + combining accent)", "abcdefghije\u{301}", ["too_short"]),
            ("511 bytes", String(repeating: "a", count: 511), []),
            ("512 bytes", String(repeating: "a", count: 512), ["too_long"]),
            ("1025 bytes", String(repeating: "a", count: 1025), ["too_long"]),
            ("NUL inside", "abcdef\0ghijkl", ["contains_nul"]),
            ("short with NUL", "a\0b", ["too_short", "contains_nul"]),
            ("long with NUL", String(repeating: "a", count: 600) + "\0", ["too_long", "contains_nul"]),
        ]
        for row in table {
            XCTAssertEqual(PasswordHasher.validate(row.password), row.problems, row.label)
        }
    }

    /// Prints how long one hash and one verification take at the default cost: it bounds login
    /// throughput per worker thread.
    func testReportTimePerHash() throws {
        let clock = ContinuousClock()
        let rounds = 10
        _ = try PasswordHasher.hash("warm-up password")
        var hash = ""
        let hashing = try clock.measure {
            for round in 0..<rounds { hash = try PasswordHasher.hash("password \(round)") }
        }
        let verifying = clock.measure {
            for _ in 0..<rounds { _ = PasswordHasher.verify("password 9", against: hash) }
        }
        print("yescrypt default cost: hash \(hashing / rounds), verify \(verifying / rounds) (mean of \(rounds))")
    }
}
