/// Textual IP addresses to 16 bytes (IPv4 as IPv4-mapped IPv6, RFC 4291 §2.5.5.2), in pure Swift so
/// the application needs no `inet_pton` (only `HTTPServer/System` may touch Glibc). Strict: what it
/// accepts is exactly dotted-quad IPv4 and RFC 4291 §2.2 IPv6 text, nothing a header could smuggle.
enum IPAddress {
    static let mappedPrefix: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF]

    /// 16 bytes for `192.0.2.1`, `::1`, `2001:db8::7`, `::ffff:192.0.2.1`; nil for anything else.
    static func parse(_ text: Substring) -> [UInt8]? {
        guard !text.isEmpty, text.utf8.count <= 45 else { return nil }
        if !text.contains(":") { return parseIPv4(text).map { mappedPrefix + $0 } }
        return parseIPv6(text)
    }

    /// `1.2.3.4:5678` → `1.2.3.4`, `[::1]:80` → `::1`; other text unchanged (some proxies add ports).
    static func stripPort(_ text: Substring) -> Substring {
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            return text[text.index(after: text.startIndex)..<close]
        }
        if text.filter({ $0 == ":" }).count == 1, let colon = text.firstIndex(of: ":") { return text[..<colon] }
        return text
    }

    static func parseIPv4(_ text: Substring) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var bytes: [UInt8] = []
        for part in parts {
            // No signs, no leading zeros (often read as octal elsewhere), at most three digits.
            guard (1...3).contains(part.count), part.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
                part.count == 1 || part.first != "0", let value = UInt8(part)
            else { return nil }
            bytes.append(value)
        }
        return bytes
    }

    static func parseIPv6(_ text: Substring) -> [UInt8]? {
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func groups(_ part: String) -> [UInt8]? {
            if part.isEmpty { return [] }
            var bytes: [UInt8] = []
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            for (index, piece) in pieces.enumerated() {
                if index == pieces.count - 1, piece.contains(".") {
                    guard let ipv4 = parseIPv4(piece) else { return nil }
                    bytes += ipv4
                    continue
                }
                guard (1...4).contains(piece.count), piece.allSatisfy(\.isHexDigit),
                    let value = UInt16(piece, radix: 16)
                else { return nil }
                bytes += [UInt8(value >> 8), UInt8(value & 0xFF)]
            }
            return bytes
        }
        guard let head = groups(halves[0]) else { return nil }
        if halves.count == 1 { return head.count == 16 ? head : nil }
        guard let tail = groups(halves[1]), head.count + tail.count <= 14 else { return nil }
        return head + [UInt8](repeating: 0, count: 16 - head.count - tail.count) + tail
    }
}
