import XCTest

@testable import GuichetApp

/// The spool behind the overdue report's rows: room grows past the first capacity, a body that
/// throws keeps nothing, and what was written comes back whole, once.
final class ByteSpoolTests: XCTestCase {
    private struct Refused: Error {}

    func testWritesGrowKeepOnlyWhatSucceededAndAreTakenOnce() throws {
        var spool = ByteSpool(capacity: 4)
        let long = [UInt8](repeating: UInt8(ascii: "x"), count: 1000)
        long.withUnsafeBufferPointer { bytes in spool.write(reserving: bytes.count) { $0.put(bytes) } }
        XCTAssertThrowsError(
            try spool.write(reserving: 8) { cursor in
                cursor.put("half")
                throw Refused()
            })
        spool.write(reserving: 3) { $0.put("end") }
        XCTAssertEqual(spool.count, 1003)
        XCTAssertEqual(spool.take(), long + Array("end".utf8))
        XCTAssertEqual(spool.take(), [], "taken once")
        spool.write(reserving: 2) { $0.put("ok") }
        XCTAssertEqual(spool.take(), Array("ok".utf8), "usable again after a take")
    }

    func testDecimalsAreWhatStringWrites() {
        for value in [0, 7, 10, 99, 1_000_003, -1, -12, Int.max, Int.min] {
            var spool = ByteSpool(capacity: 8)
            spool.write(reserving: 20) { $0.put(decimal: value) }
            XCTAssertEqual(String(decoding: spool.take(), as: UTF8.self), String(value))
        }
    }
}
