import Foundation
import GuichetCore
import HTTPServer
import Postgres

extension OverdueReport {
    /// One overdue case as a JSON object, written from the row's text as libpq holds it: the
    /// strings are quoted in place and the timestamps rewritten to RFC 3339, with no `String` or
    /// `Date` per field. A first page is 100 of these per request, and decoding every field cost
    /// more than the rest of the request together. The office and the deadline date are decoded:
    /// they pick the calendar and count the days overdue.
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

        /// The object's fields in order, each after the constant text before it. The constants
        /// carry the quotes of the values around them, so a field is two appends: this runs 100
        /// times per page.
        private static let fields: [(before: StaticString, column: Int, value: Value)] = [
            ("{\"reference\":\"", Column.reference, .text),
            ("\",\"office\":\"", Column.office, .text),
            ("\",\"service\":\"", Column.service, .text),
            ("\",\"department\":\"", Column.department, .text),
            ("\",\"assignee\":", Column.assignee, .optionalText),
            (",\"status\":\"", Column.status, .text),
            ("\",\"received_at\":\"", Column.receivedAt, .timestamp),
            ("\",\"deadline_date\":\"", Column.deadlineDate, .text),
            ("\",\"deadline_at\":\"", Column.deadlineAt, .timestamp),
        ]

        static func append(_ row: PostgresRow, days: DaysOverdue, to out: inout [UInt8]) throws {
            let office: String = try row.decode(at: Column.office)
            let deadlineDate: LocalDate = try row.decode(at: Column.deadlineDate)
            func raw(_ text: StaticString) {
                text.withUTF8Buffer { out.append(contentsOf: $0) }
            }
            for field in fields {
                raw(field.before)
                let written = try row.withText(at: field.column) { bytes -> Bool in
                    switch (field.value, bytes) {
                    case (.optionalText, nil): raw("null")
                    case (.optionalText, let bytes?): JSONText.appendQuoted(utf8: bytes, to: &out)
                    case (.text, let bytes?): JSONText.appendEscaped(utf8: bytes, to: &out)
                    case (.timestamp, let bytes?): return RFC3339.append(postgresUTC: bytes, to: &out)
                    case (.text, nil), (.timestamp, nil): return false
                    }
                    return true
                }
                // A NULL where none may be (a schema change), or a timestamp in another form than the
                // session's UTC one: the decoder takes it, and names the column if it refuses.
                guard !written else { continue }
                if field.value == .timestamp {
                    RFC3339.append(try row.decode(Date.self, at: field.column), to: &out)
                } else {
                    _ = try row.decode(String.self, at: field.column)
                }
            }
            raw("\",\"days_overdue\":")
            var count = String(days.days(office: office, after: deadlineDate))
            count.withUTF8 { out.append(contentsOf: $0) }
            out.append(UInt8(ascii: "}"))
        }
    }
}
