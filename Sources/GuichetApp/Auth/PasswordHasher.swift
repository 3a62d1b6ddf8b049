import CCrypt
import Foundation  // errno and strerror only: GuichetApp may not import Glibc (see ArchitectureRulesTests).
import GuichetCore

/// Hashes and verifies staff passwords with yescrypt (`$y$…`), through libxcrypt's
/// `crypt_gensalt_rn` and `crypt_rn`.
///
/// Both functions are the reentrant variants: `crypt_rn` works only in the `crypt_data` it is
/// given, so concurrent worker threads can hash at once. That buffer is ~32 KiB, so it is
/// allocated on the heap for each call rather than on a worker thread's stack.
///
/// Hashing is deliberately slow (the point of yescrypt); call it on a worker thread, never on an
/// event loop.
public struct PasswordHasher: Sendable {
    /// The longest password accepted, in UTF-8 bytes: 511. libxcrypt copies the passphrase into
    /// `crypt_data.input[CRYPT_MAX_PASSPHRASE_SIZE]` with its NUL and fails with ERANGE from 512
    /// bytes on, so this is the library's own bound; checking it here first turns that into a
    /// typed error and a policy code, and keeps oversized input (a free way to make the server
    /// work) away from the hash entirely.
    public static let maximumByteCount = Int(CRYPT_MAX_PASSPHRASE_SIZE) - 1

    /// The shortest password `validate` accepts, in characters (grapheme clusters, as a person
    /// counts them).
    public static let minimumCharacterCount = 12

    /// The hash-method prefix of yescrypt settings and hashes. `verify` accepts only this, so a
    /// tampered or legacy row such as `ab…` cannot make libxcrypt fall back to descrypt, which
    /// looks at eight characters of the password.
    static let yescryptPrefix = "$y$"

    /// `crypt_gensalt_rn` output size. `<crypt.h>` defines it as a plain integer macro, which Swift
    /// imports as an `Int32` constant.
    private static let settingBufferSize = Int(CRYPT_GENSALT_OUTPUT_SIZE)

    /// Size and alignment of the work area `crypt_rn` needs (`sizeof(struct crypt_data)`, 32 KiB
    /// with libxcrypt 4.4).
    private static let workAreaSize = MemoryLayout<crypt_data>.size
    private static let workAreaAlignment = MemoryLayout<crypt_data>.alignment

    /// A yescrypt hash of a random string nobody knows, computed once.
    ///
    /// When a login names an unknown user, verify the submitted password against this hash and
    /// refuse: the response then takes as long as for a known user with a wrong password, so
    /// timing does not reveal which accounts exist.
    public static let dummyHash: String = {
        if let hash = try? hash(SecureToken.generate()) { return hash }
        // Hashing failed at start-up (no random source?). Every real hash fails too then, but
        // logins must still take yescrypt time, so fall back to a fixed hash at the default cost
        // of a random string that was thrown away.
        return "$y$j9T$Zyf7QXyhVyuR.TQ665WvN/$vxoNaxi4NxU/eCEvIB2s0fxaE7GgeRnC62qI2HlSJ16"
    }()

    /// The yescrypt hash of `password` with a fresh random salt, at libxcrypt's default cost.
    ///
    /// - Throws: `PasswordHashError` when the password contains NUL or exceeds
    ///   `maximumByteCount`, or when libxcrypt fails (the error names the call and errno).
    public static func hash(_ password: String) throws(PasswordHashError) -> String {
        try checkHashable(password)
        let setting = try makeSetting()
        guard let hash = crypt(password, setting: setting) else {
            throw .libraryFailed(call: "crypt_rn", errno: errno)
        }
        return hash
    }

    /// Whether `password` is the one `storedHash` was made from.
    ///
    /// Recomputes the hash with `storedHash` as the setting (it carries the method, cost and salt)
    /// and compares in constant time. Anything unusable (a NUL or over-long password, a stored
    /// hash that is not yescrypt, truncated or garbage, a libxcrypt failure) is `false`.
    public static func verify(_ password: String, against storedHash: String) -> Bool {
        guard (try? checkHashable(password)) != nil,
            storedHash.hasPrefix(yescryptPrefix),
            !storedHash.utf8.contains(0),
            storedHash.utf8.count < Int(CRYPT_OUTPUT_SIZE)
        else { return false }
        guard let computed = crypt(password, setting: storedHash) else { return false }
        return ConstantTime.equals(Array(computed.utf8), Array(storedHash.utf8))
    }

    /// The policy problems of a password a person chose, as stable codes for the API
    /// (`too_short`, `too_long`, `contains_nul`); empty when it is acceptable. Used when users
    /// are created or change their password, not at login.
    public static func validate(_ password: String) -> [String] {
        var problems: [String] = []
        if password.count < minimumCharacterCount { problems.append("too_short") }
        if password.utf8.count > maximumByteCount { problems.append("too_long") }
        if password.utf8.contains(0) { problems.append("contains_nul") }
        return problems
    }

    /// Refuses what the C functions cannot take faithfully: `withCString` would cut a password at
    /// its first NUL, so `"secret\0anything"` would verify against the hash of `"secret"`.
    private static func checkHashable(_ password: String) throws(PasswordHashError) {
        if password.utf8.contains(0) { throw .passwordContainsNUL }
        if password.utf8.count > maximumByteCount { throw .passwordTooLong(limit: maximumByteCount) }
    }

    /// A fresh yescrypt setting (`$y$<cost>$<salt>`). A count of 0 asks for the default cost, and
    /// nil random bytes make libxcrypt read the salt from the OS random source itself.
    private static func makeSetting() throws(PasswordHashError) -> String {
        var buffer = [CChar](repeating: 0, count: settingBufferSize)
        errno = 0
        let result = buffer.withUnsafeMutableBufferPointer { output in
            crypt_gensalt_rn(yescryptPrefix, 0, nil, 0, output.baseAddress, Int32(output.count))
        }
        guard result != nil else { throw .libraryFailed(call: "crypt_gensalt_rn", errno: errno) }
        let setting = buffer.withUnsafeBufferPointer { output in
            String(decoding: output.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        guard setting.hasPrefix(yescryptPrefix) else {
            throw .libraryFailed(call: "crypt_gensalt_rn", errno: errno)
        }
        return setting
    }

    /// `crypt_rn(password, setting)` in a zeroed heap work area; nil when libxcrypt fails. On
    /// failure `errno` is left as libxcrypt set it, for the caller to report.
    private static func crypt(_ password: String, setting: String) -> String? {
        let workArea = UnsafeMutableRawPointer.allocate(byteCount: workAreaSize, alignment: workAreaAlignment)
        // libxcrypt requires the reserved fields zeroed before first use of a crypt_data.
        workArea.initializeMemory(as: UInt8.self, repeating: 0, count: workAreaSize)
        defer {
            // Best effort: the work area held password-derived state; wipe it before freeing.
            workArea.initializeMemory(as: UInt8.self, repeating: 0, count: workAreaSize)
            workArea.deallocate()
        }
        errno = 0
        guard let output = crypt_rn(password, setting, workArea, Int32(workAreaSize)) else { return nil }
        // crypt_rn reports errors as NULL, but the classic failure token starts with "*"; a hash
        // never does, so treat both as failure.
        let hash = String(cString: output)
        guard !hash.isEmpty, !hash.hasPrefix("*") else { return nil }
        return hash
    }
}

/// Why a password could not be hashed. Never carries the password: its `description` may reach
/// a log.
public enum PasswordHashError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The password contains a NUL byte, which C would silently treat as its end.
    case passwordContainsNUL
    /// The password is longer than `limit` UTF-8 bytes.
    case passwordTooLong(limit: Int)
    /// A libxcrypt function failed: which one, and the errno it left (0 when it set none).
    case libraryFailed(call: String, errno: Int32)

    /// `"crypt_rn failed: Invalid argument (errno 22)"`, or the password rule that was broken.
    public var description: String {
        switch self {
        case .passwordContainsNUL:
            return "password contains a NUL byte"
        case .passwordTooLong(let limit):
            return "password longer than \(limit) bytes"
        case .libraryFailed(let call, let errno):
            let message = strerror(errno).map { String(cString: $0) } ?? "unknown error"
            return "\(call) failed: \(message) (errno \(errno))"
        }
    }
}
