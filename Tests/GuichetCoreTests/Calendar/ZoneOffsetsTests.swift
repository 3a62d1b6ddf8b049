import Foundation
import XCTest

@testable import GuichetCore

final class ZoneOffsetsTests: XCTestCase {
    /// The table must answer what Foundation answers, at every instant: every six hours across
    /// the window, and every minute around each change (where an off-by-one would show).
    func testAgreesWithFoundationAcrossTheWindow() throws {
        let zones = ["Africa/Casablanca", "Africa/Tunis", "Europe/Paris", "Asia/Kolkata", "America/St_Johns", "UTC"]
        for identifier in zones {
            let zone = try XCTUnwrap(TimeZone(identifier: identifier))
            let table = ZoneOffsets(zone: zone)
            var instant = ZoneOffsets.window.lowerBound
            var changes: [Double] = []
            var previous = zone.secondsFromGMT(for: Date(timeIntervalSince1970: instant))
            while instant < ZoneOffsets.window.upperBound {
                let expected = zone.secondsFromGMT(for: Date(timeIntervalSince1970: instant))
                if expected != previous { changes.append(instant) }
                previous = expected
                XCTAssertEqual(table.secondsFromGMT(at: instant), expected, "\(identifier) at \(instant)")
                instant += 6 * 3600
            }
            for change in changes {
                for minute in stride(from: change - 12 * 3600, to: change + 600, by: 60) {
                    XCTAssertEqual(
                        table.secondsFromGMT(at: minute), zone.secondsFromGMT(for: Date(timeIntervalSince1970: minute)),
                        "\(identifier) at \(minute)")
                }
            }
            if identifier == "Africa/Casablanca" {
                // Ramadan's change of offset, twice a year: the case the table exists for.
                XCTAssertGreaterThan(changes.count, 100, "Casablanca's changes were not all seen")
            }
        }
    }

    /// Outside 2000–2100 the zone itself answers.
    func testAsksTheZoneOutsideTheWindow() throws {
        let zone = try XCTUnwrap(TimeZone(identifier: "Europe/Paris"))
        let table = ZoneOffsets(zone: zone)
        for instant in [-1_000_000_000.0, 0, ZoneOffsets.window.upperBound + 200 * 86_400] {
            XCTAssertEqual(
                table.secondsFromGMT(at: instant), zone.secondsFromGMT(for: Date(timeIntervalSince1970: instant)))
        }
    }
}
