import Foundation
import XCTest

@testable import GuichetCore

final class ServiceDelayTests: XCTestCase {
    func testBounds() throws {
        XCTAssertNoThrow(try ServiceDelay(responseDays: 0, extensionDays: 0))
        XCTAssertNoThrow(try ServiceDelay(responseDays: 365, extensionDays: 365))
        XCTAssertThrowsError(try ServiceDelay(responseDays: -1, extensionDays: 0)) {
            XCTAssertEqual(($0 as? ServiceDelayError)?.field, "response_days")
        }
        XCTAssertThrowsError(try ServiceDelay(responseDays: 3, extensionDays: 366)) {
            XCTAssertEqual(($0 as? ServiceDelayError)?.field, "extension_days")
        }
    }

    func testDecodesAndValidates() throws {
        let delay = try JSONDecoder().decode(
            ServiceDelay.self, from: Data(#"{"response_days":3,"extension_days":5}"#.utf8))
        XCTAssertEqual(delay.responseDays, 3)
        XCTAssertEqual(delay.extensionDays, 5)
        XCTAssertThrowsError(
            try JSONDecoder().decode(ServiceDelay.self, from: Data(#"{"response_days":-3,"extension_days":5}"#.utf8)))
        let json = String(decoding: try JSONEncoder().encode(delay), as: UTF8.self)
        XCTAssertTrue(json.contains(#""response_days":3"#))
    }
}
