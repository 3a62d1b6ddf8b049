import Postgres
import XCTest

/// Values travel as binds; only `unsafeSQL:` splices text.
final class QueryTests: PostgresTestCase {
    func testInterpolationBuildsPlaceholders() {
        let reference = "TUN-2026-000042"
        let limit = 20
        let query: PostgresQuery = "SELECT * FROM cases WHERE reference = \(reference) LIMIT \(limit)"
        XCTAssertEqual(query.sql, "SELECT * FROM cases WHERE reference = $1 LIMIT $2")
        XCTAssertEqual(query.binds.count, 2)
        XCTAssertEqual(query.binds.types, [.text, .int8])
    }

    func testUnsafeSQLIsTheOnlyWayToSpliceText() {
        let order = "created_at DESC"
        let query: PostgresQuery = "SELECT 1 ORDER BY \(unsafeSQL: order)"
        XCTAssertEqual(query.sql, "SELECT 1 ORDER BY created_at DESC")
        XCTAssertEqual(query.binds.count, 0)
    }

    func testFragmentsComposeAndRenumber() throws {
        var filter: PostgresQuery = "TRUE"
        for status in ["received", "in_progress"] {
            filter.append(" AND s <> \(status)")
        }
        let query: PostgresQuery = "SELECT count(*) AS n FROM (VALUES (\(1), 'resolved')) AS t(i, s) WHERE i = \(1) AND \(filter)"
        XCTAssertEqual(query.sql, "SELECT count(*) AS n FROM (VALUES ($1, 'resolved')) AS t(i, s) WHERE i = $2 AND TRUE AND s <> $3 AND s <> $4")
        let connection = try connect()
        XCTAssertEqual(try connection.query(query).first?.decode(Int.self, column: "n"), 1)
        XCTAssertEqual(("SELECT \(1)" as PostgresQuery + " + \(2) AS n").sql, "SELECT $1 + $2 AS n")
    }

    func testInjectionLookingStringsAreStoredVerbatim() throws {
        let connection = try connect()
        try connection.execute("CREATE TABLE notes (body text)")
        let attacks = [
            "'); DROP TABLE notes; --",
            "' OR '1'='1",
            "$1",
            "\\'; SELECT pg_sleep(10); --",
            "E'\\x00'",
            "$$ ; DELETE FROM notes; $$",
        ]
        for attack in attacks {
            try connection.execute("INSERT INTO notes (body) VALUES (\(attack))")
        }
        let stored = try connection.query("SELECT body FROM notes").map { try $0.decode(String.self, column: "body") }
        XCTAssertEqual(stored, attacks)
        // A bind can never add a statement: the extended protocol refuses multiple commands.
        let error = assertPostgresError { try connection.execute("SELECT 1; SELECT 2") }
        XCTAssertEqual(error?.sqlState, .syntaxError)
    }

    func testNULByteInTextIsRefusedNotTruncated() throws {
        let connection = try connect()
        let error = assertPostgresError { try connection.execute("SELECT \("abc\u{0}def")") }
        XCTAssertEqual(error?.kind, .encodingFailed(bind: 1, type: "String"))
    }

    func testDescriptionsNeverShowValues() {
        let secret = "national-id-0123456789"
        let query: PostgresQuery = "SELECT \(secret)"
        XCTAssertFalse(query.description.contains(secret))
        XCTAssertFalse(query.binds.description.contains(secret))
        var dumped = ""
        dump(query, to: &dumped)
        XCTAssertFalse(dumped.contains(secret), dumped)
    }

    func testExecuteReturnsAffectedRows() throws {
        let connection = try connect()
        try connection.execute("CREATE TABLE items (n int)")
        XCTAssertEqual(try connection.execute("INSERT INTO items SELECT generate_series(1, 7)"), 7)
        XCTAssertEqual(try connection.execute("UPDATE items SET n = n + 1 WHERE n > \(4)"), 3)
        XCTAssertEqual(try connection.execute("DELETE FROM items"), 7)
        XCTAssertEqual(try connection.execute("CREATE INDEX ON items (n)"), 0)
    }

    func testPreparedStatementsAreReusedAndSurviveSchemaChanges() throws {
        let connection = try connect()
        try connection.execute("CREATE TABLE t (a int)")
        try connection.execute("INSERT INTO t VALUES (1)")
        for _ in 0..<3 { _ = try connection.query("SELECT * FROM t") }
        let before = connection.preparedStatementCount
        _ = try connection.query("SELECT * FROM t")
        XCTAssertEqual(connection.preparedStatementCount, before, "the same SQL reuses its statement")
        // The cached plan's result type changes: 0A000, then a transparent re-prepare.
        try connection.execute("ALTER TABLE t ADD COLUMN b text DEFAULT 'x'")
        let row = try XCTUnwrap(connection.query("SELECT * FROM t").first)
        XCTAssertEqual(row.columns, ["a", "b"])
        // Same types, new name: the result layout kept for the statement must not be reused.
        try connection.execute("ALTER TABLE t RENAME COLUMN b TO c")
        let renamed = try XCTUnwrap(connection.query("SELECT * FROM t").first)
        XCTAssertEqual(renamed.columns, ["a", "c"])
        XCTAssertEqual(try renamed.decode(String.self, column: "c"), "x")
        // DISCARD ALL drops every server-side statement: 26000, then a re-prepare.
        try connection.executeScript(unsafeSQL: "DISCARD ALL")
        XCTAssertEqual(try connection.query("SELECT * FROM t").count, 1)
    }

    func testStatementCacheIsBounded() throws {
        let connection = try PostgresConnection(url: try databaseURL(), statementCacheCapacity: 4)
        for n in 0..<10 {
            _ = try connection.query(PostgresQuery(unsafeSQL: "SELECT \(n) AS n"))
        }
        XCTAssertEqual(connection.preparedStatementCount, 4)
        let prepared = try connection.query("SELECT count(*) AS n FROM pg_prepared_statements").first
        // The counting query took a slot too: the server holds exactly what the cache holds.
        XCTAssertEqual(try prepared?.decode(Int.self, column: "n"), 4)
    }

    /// The cache hashes only a statement's length and its first and last bytes: statements that
    /// agree there, and differ in the middle, must still be two statements.
    func testStatementsDifferingOnlyInTheMiddleStayApart() throws {
        let connection = try connect()
        let padding = String(repeating: " ", count: 100)
        for (expression, expected) in [("1 + 1", 2), ("2 * 3", 6), ("9 - 2", 7)] {
            let sql = "SELECT\(padding)\(expression)\(padding)AS n"
            for _ in 0..<2 {
                let row = try connection.query(PostgresQuery(unsafeSQL: sql)).first
                XCTAssertEqual(try row?.decode(Int.self, column: "n"), expected, expression)
            }
        }
        XCTAssertEqual(connection.preparedStatementCount, 3)
    }
}
