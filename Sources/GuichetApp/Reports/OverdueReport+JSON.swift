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
            func raw(_ text: StaticString) {
                text.withUTF8Buffer { out.append(contentsOf: $0) }
            }
            func text(_ key: StaticString, _ column: Int) throws {
                raw(key)
                try row.withText(at: column) { bytes in
                    if let bytes { JSONText.appendQuoted(utf8: bytes, to: &out) } else { raw("null") }
                }
            }
            func timestamp(_ key: StaticString, _ column: Int) throws {
                raw(key)
                out.append(UInt8(ascii: "\""))
                let copied = try row.withText(at: column) { bytes in
                    bytes.map { RFC3339.append(postgresUTC: $0, to: &out) } ?? false
                }
                // Anything but the session's own UTC form (or a NULL, which the decoder refuses
                // by name) goes through `Date`.
                if !copied { RFC3339.append(try row.decode(Date.self, at: column), to: &out) }
                out.append(UInt8(ascii: "\""))
            }
            try text("{\"reference\":", Column.reference)
            try text(",\"office\":", Column.office)
            try text(",\"service\":", Column.service)
            try text(",\"department\":", Column.department)
            try text(",\"assignee\":", Column.assignee)
            try text(",\"status\":", Column.status)
            try timestamp(",\"received_at\":", Column.receivedAt)
            raw(",\"deadline_date\":")
            JSONText.appendQuoted(deadlineDate.description, to: &out)
            try timestamp(",\"deadline_at\":", Column.deadlineAt)
            raw(",\"days_overdue\":")
            var count = String(days.days(office: office, after: deadlineDate))
            count.withUTF8 { out.append(contentsOf: $0) }
            out.append(UInt8(ascii: "}"))
        }
    }
}
