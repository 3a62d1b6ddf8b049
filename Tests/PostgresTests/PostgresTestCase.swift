import Postgres
import TestSupport
import XCTest

/// A test case with its own fresh database, dropped after the test.
class PostgresTestCase: XCTestCase {
    private(set) var database: TestDatabase?

    override func setUpWithError() throws {
        try super.setUpWithError()
        database = try TestDatabase()
    }

    override func tearDownWithError() throws {
        try database?.drop()
        try super.tearDownWithError()
    }

    /// A new connection to this test's database.
    func connect() throws -> PostgresConnection {
        try XCTUnwrap(database).connect()
    }

    /// This test's database URL.
    func databaseURL() throws -> String {
        try XCTUnwrap(database).url
    }

    /// Asserts that `body` throws a `PostgresError` and returns it.
    @discardableResult
    func assertPostgresError(
        file: StaticString = #filePath, line: UInt = #line, _ body: () throws -> Void
    ) -> PostgresError? {
        do {
            try body()
            XCTFail("expected a PostgresError", file: file, line: line)
        } catch let error as PostgresError {
            return error
        } catch {
            XCTFail("expected a PostgresError, got \(error)", file: file, line: line)
        }
        return nil
    }
}
