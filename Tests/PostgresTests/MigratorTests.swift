import Foundation
import Postgres
import XCTest

/// Migrations apply in numeric order, once, each in a transaction, under an advisory lock.
final class MigratorTests: PostgresTestCase {
    private var directory: URL?

    override func setUpWithError() throws {
        try super.setUpWithError()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("migrations-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        directory = folder
    }

    override func tearDownWithError() throws {
        if let directory { try? FileManager.default.removeItem(at: directory) }
        try super.tearDownWithError()
    }

    private func write(_ name: String, _ sql: String) throws {
        try Data(sql.utf8).write(to: try XCTUnwrap(directory).appendingPathComponent(name))
    }

    private func migrator() throws -> Migrator {
        Migrator(directory: try XCTUnwrap(directory))
    }

    private func writeStandardFiles() throws {
        try write("1_offices.sql", "CREATE TABLE offices (code text PRIMARY KEY);\nINSERT INTO offices VALUES ('TUN');")
        // 2 after 1 and 10 after 2: numeric order, not text order.
        try write("10_log.sql", "INSERT INTO log VALUES ('ten');")
        try write("2_log.sql", "CREATE TABLE log (step text);\nINSERT INTO log VALUES ('two');")
        try write("README.md", "not a migration")
    }

    func testAppliesInNumericOrderOnceAndRecords() throws {
        try writeStandardFiles()
        let connection = try connect()
        let applied = try migrator().migrate(connection)
        XCTAssertEqual(applied.map(\.version), [1, 2, 10])
        XCTAssertEqual(applied.map(\.name), ["offices", "log", "log"])
        XCTAssertTrue(applied.allSatisfy { $0.checksum.count == 64 })
        let steps = try connection.query("SELECT step FROM log ORDER BY step DESC").map {
            try $0.decode(String.self, column: "step")
        }
        XCTAssertEqual(steps, ["two", "ten"])
        let recorded = try connection.query("SELECT version, name, checksum, applied_at FROM schema_migrations ORDER BY version")
        XCTAssertEqual(try recorded.map { try $0.decode(Int.self, column: "version") }, [1, 2, 10])
        XCTAssertEqual(try recorded.map { try $0.decode(String.self, column: "checksum") }, applied.map(\.checksum))
        XCTAssertNoThrow(try recorded.first?.decode(Date.self, column: "applied_at"))

        XCTAssertEqual(try migrator().migrate(connection), [], "a second run applies nothing")
        XCTAssertEqual(try connection.query("SELECT * FROM log").count, 2)

        try write("11_more.sql", "INSERT INTO log VALUES ('eleven');")
        XCTAssertEqual(try migrator().migrate(connection).map(\.version), [11])
    }

    func testChangedChecksumIsRefusedNamingTheFile() throws {
        try writeStandardFiles()
        let connection = try connect()
        try migrator().migrate(connection)
        try write("2_log.sql", "CREATE TABLE log (step text, extra int);")
        try write("12_new.sql", "CREATE TABLE should_not_exist (n int);")
        let error = assertPostgresError { try migrator().migrate(connection) }
        XCTAssertEqual(error?.kind, .migrationChecksumMismatch(file: "2_log.sql"))
        XCTAssertTrue(error?.description.contains("2_log.sql") ?? false)
        XCTAssertEqual(try connection.query("SELECT to_regclass('should_not_exist') IS NULL AS absent").first?.decode(Bool.self, column: "absent"), true)
    }

    func testDuplicateVersionsAndBadNamesAreRefused() throws {
        try write("0003_a.sql", "SELECT 1;")
        try write("3_b.sql", "SELECT 1;")
        let connection = try connect()
        XCTAssertEqual(assertPostgresError { try migrator().migrate(connection) }?.kind, .duplicateMigrationVersion(3))
        try FileManager.default.removeItem(at: try XCTUnwrap(directory).appendingPathComponent("3_b.sql"))
        try write("create_things.sql", "SELECT 1;")
        XCTAssertEqual(
            assertPostgresError { try migrator().migrate(connection) }?.kind,
            .invalidMigrationName(file: "create_things.sql"))
    }

    func testFailingMigrationRollsBackAndIsNotRecorded() throws {
        try write("1_ok.sql", "CREATE TABLE ok (n int);")
        try write("2_bad.sql", "CREATE TABLE half (n int);\nINSERT INTO half VALUES ('not a number');")
        let connection = try connect()
        let error = assertPostgresError { try migrator().migrate(connection) }
        XCTAssertEqual(error?.kind, .migrationFailed(file: "2_bad.sql"))
        XCTAssertEqual(error?.sqlState, .invalidTextRepresentation)
        let versions = try connection.query("SELECT version FROM schema_migrations").map { try $0.decode(Int.self, at: 0) }
        XCTAssertEqual(versions, [1])
        XCTAssertEqual(try connection.query("SELECT to_regclass('half') IS NULL AS absent").first?.decode(Bool.self, at: 0), true)
        // The advisory lock was released: another session can take it at once.
        let other = try connect()
        let locked = try other.query("SELECT pg_try_advisory_lock(\(Migrator.advisoryLockKey)) AS got").first
        XCTAssertEqual(try locked?.decode(Bool.self, column: "got"), true)
    }

    func testTwoMigratorsRacingApplyEachFileOnce() throws {
        try write("1_slow.sql", "SELECT pg_sleep(0.3);\nCREATE TABLE counter (n int);")
        try write("2_insert.sql", "INSERT INTO counter VALUES (1);")
        try write("3_insert.sql", "INSERT INTO counter VALUES (2);")
        let migrator = try migrator()
        let url = try databaseURL()
        let results = ResultBox()
        let group = DispatchGroup()
        for _ in 0..<2 {
            group.enter()
            Thread {
                do {
                    let connection = try PostgresConnection(url: url)
                    results.add(.success(try migrator.migrate(connection).map(\.version)))
                } catch {
                    results.add(.failure(error))
                }
                group.leave()
            }.start()
        }
        group.wait()
        let versions = try results.all.map { try $0.get() }
        XCTAssertEqual(versions.flatMap { $0 }.sorted(), [1, 2, 3])
        XCTAssertTrue(versions.contains([]), "the second instance found everything applied")
        let connection = try connect()
        XCTAssertEqual(try connection.query("SELECT * FROM counter").count, 2)
    }
}

/// Collects the racing migrators' outcomes.
final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<[Int], any Error>] = []

    func add(_ result: Result<[Int], any Error>) {
        lock.withLock { results.append(result) }
    }

    var all: [Result<[Int], any Error>] {
        lock.withLock { results }
    }
}
