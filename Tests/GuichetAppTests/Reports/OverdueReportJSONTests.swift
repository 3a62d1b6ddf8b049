import Foundation
import Postgres
import TestSupport
import XCTest

@testable import GuichetApp

/// The overdue report's JSON rows are written from libpq's text through a pointer into room
/// reserved per row (`OverdueReport.JSONLine`, `ByteSpool`): over real rows from PostgreSQL, the
/// bytes must parse to exactly what decoding the row gives, whatever the values hold, in either
/// form the server writes timestamps.
final class OverdueReportJSONTests: XCTestCase {
    private var database: TestDatabase?

    override func setUpWithError() throws {
        database = try TestDatabase()
    }

    override func tearDownWithError() throws {
        try database?.drop()
    }

    /// The report's select list over literal rows, with awkward text in every text column.
    private static let rows: PostgresQuery = """
        SELECT reference, office, service, department, assignee, status,
               received_at::timestamptz, deadline_date::date, deadline_at::timestamptz
          FROM (VALUES
            ('TUN-2026-000001', 'TUN', 'birth-certificate', 'etat-civil', NULL,
             'received', '2026-11-02 08:30:00.25+00', '2026-11-20', '2026-11-20 17:00:00+00'),
            ('quote " and \\ backslash', 'عربي', E'tab\\tnewline\\ncontrol\\x01\\x1f', '€ ✓ 😀 ' || repeat('x', 300),
             E'line\\u2028sep\\u2029', 'in_progress', '1970-01-01 00:00:00+00', '0001-01-01', '9998-12-31 23:59:59.5+00'),
            ('', 'RBA', repeat('"', 200), repeat(E'\\x02', 100), '', 'received',
             '2026-03-29 01:30:00+00', '2026-03-29', '2026-03-29 02:30:00+00')
          ) AS v(reference, office, service, department, assignee, status, received_at, deadline_date, deadline_at)
        """

    private func written(_ connection: PostgresConnection) throws -> (json: [[String: Any]], decoded: [[String: Any]]) {
        var spool = ByteSpool(capacity: 64)
        var decoded: [[String: Any]] = []
        let days = OverdueReport.DaysOverdue(now: Date(), [:])
        let rows = try connection.query(Self.rows)
        spool.write(reserving: 1) { $0.put(UInt8(ascii: "[")) }
        for (index, row) in rows.enumerated() {
            try OverdueReport.JSONLine.append(row, days: days, comma: index > 0, to: &spool)
            let line = try OverdueReport.Line(row: row, days: days)
            decoded.append([
                "reference": line.reference, "office": line.office, "service": line.service,
                "department": line.department, "assignee": line.assignee ?? NSNull(), "status": line.status,
                "received_at": RFC3339.string(line.receivedAt), "deadline_date": line.deadlineDate.description,
                "deadline_at": RFC3339.string(line.deadlineAt), "days_overdue": line.daysOverdue,
            ])
        }
        spool.write(reserving: 1) { $0.put(UInt8(ascii: "]")) }
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(spool.take())) as? [[String: Any]])
        return (json, decoded)
    }

    func testRowsAreWhatDecodingThemGives() throws {
        let connection = try XCTUnwrap(database).connect()
        let (json, decoded) = try written(connection)
        XCTAssertEqual(json.count, 3)
        XCTAssertEqual(json.map { NSDictionary(dictionary: $0) }, decoded.map { NSDictionary(dictionary: $0) })
        XCTAssertEqual(json.first?["received_at"] as? String, "2026-11-02T08:30:00Z", "the fraction is dropped")
        XCTAssertTrue(json.first?["assignee"] is NSNull, "NULL is null, not left out")
    }

    func testTimestampsInAnotherZoneTakeTheDecoder() throws {
        let connection = try XCTUnwrap(database).connect()
        let utc = try written(connection).json
        // The server then writes `2026-11-02 14:00:00.25+05:30`: not the copied form.
        try connection.execute("SET TimeZone = 'Asia/Kolkata'")
        let (json, decoded) = try written(connection)
        XCTAssertEqual(json.map { NSDictionary(dictionary: $0) }, utc.map { NSDictionary(dictionary: $0) })
        XCTAssertEqual(json.map { NSDictionary(dictionary: $0) }, decoded.map { NSDictionary(dictionary: $0) })
    }

    func testANullWhereNoneMayBeIsNamedAndLeavesNothing() throws {
        let connection = try XCTUnwrap(database).connect()
        let row = try XCTUnwrap(
            try connection.query(
                """
                SELECT 'TUN-1'::text AS reference, 'TUN'::text AS office, NULL::text AS service, 'd'::text AS department,
                       NULL::text AS assignee, 'received'::text AS status, now() AS received_at,
                       '2026-11-20'::date AS deadline_date, now() AS deadline_at
                """
            ).first)
        var spool = ByteSpool(capacity: 16)
        spool.write(reserving: 3) { $0.put(UInt8(ascii: "[")) }
        XCTAssertThrowsError(
            try OverdueReport.JSONLine.append(row, days: .init(now: Date(), [:]), comma: true, to: &spool)
        ) { error in
            guard case .decodingFailed(let column, _, .unexpectedNull)? = (error as? PostgresError)?.kind else {
                return XCTFail("\(error)")
            }
            XCTAssertEqual(column, "service")
        }
        XCTAssertEqual(spool.take(), Array("[".utf8), "the failed row left nothing behind, not even its comma")
    }

    func testAMissingColumnIsAnErrorNotANull() throws {
        let connection = try XCTUnwrap(database).connect()
        // The select list without its last column (deadline_at).
        let row = try XCTUnwrap(
            try connection.query(
                """
                SELECT 'TUN-1'::text, 'TUN'::text, 's'::text, 'd'::text, NULL::text, 'received'::text, now(),
                       '2026-11-20'::date
                """
            ).first)
        var spool = ByteSpool(capacity: 16)
        XCTAssertThrowsError(try OverdueReport.JSONLine.append(row, days: .init(now: Date(), [:]), comma: false, to: &spool)) {
            error in
            guard case .decodingFailed(_, _, .noSuchColumn)? = (error as? PostgresError)?.kind else {
                return XCTFail("\(error)")
            }
        }
        XCTAssertEqual(spool.count, 0)
    }
}
