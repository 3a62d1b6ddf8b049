import Foundation
import GuichetCore
import HTTPServer

/// A JSON object written member by member into UTF-8 bytes, in the order given (callers give
/// sorted keys); nil values are left out, as synthesized `Encodable` does. Nested objects and
/// arrays of objects are written into the same buffer, not built apart and copied in.
struct JSONObjectWriter {
    private var bytes: [UInt8]
    private var first = true

    init(capacity: Int = 128) {
        bytes = [UInt8(ascii: "{")]
        bytes.reserveCapacity(capacity)
    }

    /// Continues `buffer` with a nested object.
    private init(continuing buffer: inout [UInt8]) {
        bytes = []
        swap(&bytes, &buffer)
        bytes.append(UInt8(ascii: "{"))
    }

    /// Member names are the writers' own literals, which never need escaping.
    private mutating func key(_ name: StaticString) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        first = false
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
    }

    mutating func string(_ name: StaticString, _ value: String?) {
        guard let value else { return }
        key(name)
        JSONText.appendQuoted(value, to: &bytes)
    }

    mutating func int(_ name: StaticString, _ value: Int) {
        key(name)
        // Digit by digit: `String(value)` made and dropped a string per number (the department
        // counts write four per row).
        ASCIIDecimal.append(value, to: &bytes)
    }

    mutating func bool(_ name: StaticString, _ value: Bool) {
        key(name)
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    mutating func date(_ name: StaticString, _ value: Date?) {
        guard let value else { return }
        key(name)
        bytes.append(UInt8(ascii: "\""))
        RFC3339.append(value, to: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    /// A `YYYY-MM-DD` string, written digit by digit.
    mutating func localDate(_ name: StaticString, _ value: LocalDate?) {
        guard let value else { return }
        key(name)
        Self.appendQuoted(value, to: &bytes)
    }

    /// An array of `YYYY-MM-DD` strings.
    mutating func localDates(_ name: StaticString, _ values: [LocalDate]) {
        key(name)
        bytes.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            Self.appendQuoted(value, to: &bytes)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    private static func appendQuoted(_ date: LocalDate, to bytes: inout [UInt8]) {
        // Twelve bytes filled in place and appended at once: one capacity check, not twelve.
        let (year, month, day) = (date.year, date.month, date.day)
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 12) { out in
            let zero = UInt8(ascii: "0")
            out[0] = UInt8(ascii: "\"")
            out[1] = zero + UInt8(year / 1000 % 10)
            out[2] = zero + UInt8(year / 100 % 10)
            out[3] = zero + UInt8(year / 10 % 10)
            out[4] = zero + UInt8(year % 10)
            out[5] = UInt8(ascii: "-")
            out[6] = zero + UInt8(month / 10)
            out[7] = zero + UInt8(month % 10)
            out[8] = UInt8(ascii: "-")
            out[9] = zero + UInt8(day / 10)
            out[10] = zero + UInt8(day % 10)
            out[11] = UInt8(ascii: "\"")
            bytes.append(contentsOf: out)
        }
    }

    /// A member whose value is an object written by `body`.
    mutating func object(_ name: StaticString, _ body: (inout JSONObjectWriter) -> Void) {
        key(name)
        var nested = JSONObjectWriter(continuing: &bytes)
        body(&nested)
        bytes = nested.finish()
    }

    /// A member whose value is an array of objects, one per item, each written by `body`.
    mutating func objects<Item>(_ name: StaticString, _ items: [Item], _ body: (Item, inout JSONObjectWriter) -> Void) {
        key(name)
        bytes.append(UInt8(ascii: "["))
        for (index, item) in items.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            var nested = JSONObjectWriter(continuing: &bytes)
            body(item, &nested)
            bytes = nested.finish()
        }
        bytes.append(UInt8(ascii: "]"))
    }

    mutating func finish() -> [UInt8] {
        bytes.append(UInt8(ascii: "}"))
        return bytes
    }
}
