import Foundation
import HTTPServer

/// An RFC 5322 message as the SMTP client sends it: UTF-8 text as base64 (any relay takes it, no
/// 8BITMIME needed), the subject as RFC 2047 encoded words, a `Message-ID` derived from the
/// notification so a copy sent again is recognisable, and `Auto-Submitted` (RFC 3834) so
/// auto-responders stay quiet.
struct MailMessage {
    var from: String
    var to: String
    var subject: String
    var body: String
    var messageID: String
    var date: Date

    /// Header and body with CRLF line ends, not yet dot-stuffed.
    func rendered() -> String {
        let headers = [
            "From: \(from)",
            "To: \(to)",
            "Subject: \(Self.encodedWords(subject))",
            "Date: \(Self.rfc5322Date(date))",
            "Message-ID: \(messageID)",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: base64",
            "Auto-Submitted: auto-generated",
        ]
        let encoded = Data(body.utf8).base64EncodedString(options: [
            .lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed,
        ])
        return headers.joined(separator: "\r\n") + "\r\n\r\n" + encoded + "\r\n"
    }

    /// The DATA payload: every line starting with "." gets another (RFC 5321 §4.5.2), then the
    /// end-of-data line is left to the caller, who must decide when to send it.
    static func dotStuffed(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        var atLineStart = true
        for byte in text.utf8 {
            if atLineStart && byte == UInt8(ascii: ".") { out.append(UInt8(ascii: ".")) }
            out.append(byte)
            atLineStart = byte == UInt8(ascii: "\n")
        }
        if out.suffix(2) != [13, 10] { out += [13, 10] }
        return out
    }

    /// Plain ASCII as it is; anything else as `=?UTF-8?B?…?=` words of at most 45 bytes each (75
    /// characters encoded), never splitting a character, folded onto continuation lines.
    static func encodedWords(_ text: String) -> String {
        if text.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) { return text }
        var words: [String] = []
        var chunk: [UInt8] = []
        for scalar in text.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            if chunk.count + bytes.count > 45 {
                words.append(chunk.base64Word)
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append(chunk.base64Word) }
        return words.joined(separator: "\r\n ")
    }

    /// `Mon, 23 Nov 2026 09:00:00 +0000`.
    static func rfc5322Date(_ date: Date) -> String {
        // HTTP's IMF-fixdate is RFC 5322's date with "GMT" for the zone.
        HTTPDate.format(unixSeconds: Int64(date.timeIntervalSince1970.rounded(.down))).dropLast(3) + "+0000"
    }

    /// Whether `address` can go into a header and an SMTP command as it is: one `local@domain`
    /// with no spaces, controls, angle brackets or commas (which would add recipients or headers).
    static func isUsableAddress(_ address: String) -> Bool {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty && address.utf8.count <= 254
            && address.unicodeScalars.allSatisfy { scalar in
                scalar.value > 0x20 && scalar.value != 0x7F && !"<>,;\"()[]\\".unicodeScalars.contains(scalar)
            }
    }
}

extension [UInt8] {
    fileprivate var base64Word: String { "=?UTF-8?B?" + Data(self).base64EncodedString() + "?=" }
}
