import Foundation
import Postgres
import XCTest

/// `forEachRow` delivers 100,000 rows without holding them.
final class StreamingTests: PostgresTestCase {
    /// Resident memory in bytes (`VmRSS` of /proc/self/status).
    private func residentBytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
            let kilobytes = Int(line.split(separator: " ", omittingEmptySubsequences: true)[1])
        else { return 0 }
        return kilobytes * 1024
    }

    func testStreamsHundredThousandRowsWithBoundedMemory() throws {
        let connection = try connect()
        let baseline = residentBytes()
        var peak = baseline
        var count = 0
        var sum = 0
        // About 1 KB per row: 100 MB if the result were buffered.
        try connection.forEachRow(
            "SELECT n, repeat('x', 1000) AS filler FROM generate_series(1, \(100_000)) AS n"
        ) { row in
            count += 1
            sum += try row.decode(Int.self, column: "n")
            if count % 5_000 == 0 { peak = max(peak, residentBytes()) }
        }
        XCTAssertEqual(count, 100_000)
        XCTAssertEqual(sum, 100_000 * 100_001 / 2)
        XCTAssertLessThan(peak - baseline, 40 * 1024 * 1024, "memory grew by \((peak - baseline) >> 20) MiB")
        // The connection is reusable afterwards.
        XCTAssertEqual(try connection.query("SELECT 2 AS two").first?.decode(Int.self, column: "two"), 2)
    }

    func testBodyErrorCancelsAndLeavesConnectionUsable() throws {
        struct Enough: Error {}
        let connection = try connect()
        var seen = 0
        let started = ContinuousClock.now
        XCTAssertThrowsError(
            try connection.forEachRow("SELECT generate_series(1, 50000000) AS n") { _ in
                seen += 1
                if seen == 10 { throw Enough() }
            }
        ) { XCTAssertTrue($0 is Enough) }
        XCTAssertEqual(seen, 10)
        XCTAssertLessThan(ContinuousClock.now - started, .seconds(2), "cancelled, not drained to the end")
        XCTAssertFalse(connection.isBroken)
        XCTAssertEqual(try connection.query("SELECT 3 AS three").first?.decode(Int.self, column: "three"), 3)
    }

    func testServerErrorMidStreamIsThrown() throws {
        let connection = try connect()
        var seen = 0
        let error = assertPostgresError {
            try connection.forEachRow("SELECT 10 / (5 - n) AS v FROM generate_series(1, 10) AS n") { _ in seen += 1 }
        }
        XCTAssertEqual(error?.sqlState, SQLState(rawValue: "22012"))
        XCTAssertEqual(seen, 4)
        XCTAssertEqual(try connection.query("SELECT 1 AS one").count, 1)
    }

    func testEmptyStream() throws {
        let connection = try connect()
        var seen = 0
        try connection.forEachRow("SELECT 1 WHERE \(false)") { _ in seen += 1 }
        XCTAssertEqual(seen, 0)
    }
}
