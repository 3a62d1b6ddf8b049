import Foundation
import GuichetCore

/// RFC 3339 timestamps in UTC, whole seconds, as the API writes them; computed by hand (civil
/// from days) because formatters are costly on per-row and per-request paths.
enum RFC3339 {
    static func string(_ date: Date) -> String {
        var bytes: [UInt8] = []
        append(date, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The 20 bytes of every timestamp written: `2026-11-23T09:00:00Z`.
    static let length = 20

    /// Writes a `timestamptz` as the session writes it in UTC (`2026-11-23 09:00:00.5+00`) into
    /// `room` as the same 20 bytes `write(_:into:)` makes of its `Date`, copying the digits (the
    /// fraction is dropped, as there). Returns 0, writing nothing, for any other form (another
    /// offset, a year past 9999 or BC, `infinity`): the caller then decodes it. Otherwise 20.
    static func write(postgresUTC text: UnsafeBufferPointer<UInt8>, into room: UnsafeMutableBufferPointer<UInt8>) -> Int
    {
        // YYYY-MM-DD HH:MM:SS, then an optional .f to .ffffff, then +00 to the end.
        guard text.count >= 22, text[text.count - 3] == UInt8(ascii: "+"), text[text.count - 2] == UInt8(ascii: "0"),
            text[text.count - 1] == UInt8(ascii: "0")
        else { return 0 }
        func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }
        let shape: StaticString = "dddd-dd-dd dd:dd:dd"
        let matches = shape.withUTF8Buffer { shape in
            shape.indices.allSatisfy { index in
                shape[index] == UInt8(ascii: "d") ? isDigit(text[index]) : text[index] == shape[index]
            }
        }
        guard matches else { return 0 }
        let fraction = text.count - 3 - 19
        if fraction > 0 {
            guard fraction >= 2, fraction <= 7, text[19] == UInt8(ascii: "."),
                text[20..<text.count - 3].allSatisfy(isDigit)
            else { return 0 }
        }
        for index in 0..<19 { room[index] = text[index] }
        room[10] = UInt8(ascii: "T")
        room[19] = UInt8(ascii: "Z")
        return length
    }

    /// Appends the timestamp's 20 bytes (see `write(_:into:)`).
    static func append(_ date: Date, to out: inout [UInt8]) {
        // Filled on the stack and appended once.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: length) { text in
            out.append(contentsOf: UnsafeBufferPointer(rebasing: text[0..<write(date, into: text)]))
        }
    }

    /// Writes the timestamp's 20 bytes (`2026-11-23T09:00:00Z`; an instant outside the years
    /// 1–9999 clamps to their first or last day, as `LocalDate` does) into `room`; returns 20.
    @discardableResult
    static func write(_ date: Date, into text: UnsafeMutableBufferPointer<UInt8>) -> Int {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let civil = LocalDate(daysSinceEpoch: Int(days))
        func put(_ value: Int64, at offset: Int, width: Int) {
            var value = value
            for position in (offset..<offset + width).reversed() {
                text[position] = UInt8(ascii: "0") + UInt8(value % 10)
                value /= 10
            }
        }
        put(Int64(civil.year), at: 0, width: 4)
        text[4] = UInt8(ascii: "-")
        put(Int64(civil.month), at: 5, width: 2)
        text[7] = UInt8(ascii: "-")
        put(Int64(civil.day), at: 8, width: 2)
        text[10] = UInt8(ascii: "T")
        put(secondOfDay / 3600, at: 11, width: 2)
        text[13] = UInt8(ascii: ":")
        put(secondOfDay % 3600 / 60, at: 14, width: 2)
        text[16] = UInt8(ascii: ":")
        put(secondOfDay % 60, at: 17, width: 2)
        text[19] = UInt8(ascii: "Z")
        return length
    }
}
