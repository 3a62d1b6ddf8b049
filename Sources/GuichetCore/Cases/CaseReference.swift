/// A case's public reference, `OFFICE-YYYY-NNNNNN` (e.g. `TUN-2026-000042`): the office code,
/// the office's local year at registration, and a sequence number gapless per office and year.
///
/// Parsing is strict (exact case, exact widths, no spaces) because a reference is a lookup key:
/// two spellings of one reference would be two rate-limit buckets and two cache entries.
/// Encoded in JSON as the string.
public struct CaseReference: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The sequence numbers a year can hold: six digits, zero excluded.
    public static let sequenceRange: ClosedRange<Int> = 1...999_999
    /// The years a reference can carry: four digits, no leading zero.
    public static let yearRange: ClosedRange<Int> = 1000...9999

    /// The office that registered the case.
    public let office: OfficeCode
    /// The office's local year at registration.
    public let year: Int
    /// The case's number within its office and year.
    public let sequence: Int

    /// Makes a reference, or returns nil when the year or sequence is out of range.
    public init?(office: OfficeCode, year: Int, sequence: Int) {
        guard Self.yearRange.contains(year), Self.sequenceRange.contains(sequence) else { return nil }
        self.office = office
        self.year = year
        self.sequence = sequence
    }

    /// Parses exactly `OFFICE-YYYY-NNNNNN`, or returns nil.
    public init?(parsing text: some StringProtocol) {
        // Read from the end on the bytes: `-YYYY-NNNNNN` is 12 bytes and the office code (letters
        // only) is what precedes them. Every look-up parses one, so no splitting into substrings.
        let bytes = Array(text.utf8)
        let officeLength = bytes.count - 12
        guard OfficeCode.lengthRange.contains(officeLength), bytes[officeLength] == UInt8(ascii: "-"),
            bytes[officeLength + 5] == UInt8(ascii: "-"),
            let year = Self.digits(bytes[(officeLength + 1)..<(officeLength + 5)]),
            let sequence = Self.digits(bytes[(officeLength + 6)...]),
            let office = OfficeCode(String(decoding: bytes[..<officeLength], as: UTF8.self))
        else { return nil }
        self.init(office: office, year: year, sequence: sequence)
    }

    /// The `OFFICE-YYYY-NNNNNN` form.
    public var description: String {
        let number = String(sequence)
        return "\(office.rawValue)-\(year)-\(String(repeating: "0", count: 6 - number.count))\(number)"
    }

    /// Orders by office, then year, then sequence: register order.
    public static func < (lhs: CaseReference, rhs: CaseReference) -> Bool {
        (lhs.office.rawValue, lhs.year, lhs.sequence) < (rhs.office.rawValue, rhs.year, rhs.sequence)
    }

    /// Decodes and validates the string form.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        guard let reference = CaseReference(parsing: try container.decode(String.self)) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "a reference is OFFICE-YYYY-NNNNNN")
        }
        self = reference
    }

    /// Encodes the string form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// The value of exactly `count` ASCII digits, or nil.
    private static func digits(_ bytes: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for byte in bytes {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }
}
