import Foundation
import GuichetCore
import HTTPServer
import Postgres

extension OverdueReport {
    /// One overdue case as a JSON object, written from the row's text as libpq holds it: the
    /// strings are escaped in place and the timestamps rewritten to RFC 3339, with no `String` or
    /// `Date` per field, in one pass through a pointer into room reserved for the row. A first page
    /// is 100 of these per request: decoding every field cost more than the rest of the request
    /// together, and appending value by value to an `Array` still cost two thirds of it.
    enum JSONLine {
        /// How a column's text becomes JSON.
        private enum Value {
            /// Never NULL, escaped inside the quotes the constant text writes.
            case text
            /// NULL or a quoted string.
            case optionalText
            /// RFC 3339, inside the quotes the constant text writes.
            case timestamp
        }

        /// The object's fields in the select list's order (`Column`), each after the constant text
        /// before it. The constants carry the quotes of the values around them, so a field is two
        /// copies.
        private static let fields: [(before: StaticString, value: Value)] = [
            ("{\"reference\":\"", .text),
            ("\",\"office\":\"", .text),
            ("\",\"service\":\"", .text),
            ("\",\"department\":\"", .text),
            ("\",\"assignee\":", .optionalText),
            (",\"status\":\"", .text),
            ("\",\"received_at\":\"", .timestamp),
            ("\",\"deadline_date\":\"", .text),
            ("\",\"deadline_at\":\"", .timestamp),
        ]
        private static let end: StaticString = "\",\"days_overdue\":"

        /// Writes the row's object, after a comma when `comma` (not the array's first): in the
        /// same reservation, so a row that fails leaves nothing of itself behind.
        static func append(_ row: PostgresRow, days: DaysOverdue, comma: Bool, to spool: inout ByteSpool) throws {
            // Decoded, not copied: it counts the days, and a malformed one is named by the decoder.
            let deadlineDate: LocalDate = try row.decode(at: Column.deadlineDate)
            try row.withTexts { texts in
                guard texts.count >= fields.count else {
                    throw PostgresError(
                        .decodingFailed(column: "#\(texts.count)", type: "String", reason: .noSuchColumn))
                }
                // Each value is looked up once (two calls into libpq): first to size the row, then
                // to write it.
                try withUnsafeTemporaryAllocation(of: UnsafeBufferPointer<UInt8>?.self, capacity: fields.count) {
                    values in
                    // The most the row can take: escaping writes at most six bytes per byte, a
                    // timestamp 20 and NULL four, plus the constants, the day count and the comma.
                    var bound = end.utf8CodeUnitCount + 22
                    for (index, field) in fields.enumerated() {
                        let value = texts[index]
                        values.initializeElement(at: index, to: value)
                        bound += field.before.utf8CodeUnitCount + max(6 * (value?.count ?? 0), RFC3339.length) + 2
                    }
                    let overdue = days.days(officeText: values[Column.office], after: deadlineDate)
                    try spool.write(reserving: bound) { cursor in
                        if comma { cursor.put(UInt8(ascii: ",")) }
                        for (index, field) in fields.enumerated() {
                            cursor.put(field.before)
                            try put(field.value, values[index], column: index, of: row, to: &cursor)
                        }
                        cursor.put(end)
                        cursor.put(decimal: overdue)
                        cursor.put(UInt8(ascii: "}"))
                    }
                }
            }
        }

        private static func put(
            _ value: Value, _ text: UnsafeBufferPointer<UInt8>?, column: Int, of row: PostgresRow,
            to cursor: inout ByteSpool.Cursor
        ) throws(PostgresError) {
            switch (value, text) {
            case (.optionalText, nil):
                cursor.put("null")
            case (.optionalText, let text?):
                cursor.put(UInt8(ascii: "\""))
                cursor.putJSONEscaped(text)
                cursor.put(UInt8(ascii: "\""))
            case (.text, let text?):
                cursor.putJSONEscaped(text)
            case (.timestamp, let text?):
                // Another form than the session's UTC one: the decoder takes it, and names the
                // column if it refuses.
                if cursor.fill(upTo: RFC3339.length, { RFC3339.write(postgresUTC: text, into: $0) }) == 0 {
                    let date = try row.decode(Date.self, at: column)
                    cursor.fill(upTo: RFC3339.length) { RFC3339.write(date, into: $0) }
                }
            case (.text, nil), (.timestamp, nil):
                // A NULL where none may be (a schema change).
                throw PostgresError(
                    .decodingFailed(column: row.columns[column], type: "String", reason: .unexpectedNull))
            }
        }
    }
}
