import Foundation
import Postgres
import XCTest

/// Every supported type survives a trip through the server, NULL included.
final class CodecTests: PostgresTestCase {
    private func roundTrip<Value: PostgresEncodable & PostgresDecodable & Equatable>(
        _ value: Value, as sqlType: String, file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let connection = try connect()
        let rows = try connection.query("SELECT \(value)::\(unsafeSQL: sqlType) AS v")
        let decoded = try XCTUnwrap(rows.first).decode(Value.self, column: "v")
        XCTAssertEqual(decoded, value, "\(sqlType)", file: file, line: line)
    }

    func testStrings() throws {
        for value in ["", "plain", "Ünïcödé – عربي – 日本語 – 🇹🇳", "quote ' and \" and \\ backslash", "line\nbreak\ttab"] {
            try roundTrip(value, as: "text")
        }
    }

    func testIntegers() throws {
        for value in [0, 1, -1, Int.max, Int.min, 42] { try roundTrip(value, as: "int8") }
        for value in [Int64.max, Int64.min] { try roundTrip(value, as: "int8") }
        for value in [Int32.max, Int32.min, 0] { try roundTrip(value, as: "int4") }
        for value in [Int16.max, Int16.min, -7] { try roundTrip(value, as: "int2") }
    }

    /// Integers are read from the bytes by hand: what `Int("…")` accepts, and nothing else.
    func testIntegerTextIsReadStrictly() throws {
        XCTAssertEqual(try Int(postgresText: "+5", type: .int8), 5)
        XCTAssertEqual(try Int(postgresText: "-0", type: .int8), 0)
        XCTAssertEqual(try Int(postgresText: "-9223372036854775808", type: .int8), Int.min)
        XCTAssertEqual(try Int16(postgresText: "-32768", type: .int2), Int16.min)
        for text in ["", "-", "+", "12a", " 1", "1 ", "9223372036854775808", "--1", "1e3", "٣"] {
            XCTAssertThrowsError(try Int(postgresText: text, type: .int8), "\(text) was accepted")
        }
        XCTAssertThrowsError(try Int16(postgresText: "32768", type: .int2))
        XCTAssertThrowsError(try Int(postgresText: "1", type: .text), "a text column is not an integer")
        XCTAssertThrowsError(try Bool(postgresText: "true", type: .bool), "boolout writes t or f")
        XCTAssertEqual(try Bool(postgresText: "t", type: .bool), true)
    }

    func testFloatsAndBooleans() throws {
        for value in [0.0, -1.5, 3.141592653589793, 1e-300, 1.7976931348623157e308, .infinity, -.infinity] {
            try roundTrip(value, as: "float8")
        }
        let connection = try connect()
        let nan = try connection.query("SELECT \(Double.nan) AS v").first?.decode(Double.self, column: "v")
        XCTAssertEqual(nan?.isNaN, true)
        try roundTrip(Float(1.25), as: "float4")
        try roundTrip(true, as: "bool")
        try roundTrip(false, as: "bool")
    }

    func testTimestamps() throws {
        let connection = try connect()
        let rows = try connection.query("SELECT '2026-11-23 10:00:00.123456+01'::timestamptz AS t")
        let date = try XCTUnwrap(rows.first).decode(Date.self, column: "t")
        XCTAssertEqual(date.timeIntervalSince1970, 1_795_424_400.123456, accuracy: 1e-6)
        // The session is UTC with ISO output.
        let text = try XCTUnwrap(connection.query("SELECT '2026-11-23 09:00:00Z'::timestamptz::text AS t").first)
        XCTAssertEqual(try text.decode(String.self, column: "t"), "2026-11-23 09:00:00+00")

        for seconds in [
            0, 1_795_424_400.5, 1_795_424_400.000001, -1_000_000_000.25, 253_402_300_799.999999,
            -62_200_000_000.5,  // 2 BC: the era goes after the offset
        ] {
            let value = Date(timeIntervalSince1970: seconds)
            let back = try XCTUnwrap(connection.query("SELECT \(value) AS t").first).decode(Date.self, column: "t")
            XCTAssertEqual(back.timeIntervalSince1970, seconds, accuracy: 1e-6, "\(seconds)")
        }
        // Another offset in the text is still understood.
        try connection.execute("SET TimeZone = 'Asia/Kolkata'")
        let india = try XCTUnwrap(connection.query("SELECT '2026-11-23 09:00:00Z'::timestamptz AS t").first)
        XCTAssertEqual(try india.decode(Date.self, column: "t").timeIntervalSince1970, 1_795_424_400, "same instant, other offset in the text")
    }

    func testTextInitialisersAgreeWithTheBytesRowsAreDecodedFrom() throws {
        XCTAssertEqual(
            try Date(postgresText: "2026-11-23 10:00:00.123456+01", type: .timestamptz).timeIntervalSince1970,
            1_795_424_400.123456, accuracy: 1e-6)
        XCTAssertThrowsError(try Date(postgresText: "2026-11-23 10:00:00", type: .date))
        XCTAssertThrowsError(try Date(postgresText: "2026-11-23 25:00:00+00", type: .timestamptz))
        XCTAssertEqual(try PostgresDate(postgresText: "2026-11-23", type: .date), PostgresDate(year: 2026, month: 11, day: 23))
        XCTAssertThrowsError(try PostgresDate(postgresText: "2026-11-23x", type: .date))
        XCTAssertEqual(PostgresDate("0044-03-15 BC"), PostgresDate(year: -43, month: 3, day: 15))

        // withTexts lends the bytes as the server wrote them, nil for NULL or a column the row
        // does not have.
        let row = try XCTUnwrap(try connect().query("SELECT 'Ünï \"x\"'::text AS a, NULL::text AS b, ''::text AS c").first)
        row.withTexts { texts in
            XCTAssertEqual(texts[0].map { String(decoding: $0, as: UTF8.self) }, "Ünï \"x\"")
            XCTAssertNil(texts[1], "NULL")
            XCTAssertEqual(texts[2]?.count, 0, "empty, not NULL")
            XCTAssertNil(texts[3])
            XCTAssertNil(texts[-1])
            XCTAssertEqual(texts.count, 3)
        }
    }

    func testDatesUUIDAndBytea() throws {
        try roundTrip(PostgresDate(year: 2026, month: 11, day: 23), as: "date")
        try roundTrip(PostgresDate(year: 2024, month: 2, day: 29), as: "date")
        try roundTrip(PostgresDate(year: 1, month: 1, day: 1), as: "date")
        XCTAssertEqual(PostgresDate(daysSince1970: PostgresDate(year: 2026, month: 12, day: 17).daysSince1970).description, "2026-12-17")
        XCTAssertNil(PostgresDate("2026-02-30"))
        try roundTrip(UUID(), as: "uuid")
        try roundTrip([UInt8](), as: "bytea")
        try roundTrip([UInt8](0...255), as: "bytea")
        try roundTrip([0x00, 0x5c, 0x27, 0xff] as [UInt8], as: "bytea")
    }

    func testJSON() throws {
        struct Document: Codable, Equatable {
            var name: String
            var pages: Int
            var tags: [String]
        }
        let value = PostgresJSON(Document(name: "Extrait d'acte de naissance", pages: 2, tags: ["état civil", "عربي"]))
        try roundTrip(value, as: "jsonb")
        try roundTrip(value, as: "json")
        let connection = try connect()
        let row = try XCTUnwrap(connection.query("SELECT \(value)->>'name' AS name").first)
        XCTAssertEqual(try row.decode(String.self, column: "name"), "Extrait d'acte de naissance")
    }

    func testNullsAndOptionals() throws {
        let connection = try connect()
        try connection.execute(
            "CREATE TABLE t (s text, i int8, b bool, d timestamptz, u uuid, y bytea, j jsonb, dt date)")
        let none: String? = nil
        try connection.execute(
            """
            INSERT INTO t VALUES (\(none), \(Int?.none), \(Bool?.none), \(Date?.none), \(UUID?.none),
                \([UInt8]?.none), \(PostgresJSON<[Int]>?.none), \(PostgresDate?.none))
            """)
        let row = try XCTUnwrap(connection.query("SELECT * FROM t").first)
        XCTAssertNil(try row.decode(String?.self, column: "s"))
        XCTAssertNil(try row.decode(Int?.self, column: "i"))
        XCTAssertNil(try row.decode(Bool?.self, column: "b"))
        XCTAssertNil(try row.decode(Date?.self, column: "d"))
        XCTAssertNil(try row.decode(UUID?.self, column: "u"))
        XCTAssertNil(try row.decode([UInt8]?.self, column: "y"))
        XCTAssertNil(try row.decode(PostgresJSON<[Int]>?.self, column: "j"))
        XCTAssertNil(try row.decode(PostgresDate?.self, column: "dt"))
        XCTAssertTrue(row.isNull(column: "s"))
        XCTAssertEqual(try row.decode(Int?.self, at: 1), nil)

        let some: Int? = 7
        XCTAssertEqual(try connection.query("SELECT \(some) + 1 AS v").first?.decode(Int?.self, column: "v"), 8)
    }

    func testTypedBindsLetTheServerInferExpressions() throws {
        let connection = try connect()
        let row = try XCTUnwrap(
            connection.query(
                "SELECT \(41) + 1 AS n, \(true) AND true AS b, \(Date(timeIntervalSince1970: 0)) + interval '1 day' AS d"
            ).first)
        XCTAssertEqual(try row.decode(Int.self, column: "n"), 42)
        XCTAssertEqual(try row.decode(Bool.self, column: "b"), true)
        XCTAssertEqual(try row.decode(Date.self, column: "d"), Date(timeIntervalSince1970: 86_400))
    }

    func testDecodingErrorsNameColumnAndType() throws {
        let connection = try connect()
        let row = try XCTUnwrap(
            connection.query("SELECT NULL::int8 AS missing, 'secret-value' AS word, 100000 AS big").first)

        let null = assertPostgresError { _ = try row.decode(Int.self, column: "missing") }
        XCTAssertEqual(null?.kind, .decodingFailed(column: "missing", type: "Int", reason: .unexpectedNull))

        let mismatch = assertPostgresError { _ = try row.decode(Int.self, column: "word") }
        XCTAssertEqual(mismatch?.kind, .decodingFailed(column: "word", type: "Int", reason: .typeMismatch(.text)))
        XCTAssertFalse(String(describing: try XCTUnwrap(mismatch)).contains("secret-value"))

        let range = assertPostgresError { _ = try row.decode(Int16.self, column: "big") }
        XCTAssertEqual(range?.kind, .decodingFailed(column: "big", type: "Int16", reason: .invalidValue))

        let unknown = assertPostgresError { _ = try row.decode(String.self, column: "nope") }
        XCTAssertEqual(unknown?.kind, .decodingFailed(column: "nope", type: "String", reason: .noSuchColumn))
        let description = String(describing: try XCTUnwrap(unknown))
        XCTAssertTrue(description.contains("nope") && description.contains("String"), description)

        let position = assertPostgresError { _ = try row.decode(String.self, at: 9) }
        XCTAssertEqual(position?.kind, .decodingFailed(column: "#9", type: "String", reason: .noSuchColumn))
    }

    func testRowsCollection() throws {
        let connection = try connect()
        let rows = try connection.query("SELECT n, n * 2 AS double FROM generate_series(1, 5) AS n")
        XCTAssertEqual(rows.count, 5)
        XCTAssertEqual(rows.columns, ["n", "double"])
        XCTAssertEqual(rows.columnTypes, [.int4, .int4])
        XCTAssertEqual(try rows.map { try $0.decode(Int.self, column: "double") }, [2, 4, 6, 8, 10])
        XCTAssertEqual(try rows.first?.decode(Int32.self, at: 0), 1)
        XCTAssertTrue(try connection.query("SELECT 1 WHERE false").isEmpty)
    }
}

/// One-dimensional arrays, mostly for `= ANY(…)` filters.
final class ArrayCodecTests: PostgresTestCase {
    func testArraysRoundTrip() throws {
        let connection = try connect()
        let strings = PostgresArray(["a", "", "with space", "quote \" and \\ backslash", "NULL", "{braces},comma", "عربي"])
        let back = try XCTUnwrap(connection.query("SELECT \(strings) AS v").first).decode(PostgresArray<String>.self, column: "v")
        XCTAssertEqual(back, strings)
        let ints = PostgresArray([1, -2, Int.max])
        XCTAssertEqual(try connection.query("SELECT \(ints) AS v").first?.decode(PostgresArray<Int>.self, column: "v"), ints)
        let empty = PostgresArray([UUID]())
        XCTAssertEqual(try connection.query("SELECT \(empty) AS v").first?.decode(PostgresArray<UUID>.self, column: "v"), empty)
        let dates = PostgresArray([PostgresDate(year: 2026, month: 12, day: 17)])
        XCTAssertEqual(try connection.query("SELECT \(dates) AS v").first?.decode(PostgresArray<PostgresDate>.self, column: "v"), dates)
        // Timestamps come back quoted (they hold a space), each element parsed from its bytes.
        let instants = try XCTUnwrap(
            connection.query("SELECT ARRAY['2026-11-23 10:00:00.5+01', '1969-12-31 23:59:59Z']::timestamptz[] AS v").first)
        XCTAssertEqual(
            try instants.decode(PostgresArray<Date>.self, column: "v").elements.map(\.timeIntervalSince1970),
            [1_795_424_400.5, -1])
        let fromServer = try XCTUnwrap(connection.query("SELECT ARRAY[1, 2, 3]::int4[] AS v").first)
        XCTAssertEqual(try fromServer.decode(PostgresArray<Int32>.self, column: "v").elements, [1, 2, 3])
        // The text "NULL" comes back quoted, a NULL element unquoted; multi-byte text and escapes.
        let texts = try XCTUnwrap(connection.query("SELECT ARRAY['x', 'NULL', 'null', 'é,\"\\'] AS v").first)
        XCTAssertEqual(try texts.decode(PostgresArray<String>.self, column: "v").elements, ["x", "NULL", "null", "é,\"\\"])
        let withNulls = try XCTUnwrap(connection.query("SELECT ARRAY['x', NULL] AS v").first)
        XCTAssertThrowsError(try withNulls.decode(PostgresArray<String>.self, column: "v"), "NULL into a non-optional")
    }

    func testAnyFilter() throws {
        let connection = try connect()
        try connection.execute("CREATE TABLE cases (status text)")
        try connection.execute("INSERT INTO cases VALUES ('received'), ('resolved'), ('closed'), ('in_progress')")
        let open = PostgresArray(["received", "in_progress"])
        let count = try connection.query("SELECT count(*) AS n FROM cases WHERE status = ANY(\(open))").first
        XCTAssertEqual(try count?.decode(Int.self, column: "n"), 2)
    }

    func testNullElementIsReported() throws {
        let connection = try connect()
        let row = try XCTUnwrap(connection.query("SELECT ARRAY['a', NULL] AS v").first)
        let error = assertPostgresError { _ = try row.decode(PostgresArray<String>.self, column: "v") }
        XCTAssertEqual(error?.kind, .decodingFailed(column: "v", type: "PostgresArray<String>", reason: .unexpectedNull))
    }
}
