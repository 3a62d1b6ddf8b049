import GuichetCore

/// Random bearer tokens (sessions, password-reset links): 32 bytes from the system random source,
/// written as base64url without padding (RFC 4648 §5), 43 characters.
///
/// A token carries 256 bits of entropy, so it is stored as a plain SHA-256 (`hash`): nobody can
/// brute-force a preimage, and a leaked table of hashes gives no usable tokens. A slow password
/// hash would only cost time on every request.
public struct SecureToken: Sendable {
    /// Random bytes per token.
    public static let byteCount = 32

    /// Characters per token: 32 bytes are ten 3-byte groups (40 characters) plus 2 bytes (3).
    public static let characterCount = 43

    /// The base64url alphabet, indexed by 6-bit value.
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// For each byte, its 6-bit value in the alphabet, or nil when it is not a base64url character.
    private static let values: [UInt8?] = {
        var table = [UInt8?](repeating: nil, count: 256)
        for (value, character) in alphabet.enumerated() { table[Int(character)] = UInt8(value) }
        return table
    }()

    /// A fresh token. `SystemRandomNumberGenerator` reads the kernel's CSPRNG (getrandom on Linux).
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(byteCount)
        while bytes.count < byteCount {
            let word: UInt64 = generator.next()
            withUnsafeBytes(of: word) { bytes.append(contentsOf: $0) }
        }
        return encode(bytes.prefix(byteCount))
    }

    /// The value to store and look up: SHA-256 of the token's UTF-8, 32 bytes.
    public static func hash(_ token: String) -> [UInt8] {
        SHA256.hash(token.utf8)
    }

    /// Whether `text` could be a token `generate` made: exactly 43 base64url characters, the last
    /// carrying no stray bits (2 bytes fill 16 of its group's 18 bits). Check this first, so
    /// garbage from a cookie or URL is refused without hashing it or asking the database.
    public static func isWellFormed(_ text: String) -> Bool {
        let bytes = text.utf8
        guard bytes.count == characterCount else { return false }
        var last: UInt8 = 0
        for byte in bytes {
            guard let value = values[Int(byte)] else { return false }
            last = value
        }
        return last & 0b11 == 0
    }

    /// Base64url without padding: each 3 bytes become 4 characters; a final 1 or 2 bytes become 2
    /// or 3 characters.
    private static func encode(_ bytes: some Collection<UInt8>) -> String {
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count * 4 + 2) / 3)
        var iterator = bytes.makeIterator()
        while let first = iterator.next() {
            let second = iterator.next()
            let third = second == nil ? nil : iterator.next()
            let group = UInt32(first) << 16 | UInt32(second ?? 0) << 8 | UInt32(third ?? 0)
            output.append(alphabet[Int(group >> 18 & 0x3F)])
            output.append(alphabet[Int(group >> 12 & 0x3F)])
            if second != nil { output.append(alphabet[Int(group >> 6 & 0x3F)]) }
            if third != nil { output.append(alphabet[Int(group & 0x3F)]) }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
