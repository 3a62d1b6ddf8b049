/// `[UInt8]` as `bytea`, in the hex format (`\x0a1b…`, the server default since 9.0).
extension [UInt8]: PostgresEncodable, PostgresDecodable {
    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// `bytea`.
    public static var postgresDataType: PostgresDataType { .bytea }

    /// `\x` followed by two lower-case hex digits per byte.
    public func postgresText() -> String? {
        var text = [UInt8](repeating: 0, count: 2 + count * 2)
        text[0] = UInt8(ascii: "\\")
        text[1] = UInt8(ascii: "x")
        for (offset, byte) in enumerated() {
            text[2 + offset * 2] = Self.hexDigits[Int(byte >> 4)]
            text[3 + offset * 2] = Self.hexDigits[Int(byte & 0x0f)]
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// `bytea` in hex format; the older escape format (`bytea_output = escape`) is refused
    /// as `.invalidValue` rather than guessed at.
    public init(postgresText text: String, type: PostgresDataType) throws(PostgresError.DecodingFailure) {
        guard type == .bytea else { throw .typeMismatch(type) }
        let utf8 = Array(text.utf8)
        guard utf8.count >= 2, utf8[0] == UInt8(ascii: "\\"), utf8[1] == UInt8(ascii: "x"), utf8.count % 2 == 0
        else { throw .invalidValue }
        var bytes = [UInt8]()
        bytes.reserveCapacity((utf8.count - 2) / 2)
        var index = 2
        while index < utf8.count {
            guard let high = Self.hexValue(utf8[index]), let low = Self.hexValue(utf8[index + 1]) else {
                throw .invalidValue
            }
            bytes.append(high << 4 | low)
            index += 2
        }
        self = bytes
    }

    private static func hexValue(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return digit - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
