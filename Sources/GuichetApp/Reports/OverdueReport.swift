import Foundation
import GuichetCore
import HTTPServer
import Postgres

/// `GET /api/v1/reports/overdue`: open cases past their deadline, most overdue first, as JSON or
/// CSV. Streamed from a single-row-mode query, so 100,000 rows never sit in memory.
struct OverdueReport: Sendable {
    let workflow: CaseWorkflow

    struct Filter: Sendable {
        var office: String?
        var department: String?
        var service: String?
        var assignee: String?
        var limit: Int?
    }

    static let csvHeader =
        "reference,office,service,department,assignee,status,received_at,deadline_date,deadline_at,days_overdue\n"

    func response(filter: Filter, csv: Bool) -> Response {
        let now = workflow.clock.now()
        var headers: HeaderFields = ["Cache-Control": "no-store"]
        if csv {
            headers.add("Content-Type", "text/csv; charset=utf-8")
            headers.add("Content-Disposition", "attachment; filename=\"overdue.csv\"")
        } else {
            headers.add("Content-Type", "application/json")
        }
        return Response(status: .ok, headers: headers) { writer in
            var buffer: [UInt8] = []
            buffer.reserveCapacity(64 * 1024)
            func flush(force: Bool = false) throws {
                if buffer.count >= 32 * 1024 || (force && !buffer.isEmpty) {
                    try writer.write(buffer)
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            buffer += Array((csv ? Self.csvHeader : "{\"items\":[").utf8)
            var first = true
            try workflow.reports.read { connection in
                // Calendars first: the connection is busy streaming once rows flow.
                var calendars: [String: WorkingCalendar] = [:]
                for office in try CatalogueStore(connection: connection).offices() {
                    calendars[office.code] = try workflow.calendars.calendar(for: office.code, connection: connection)?
                        .1
                }
                try connection.forEachRow(query(filter, now: now)) { row in
                    let office: String = try row.decode(column: "office")
                    let deadlineDate: LocalDate = try row.decode(column: "deadline_date")
                    let days =
                        calendars[office].map { calendar in
                            calendar.workingDays(after: deadlineDate, through: calendar.localDate(of: now))
                        } ?? 0
                    let line = try Line(row: row, daysOverdue: days)
                    if csv {
                        buffer += Array(line.csv.utf8)
                    } else {
                        if !first { buffer.append(UInt8(ascii: ",")) }
                        buffer += Array(line.json.utf8)
                    }
                    first = false
                    try flush()
                }
            }
            if !csv { buffer += Array("]}".utf8) }
            try flush(force: true)
        }
    }

    private func query(_ filter: Filter, now: Date) -> PostgresQuery {
        var sql: PostgresQuery = """
            SELECT reference, office, service, department, assignee, status, received_at, deadline_date, deadline_at
              FROM cases
             WHERE status IN ('received', 'in_progress') AND deadline_at <= \(now)
            """
        if let office = filter.office { sql.append(" AND office = \(office)") }
        if let department = filter.department { sql.append(" AND department = \(department)") }
        if let service = filter.service { sql.append(" AND service = \(service)") }
        if let assignee = filter.assignee { sql.append(" AND assignee = \(assignee)") }
        sql.append(" ORDER BY deadline_at, reference")
        if let limit = filter.limit { sql.append(" LIMIT \(limit)") }
        return sql
    }

    /// One overdue case.
    struct Line {
        var reference: String
        var office: String
        var service: String
        var department: String
        var assignee: String?
        var status: String
        var receivedAt: Date
        var deadlineDate: LocalDate
        var deadlineAt: Date
        var daysOverdue: Int

        init(row: PostgresRow, daysOverdue: Int) throws {
            reference = try row.decode(column: "reference")
            office = try row.decode(column: "office")
            service = try row.decode(column: "service")
            department = try row.decode(column: "department")
            assignee = try row.decode(column: "assignee")
            status = try row.decode(column: "status")
            receivedAt = try row.decode(column: "received_at")
            deadlineDate = try row.decode(column: "deadline_date")
            deadlineAt = try row.decode(column: "deadline_at")
            self.daysOverdue = daysOverdue
        }

        var csv: String {
            [
                reference, office, service, department, assignee ?? "", status, RFC3339.string(receivedAt),
                deadlineDate.description, RFC3339.string(deadlineAt), String(daysOverdue),
            ].map(CSV.field).joined(separator: ",") + "\n"
        }

        var json: String {
            var out = "{"
            func member(_ name: String, _ value: String?, last: Bool = false) {
                JSONText.appendQuoted(name, to: &out)
                out += ":"
                if let value { JSONText.appendQuoted(value, to: &out) } else { out += "null" }
                if !last { out += "," }
            }
            member("reference", reference)
            member("office", office)
            member("service", service)
            member("department", department)
            member("assignee", assignee)
            member("status", status)
            member("received_at", RFC3339.string(receivedAt))
            member("deadline_date", deadlineDate.description)
            member("deadline_at", RFC3339.string(deadlineAt))
            out += "\"days_overdue\":\(daysOverdue)}"
            return out
        }
    }
}

/// CSV fields per RFC 4180, and neutralised against spreadsheet formula injection (a field
/// starting with `=`, `+`, `-` or `@` opens in Excel as a formula).
enum CSV {
    static func field(_ value: String) -> String {
        var text = value
        if let first = text.first, "=+-@\t\r".contains(first) { text = "'" + text }
        if text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return text
    }
}

/// RFC 3339 timestamps in UTC, whole seconds, as the API writes them; computed by hand (civil
/// from days) because formatters are costly on per-row and per-request paths.
enum RFC3339 {
    static func string(_ date: Date) -> String {
        var bytes: [UInt8] = []
        append(date, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the timestamp's 20 bytes (`2026-11-23T09:00:00Z`; years outside 0–9999 clamp).
    static func append(_ date: Date, to out: inout [UInt8]) {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        var days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        days += 719_468
        let era = (days >= 0 ? days : days - 146_096) / 146_097
        let dayOfEra = days - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthPrime = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthPrime + 2) / 5 + 1
        let month = monthPrime < 10 ? monthPrime + 3 : monthPrime - 9
        let year = min(max(yearOfEra + era * 400 + (month <= 2 ? 1 : 0), 0), 9999)
        func digits(_ value: Int64, _ count: Int) {
            var divisor: Int64 = 1
            for _ in 1..<count { divisor *= 10 }
            while divisor > 0 {
                out.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
                divisor /= 10
            }
        }
        digits(year, 4)
        out.append(UInt8(ascii: "-"))
        digits(month, 2)
        out.append(UInt8(ascii: "-"))
        digits(day, 2)
        out.append(UInt8(ascii: "T"))
        digits(secondOfDay / 3600, 2)
        out.append(UInt8(ascii: ":"))
        digits(secondOfDay % 3600 / 60, 2)
        out.append(UInt8(ascii: ":"))
        digits(secondOfDay % 60, 2)
        out.append(UInt8(ascii: "Z"))
    }
}
