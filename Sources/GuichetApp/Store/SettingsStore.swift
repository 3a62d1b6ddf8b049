import Postgres

/// Server-wide settings shared by every instance (migration 0001).
struct SettingsStore {
    let connection: PostgresConnection

    /// The secret keying tracking-key and idempotency hashes, as bytes.
    func hashSecret() throws -> [UInt8] {
        let rows = try connection.query("SELECT value FROM settings WHERE key = 'hash_secret'")
        guard let row = rows.first else { throw PostgresError(.queryFailed) }
        let hex: String = try row.decode(column: "value")
        return Hex.decode(hex)
    }
}

/// Lower-case hexadecimal text, for hashes stored or compared as text.
enum Hex {
    static func encode(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func decode(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        var high: UInt8?
        for byte in text.utf8 {
            let value: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): value = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): value = byte - UInt8(ascii: "A") + 10
            default: continue
            }
            if let first = high {
                out.append(first << 4 | value)
                high = nil
            } else {
                high = value
            }
        }
        return out
    }
}
