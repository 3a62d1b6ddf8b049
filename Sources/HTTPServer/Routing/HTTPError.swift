/// An error a handler throws to answer with an RFC 9457 problem: the status, a stable
/// machine-readable `code`, a short title and a detail for people. Never holds secrets.
public struct HTTPError: Error, Sendable, CustomStringConvertible {
    /// The HTTP status.
    public var status: HTTPStatus
    /// A stable snake_case code clients can switch on (`invalid_transition`).
    public var code: String
    /// A human-readable explanation of this occurrence.
    public var detail: String
    /// Extra headers to send (`Retry-After`, `WWW-Authenticate`, `Allow`).
    public var headers: HeaderFields
    /// Extra members of the problem object (e.g. `errors` for field validation).
    public var extensions: [String: ProblemValue]

    /// Makes an error.
    public init(
        _ status: HTTPStatus, code: String, detail: String,
        headers: HeaderFields = HeaderFields(), extensions: [String: ProblemValue] = [:]
    ) {
        self.status = status
        self.code = code
        self.detail = detail
        self.headers = headers
        self.extensions = extensions
    }

    /// `"HTTPError(404 not_found)"` — the detail is left out, as it may echo input.
    public var description: String { "HTTPError(\(status.code) \(code))" }

    /// The problem+json response for this error.
    public var response: Response {
        var fields = headers
        fields.set("Content-Type", "application/problem+json")
        // Even the server's own refusals (parse errors, overload) must not be content-sniffed.
        if !fields.contains("X-Content-Type-Options") { fields.set("X-Content-Type-Options", "nosniff") }
        var members: [(String, ProblemValue)] = [
            ("type", .string("about:blank")),
            ("status", .int(status.code)),
            ("title", .string(status.reasonPhrase)),
            ("code", .string(code)),
            ("detail", .string(detail)),
        ]
        for key in extensions.keys.sorted() {
            if let value = extensions[key] { members.append((key, value)) }
        }
        var out = ""
        ProblemValue.object(members).write(to: &out)
        return Response(status: status, headers: fields, body: Array(out.utf8))
    }
}

/// An error from another layer that knows which problem it means (the application maps a lost
/// database connection to `503` with `Retry-After`, a unique violation to `409`, …).
public protocol HTTPErrorConvertible: Error {
    /// The problem to answer with.
    var httpError: HTTPError { get }
}

extension HTTPError {
    /// The problem any error answers with: its own for an `HTTPError` or an `HTTPErrorConvertible`
    /// (a lost database connection → `503`), else a `500 internal_error` that reveals nothing of it.
    public init(answering error: any Error) {
        if let error = error as? HTTPError {
            self = error
        } else if let error = error as? any HTTPErrorConvertible {
            self = error.httpError
        } else {
            self.init(
                .internalServerError, code: "internal_error", detail: "The server could not complete the request.")
        }
    }
}

/// A JSON value, kept tiny so HTTPServer needs no JSON library: the members of a problem document,
/// and the tree other hand-written JSON answers (Open311) are written from.
public indirect enum ProblemValue: Sendable {
    case string(String)
    case int(Int)
    case bool(Bool)
    case null
    case array([ProblemValue])
    case object([(String, ProblemValue)])

    /// Appends this value as JSON.
    public func write(to out: inout String) {
        switch self {
        case .string(let text): JSONText.appendQuoted(text, to: &out)
        case .int(let number): out += String(number)
        case .bool(let flag): out += flag ? "true" : "false"
        case .null: out += "null"
        case .array(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                item.write(to: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (index, member) in members.enumerated() {
                if index > 0 { out += "," }
                JSONText.appendQuoted(member.0, to: &out)
                out += ":"
                member.1.write(to: &out)
            }
            out += "}"
        }
    }
}

/// JSON string escaping (RFC 8259 §7), shared by every hand-written JSON writer.
public enum JSONText {
    @inline(__always)
    private static func needsEscapeCheck(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == 0xE2
    }

    /// Whether anything in `bytes` is escaped. A word-at-a-time scan clears nearly all text; only
    /// text it cannot clear is read again byte by byte, where 0xE2 is escaped only as U+2028 or
    /// U+2029 (E2 80 A8, E2 80 A9): it also leads ’, – and €, common in French, copied as they are.
    private static func needsEscaping(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !hasNoCandidate(bytes) else { return false }
        for index in bytes.indices where needsEscapeCheck(bytes[index]) {
            guard bytes[index] == 0xE2 else { return true }
            if index + 2 < bytes.count, bytes[index + 1] == 0x80, bytes[index + 2] & 0xFE == 0xA8 { return true }
        }
        return false
    }

    /// True when no byte needs the escape check, read a word at a time (SWAR): this scans every
    /// string value of every hand-written answer, and byte by byte it cost more than the copy.
    /// The last word overlaps bytes already read, so a string of four bytes or more is never read
    /// byte by byte, nor past its end.
    private static func hasNoCandidate(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let start = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(start)
        let count = bytes.count
        if count >= 8 {
            var offset = 0
            while offset + 8 <= count {
                guard hasNoCandidate(word: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) else {
                    return false
                }
                offset += 8
            }
            return offset == count
                || hasNoCandidate(word: raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self))
        }
        if count >= 4 {
            return hasNoCandidate(word: raw.loadUnaligned(as: UInt32.self))
                && hasNoCandidate(word: raw.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self))
        }
        for byte in bytes where needsEscapeCheck(byte) { return false }
        return true
    }

    /// No byte of `word` needs the escape check.
    @inline(__always)
    private static func hasNoCandidate<Word: FixedWidthInteger & UnsignedInteger>(word: Word) -> Bool {
        let ones = Word.max / 0xFF
        let highs = ones &* 0x80
        // A byte of the word is zero: the classic test (Hacker's Delight, 6-1), exact for "any".
        func hasZero(_ word: Word) -> Bool { (word &- ones) & ~word & highs != 0 }
        // A byte below 0x20: subtracting 0x20 borrows into its high bit, unless it already had
        // it (then it is 0x80 or more, not a control byte).
        let control = (word &- ones &* 0x20) & ~word & highs
        return control == 0 && !hasZero(word ^ (ones &* 0x22)) && !hasZero(word ^ (ones &* 0x5C))
            && !hasZero(word ^ (ones &* 0xE2))
    }

    /// Appends `text` as a quoted JSON string to UTF-8 bytes (the hand-written writers' form).
    public static func appendQuoted(_ text: String, to out: inout [UInt8]) {
        // One pass over contiguous UTF-8 (small strings are spilled to the stack), copied whole
        // when nothing needs escaping: this runs for every string of every hand-written answer.
        var text = text
        text.withUTF8 { appendQuoted(utf8: $0, to: &out) }
    }

    /// Appends valid UTF-8 (a database value's text, say) as a quoted JSON string, without making
    /// a `String` of it unless something needs escaping.
    public static func appendQuoted(utf8 bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        withEscaped(utf8: bytes) { out.append(contentsOf: $0) }
        out.append(UInt8(ascii: "\""))
    }

    /// Lends valid UTF-8 escaped for the inside of a JSON string (without the quotes, for writers
    /// that merge them into the constant text around a value) to `body`: the bytes themselves
    /// when nothing needs escaping (nearly always), else an escaped copy, at most six bytes per
    /// byte (`\u001f` for a control character; U+FFFD, three bytes, for an invalid one).
    public static func withEscaped(utf8 bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Void)
    {
        // Not generic: across the module boundary a generic body ran unspecialized, at 20
        // instructions per byte scanned.
        guard needsEscaping(bytes) else { return body(bytes) }
        var quoted = ""
        appendQuoted(String(decoding: bytes, as: UTF8.self), to: &quoted)
        var inner = String(quoted.utf8.dropFirst().dropLast()) ?? ""
        inner.withUTF8(body)
    }

    /// Appends `text` as a quoted JSON string, escaping quotes, backslashes and control characters.
    public static func appendQuoted(_ text: String, to out: inout String) {
        out += "\""
        // Most text needs no escape: append it whole rather than scalar by scalar. A string
        // without contiguous UTF-8 takes the cautious byte test (0xE2 for U+2028 and U+2029, and
        // for the characters the slow path then copies unchanged).
        let plain =
            text.utf8.withContiguousStorageIfAvailable { !needsEscaping($0) }
            ?? !text.utf8.contains(where: needsEscapeCheck)
        if plain {
            out += text
            out += "\""
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
