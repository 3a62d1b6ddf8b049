import XCTest

final class PlaceholderPostgresTests: XCTestCase {
    func testPlaceholder() {}
}
