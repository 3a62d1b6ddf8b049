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
        static func append(_ row: PostgresRow, days: DaysOverdue, to out: inout [UInt8]) throws {
            let office: String = try row.decode(at: Column.office)
            let deadlineDate: LocalDate = try row.decode(at: Column.deadlineDate)
            // The constant text between values carries the values' quotes, so each field is two
            // appends: this runs 100 times per page.
            func raw(_ text: StaticString) {
                text.withUTF8Buffer { out.append(contentsOf: $0) }
            }
            /// A text column that is never NULL, inside quotes the constants write.
            func text(_ column: Int) throws {
                let written = try row.withText(at: column) { bytes in
                    bytes.map { JSONText.appendEscaped(utf8: $0, to: &out) } != nil
                }
                // A NULL here is a schema change: the decoder refuses it, naming the column.
                if !written { _ = try row.decode(String.self, at: column) }
            }
            func timestamp(_ column: Int) throws {
                let copied = try row.withText(at: column) { bytes in
                    bytes.map { RFC3339.append(postgresUTC: $0, to: &out) } ?? false
                }
                // Anything but the session's own UTC form (or a NULL, which the decoder refuses
                // by name) goes through `Date`.
                if !copied { RFC3339.append(try row.decode(Date.self, at: column), to: &out) }
            }
            raw("{\"reference\":\"")
            try text(Column.reference)
            raw("\",\"office\":\"")
            try text(Column.office)
            raw("\",\"service\":\"")
            try text(Column.service)
            raw("\",\"department\":\"")
            try text(Column.department)
            raw("\",\"assignee\":")
            try row.withText(at: Column.assignee) { bytes in
                if let bytes { JSONText.appendQuoted(utf8: bytes, to: &out) } else { raw("null") }
            }
            raw(",\"status\":\"")
            try text(Column.status)
            raw("\",\"received_at\":\"")
            try timestamp(Column.receivedAt)
            raw("\",\"deadline_date\":\"")
            try text(Column.deadlineDate)
            raw("\",\"deadline_at\":\"")
            try timestamp(Column.deadlineAt)
            raw("\",\"days_overdue\":")
            var count = String(days.days(office: office, after: deadlineDate))
            count.withUTF8 { out.append(contentsOf: $0) }
            out.append(UInt8(ascii: "}"))
        }
    }
}
