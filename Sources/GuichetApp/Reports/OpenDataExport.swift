import Foundation
import GuichetCore
import HTTPServer
import Postgres

/// `GET /api/v1/opendata/cases.csv` and `.json`: per office, service, month of receipt (office-local)
/// and current status, the counts and delays of cases, with no personal data and no free text, and
/// small counts suppressed (``CaseFigures/published(threshold:)``). Fields: docs/OPENDATA.md.
///
/// Streamed: one query in group order, each group written as soon as the next begins, so memory
/// holds one group whatever the register's size.
struct OpenDataExport: Sendable {
    let workflow: CaseWorkflow
    /// Counts below it are withheld.
    let threshold: Int

    static let columns = [
        "office", "service", "kind", "month", "status", "received", "resolved", "on_time", "on_time_rate",
        "median_working_days", "satisfaction", "ratings", "suppressed",
    ]

    /// One published row.
    struct Row {
        var office: String
        var service: String
        var kind: String
        var month: String
        var status: String
        var figures: PublishedFigures

        var csv: String {
            let values: [String] = [
                office, service, kind, month, status, text(figures.received), text(figures.resolved),
                text(figures.onTime), text(figures.onTimeRate), text(figures.medianWorkingDays),
                text(figures.satisfaction), text(figures.ratings), figures.suppressed.joined(separator: ";"),
            ]
            return values.map(CSV.field).joined(separator: ",") + "\n"
        }

        var json: String {
            var out = "{"
            for (name, value) in [("office", office), ("service", service), ("kind", kind), ("month", month)] {
                JSONText.appendQuoted(name, to: &out)
                out += ":"
                JSONText.appendQuoted(value, to: &out)
                out += ","
            }
            out += "\"status\":"
            JSONText.appendQuoted(status, to: &out)
            out += ",\"received\":\(number(figures.received)),\"resolved\":\(number(figures.resolved))"
            out += ",\"on_time\":\(number(figures.onTime)),\"on_time_rate\":\(number(figures.onTimeRate))"
            out += ",\"median_working_days\":\(number(figures.medianWorkingDays))"
            out += ",\"satisfaction\":\(number(figures.satisfaction)),\"ratings\":\(number(figures.ratings))"
            out += ",\"suppressed\":[" + figures.suppressed.map { "\"\($0)\"" }.joined(separator: ",") + "]}"
            return out
        }

        private func text<Value: CustomStringConvertible>(_ value: Value?) -> String { value?.description ?? "" }
        private func number<Value: CustomStringConvertible>(_ value: Value?) -> String { value?.description ?? "null" }
    }

    func response(csv: Bool) -> Response {
        let headers = HeaderFields.jsonOrCSV(
            csv: csv, filename: "guichet-cases.csv", cacheControl: "public, max-age=300")
        return Response(status: .ok, headers: headers) { writer in
            var buffer: [UInt8] = []
            func flush(force: Bool = false) throws {
                if buffer.count >= 32 * 1024 || (force && !buffer.isEmpty) {
                    try writer.write(buffer)
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            buffer += Array(
                (csv
                    ? Self.columns.joined(separator: ",") + "\n"
                    : "{\"suppression_threshold\":\(threshold),\"items\":[").utf8)
            var first = true
            try forEachRow { row in
                if csv {
                    buffer += Array(row.csv.utf8)
                } else {
                    if !first { buffer.append(UInt8(ascii: ",")) }
                    buffer += Array(row.json.utf8)
                }
                first = false
                try flush()
            }
            if !csv { buffer += Array("]}".utf8) }
            try flush(force: true)
        }
    }

    /// Every published row, in (office, service, month, status) order.
    func forEachRow(_ body: (Row) throws -> Void) throws {
        try workflow.reports.read { connection in
            // Calendars first: the connection is busy once rows flow.
            var calendars: [String: WorkingCalendar] = [:]
            for office in try CatalogueStore(connection: connection).offices() {
                calendars[office.code] = try workflow.calendars.calendar(for: office.code, connection: connection)?.1
            }
            // Only codes, dates and numbers are read: never a subject, a message or an applicant.
            let query: PostgresQuery = """
                SELECT c.office, c.service, c.kind, c.status, c.received_at, c.deadline_at, c.first_answered_at,
                       to_char(c.received_at AT TIME ZONE o.timezone, 'YYYY-MM') AS month, f.rating
                  FROM cases c
                  JOIN offices o ON o.code = c.office
                  LEFT JOIN case_feedback f ON f.office = c.office AND f.reference = c.reference
                 ORDER BY c.office, c.service, month, c.status
                """
            var key: [String]?
            var kind = ""
            var figures = CaseFigures()
            func emit() throws {
                guard let key else { return }
                try body(
                    Row(
                        office: key[0], service: key[1], kind: kind, month: key[2], status: key[3],
                        figures: figures.published(threshold: threshold)))
            }
            try connection.forEachRow(query) { row in
                let office: String = try row.decode(column: "office")
                let rowKey = [
                    office, try row.decode(String.self, column: "service"),
                    try row.decode(String.self, column: "month"),
                    try row.decode(String.self, column: "status"),
                ]
                if rowKey != key {
                    try emit()
                    key = rowKey
                    kind = try row.decode(column: "kind")
                    figures = CaseFigures()
                }
                figures.add(
                    receivedAt: try row.decode(column: "received_at"),
                    answeredAt: try row.decode(column: "first_answered_at"),
                    deadlineAt: try row.decode(column: "deadline_at"), rating: try row.decode(column: "rating"),
                    calendar: calendars[office])
            }
            try emit()
        }
    }
}
