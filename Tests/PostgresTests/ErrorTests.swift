import Postgres
import XCTest

/// Server errors keep their SQLSTATE and constraint, and never show values.
final class ErrorTests: PostgresTestCase {
    func testUniqueViolationDoesNotLeakTheValue() throws {
        let connection = try connect()
        try connection.execute("CREATE TABLE applicants (national_id text CONSTRAINT applicants_national_id_key UNIQUE)")
        let secret = "TN-SECRET-07123456"
        try connection.execute("INSERT INTO applicants VALUES (\(secret))")
        let error = try XCTUnwrap(assertPostgresError { try connection.execute("INSERT INTO applicants VALUES (\(secret))") })
        XCTAssertEqual(error.kind, .queryFailed)
        XCTAssertEqual(error.sqlState, .uniqueViolation)
        XCTAssertEqual(error.constraint, "applicants_national_id_key")
        XCTAssertEqual(error.table, "applicants")
        XCTAssertFalse(error.isTransient)
        for text in [error.description, String(describing: error), "\(error)", String(reflecting: error.kind)] {
            XCTAssertFalse(text.contains(secret), text)
        }
        XCTAssertEqual(error.description, "PostgresError(queryFailed, sqlState: 23505, constraint: applicants_national_id_key)")
    }

    func testInvalidInputKeepsTheMessageApart() throws {
        let connection = try connect()
        let secret = "not-a-number-4242"
        let error = try XCTUnwrap(assertPostgresError { try connection.query("SELECT \(secret)::int AS n") })
        XCTAssertEqual(error.sqlState, .invalidTextRepresentation)
        XCTAssertTrue(error.serverMessage?.contains(secret) ?? false, "the server quotes it…")
        XCTAssertFalse(error.description.contains(secret), "…but the description does not")
    }

    func testNamedSQLStates() throws {
        let connection = try connect()
        try connection.execute(
            """
            CREATE TABLE parent (id int PRIMARY KEY);
            """)
        try connection.execute(
            "CREATE TABLE child (id int REFERENCES parent, n int NOT NULL CONSTRAINT positive CHECK (n > 0))")
        XCTAssertEqual(assertPostgresError { try connection.execute("INSERT INTO child VALUES (1, 1)") }?.sqlState, .foreignKeyViolation)
        try connection.execute("INSERT INTO parent VALUES (1)")
        let check = assertPostgresError { try connection.execute("INSERT INTO child VALUES (1, -1)") }
        XCTAssertEqual(check?.sqlState, .checkViolation)
        XCTAssertEqual(check?.constraint, "positive")
        let notNull = assertPostgresError { try connection.execute("INSERT INTO child VALUES (1, NULL)") }
        XCTAssertEqual(notNull?.sqlState, .notNullViolation)
        XCTAssertEqual(notNull?.column, "n")
        XCTAssertEqual(assertPostgresError { try connection.query("SELECT * FROM nowhere") }?.sqlState, .undefinedTable)
        let raised = assertPostgresError {
            try connection.executeScript(unsafeSQL: "DO $$ BEGIN RAISE EXCEPTION 'closed office'; END $$")
        }
        XCTAssertEqual(raised?.sqlState, .raiseException)
        XCTAssertEqual(raised?.serverMessage, "closed office")
        // The connection is still usable after errors.
        XCTAssertEqual(try connection.query("SELECT 1 AS one").first?.decode(Int.self, column: "one"), 1)
        XCTAssertFalse(connection.isBroken)
    }

    func testClassification() {
        XCTAssertTrue(PostgresError(.queryFailed, sqlState: .serializationFailure).isTransient)
        XCTAssertFalse(PostgresError(.queryFailed, sqlState: .serializationFailure).isConnectionLoss)
        XCTAssertTrue(PostgresError(.queryFailed, sqlState: .adminShutdown).isConnectionLoss)
        XCTAssertTrue(PostgresError(.queryFailed, sqlState: .cannotConnectNow).isConnectionLoss)
        XCTAssertTrue(PostgresError(.queryFailed, sqlState: SQLState(rawValue: "08006")).isConnectionLoss)
        XCTAssertTrue(PostgresError(.brokenConnection).isConnectionLoss)
        XCTAssertTrue(PostgresError(.unavailable).isTransient)
        XCTAssertTrue(PostgresError(.poolTimeout).isTransient)
        XCTAssertFalse(PostgresError(.queryFailed, sqlState: .uniqueViolation).isTransient)
    }

    func testConnectFailureIsTyped() {
        let error = assertPostgresError {
            _ = try PostgresConnection(url: "postgresql:///nowhere?host=/nonexistent-socket-dir&user=nobody")
        }
        XCTAssertEqual(error?.kind, .connectionFailed)
        XCTAssertTrue(error?.isConnectionLoss ?? false)
        XCTAssertFalse(error?.serverMessage?.isEmpty ?? true)
    }

    func testTerminatedBackendIsBroken() throws {
        let victim = try connect()
        let admin = try connect()
        try admin.query("SELECT pg_terminate_backend(\(victim.backendPID))")
        let error = assertPostgresError { try victim.query("SELECT 1") }
        XCTAssertEqual(error?.kind, .brokenConnection)
        XCTAssertTrue(error?.isConnectionLoss ?? false)
        XCTAssertTrue(victim.isBroken)
    }
}
