/// The secret a citizen uses with the reference to follow a case without an account:
/// 8 characters of Crockford base32 (`0123456789ABCDEFGHJKMNPQRSTVWXYZ`, no I, L, O, U), 40 bits.
///
/// It is shown once (response and receipt) and stored only as ``hash(secret:)``. Its
/// `description` is redacted so a key never reaches a log by accident; ``text`` is the key itself.
/// Not `Codable` on purpose: the API layer writes it out explicitly, once.
public struct TrackingKey: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The Crockford base32 alphabet, in value order.
    public static let alphabet: [UInt8] = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)
    /// The number of characters in a key.
    public static let length = 8

    /// The key's 8 canonical characters, e.g. `7K3M9XQ2`.
    public let text: String

    /// Accepts `canonical` only if it is already 8 canonical characters; use ``init(normalizing:)`` for user input.
    public init?(canonical: some StringProtocol) {
        let bytes = canonical.utf8
        guard bytes.count == Self.length, bytes.allSatisfy({ Self.alphabet.contains($0) }) else { return nil }
        self.text = String(canonical)
    }

    /// Reads a key as a person typed it: case-insensitive, spaces and hyphens ignored, `O` read as
    /// `0` and `I`/`L` as `1` (as Crockford's decoding allows). Returns nil for anything else,
    /// including `U`, which Crockford leaves out.
    public init?(normalizing input: some StringProtocol) {
        var bytes: [UInt8] = []
        for byte in input.utf8 {
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "-") { continue }
            var upper = byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") ? byte - 32 : byte
            switch upper {
            case UInt8(ascii: "O"): upper = UInt8(ascii: "0")
            case UInt8(ascii: "I"), UInt8(ascii: "L"): upper = UInt8(ascii: "1")
            default: break
            }
            guard Self.alphabet.contains(upper), bytes.count < Self.length else { return nil }
            bytes.append(upper)
        }
        guard bytes.count == Self.length else { return nil }
        self.text = String(decoding: bytes, as: UTF8.self)
    }

    /// A new key from the system's secure random source (`getrandom` on Linux).
    public static func generate() -> TrackingKey {
        var generator = SystemRandomNumberGenerator()
        return generate(using: &generator)
    }

    /// A new key from `generator`; tests pass a seeded one, production uses ``generate()``.
    public static func generate(using generator: inout some RandomNumberGenerator) -> TrackingKey {
        // 40 random bits, 5 per character: each character is uniform over the 32-letter alphabet.
        let bits = generator.next() as UInt64
        var bytes: [UInt8] = []
        for index in 0..<length {
            bytes.append(alphabet[Int((bits >> UInt64(5 * index)) & 0x1f)])
        }
        return TrackingKey(text: String(decoding: bytes, as: UTF8.self))
    }

    private init(text: String) {
        self.text = text
    }

    /// The value to store: `HMAC-SHA256(secret, key)`, 32 bytes. Compare with ``matches(storedHash:secret:)``.
    public func hash(secret: [UInt8]) -> [UInt8] {
        HMACSHA256.authenticationCode(key: secret, message: Array(text.utf8))
    }

    /// Whether this key hashes to `storedHash` under `secret`, compared in constant time.
    public func matches(storedHash: [UInt8], secret: [UInt8]) -> Bool {
        ConstantTime.equals(hash(secret: secret), storedHash)
    }

    /// Whether this key hashes to `storedHash` under a prepared secret, compared in constant time.
    public func matches(storedHash: [UInt8], secret: HMACSHA256.Key) -> Bool {
        ConstantTime.equals(secret.authenticationCode(text.utf8), storedHash)
    }

    /// A redacted form for logs; never the key.
    public var description: String { "TrackingKey(redacted)" }

    /// The same redacted form for `debugPrint` and `String(reflecting:)`.
    public var debugDescription: String { description }

    /// A mirror without children, so `dump` and the default description of a containing type do not show the key.
    public var customMirror: Mirror { Mirror(self, children: [:]) }
}
