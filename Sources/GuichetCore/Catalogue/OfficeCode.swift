/// An office's short code, the first part of every case reference (`TUN` in `TUN-2026-000042`).
///
/// Decision: 2 to 8 uppercase ASCII letters, nothing else. Letters only keep a reference
/// splittable on `-` without ambiguity and readable over the phone; 8 is enough for
/// "TUNIS", "CASA", "RABATAGD". Encoded in JSON as the plain string.
public struct OfficeCode: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The allowed lengths.
    public static let lengthRange: ClosedRange<Int> = 2...8

    /// The code itself, e.g. `TUN`.
    public let rawValue: String

    /// Accepts `text` exactly as given when it is 2–8 uppercase ASCII letters, else returns nil.
    /// Lowercase is refused rather than folded, so a code has one spelling everywhere.
    public init?(_ text: some StringProtocol) {
        let bytes = text.utf8
        guard Self.lengthRange.contains(bytes.count),
            bytes.allSatisfy({ $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") })
        else { return nil }
        self.rawValue = String(text)
    }

    /// The code as text.
    public var description: String { rawValue }

    /// Orders codes alphabetically.
    public static func < (lhs: OfficeCode, rhs: OfficeCode) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Decodes and validates the string form.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        guard let code = OfficeCode(try container.decode(String.self)) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "an office code is 2 to 8 uppercase ASCII letters")
        }
        self = code
    }

    /// Encodes the string form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
