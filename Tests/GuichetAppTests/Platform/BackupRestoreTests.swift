import Foundation
import TestSupport
import XCTest

/// The backup procedure of docs/OPERATIONS.md, end to end: `pg_dump -Fc` of a database with cases,
/// `pg_restore` into a new database, a server started on the copy, and the same cases tracked with
/// the same keys (the keys' HMAC secret lives in the database, so it travels with the dump).
final class BackupRestoreTests: XCTestCase {
    /// Runs a PostgreSQL client program from the cluster's `bindir`; returns its standard output.
    @discardableResult
    func run(_ program: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw GuichetFixture.FixtureError(
                description: "\(program) failed: \(String(decoding: err, as: UTF8.self))")
        }
        return String(decoding: out, as: UTF8.self)
    }

    func testDumpRestoreAndTrackTheSameCases() throws {
        guard let control = ProcessInfo.processInfo.environment["GUICHET_TEST_DB_CTL"] else {
            throw XCTSkip("GUICHET_TEST_DB_CTL is not set (path of scripts/db.sh)")
        }
        let bindir = try run(control, ["bindir"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let fixture = try GuichetFixture()
        defer { fixture.stop() }
        var filed: [(reference: String, key: String)] = []
        for _ in 0..<5 { filed.append(try fixture.file()) }
        filed.append(try fixture.file(office: "TET", service: fixture.firstService(office: "TET")))
        try fixture.changeStatus(filed[0].reference, to: "resolved", message: "Prêt au guichet 3.")
        let before = try filed.map { try fixture.track($0.reference, key: $0.key) }

        let dump = FileManager.default.temporaryDirectory.appendingPathComponent("guichet-\(UUID().uuidString).dump")
        defer { try? FileManager.default.removeItem(at: dump) }
        try run(bindir + "/pg_dump", ["--format=custom", "--file=\(dump.path)", fixture.database.url])

        let copy = try TestDatabase()
        defer { try? copy.drop() }
        try run(bindir + "/pg_restore", ["--no-owner", "--exit-on-error", "--dbname=\(copy.url)", dump.path])
        let server = try ServerProcess(databaseURL: copy.url, arguments: ["--test-clock"] + GuichetFixture.relaxedLimits)
        defer { server.stop() }
        let restored = GuichetFixture(attachingTo: server, database: copy, accounts: fixture.accounts)
        for (index, (reference, key)) in filed.enumerated() {
            let after = try restored.track(reference, key: key)
            XCTAssertEqual(after.status, 200, "\(reference): \(after.text)")
            for field in ["status", "deadline_date", "deadline_at", "submitted_at"] {
                XCTAssertEqual(after[field] as? String, before[index][field] as? String, "\(reference) \(field)")
            }
            XCTAssertEqual(
                (after["timeline"] as? [Any])?.count, (before[index]["timeline"] as? [Any])?.count, reference)
        }
        // A wrong key still fails on the copy, and numbering continues without a gap or a repeat.
        XCTAssertEqual(try restored.track(filed[1].reference, key: "ABCDEFGH").status, 404)
        let next = try restored.file()
        let last = filed[4].reference
        XCTAssertEqual(
            Int(next.reference.suffix(6)), (Int(last.suffix(6)) ?? 0) + 1, "\(last) then \(next.reference)")
        // Staff accounts and their passwords travel with the dump.
        XCTAssertNoThrow(try restored.signIn("tun.agent"))
    }
}

extension GuichetFixture {
    /// The code of the first active service of `office` in the guide.
    func firstService(office: String) throws -> String {
        let guide = try request("GET", "/api/v1/services?office=\(office)")
        let items = (guide["services"] ?? guide["items"]) as? [[String: Any]] ?? []
        guard let code = items.first?["code"] as? String else {
            throw FixtureError(description: "no service in \(office): \(guide.text.prefix(200))")
        }
        return code
    }
}
