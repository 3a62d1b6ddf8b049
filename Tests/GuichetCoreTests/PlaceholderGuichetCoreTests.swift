import XCTest

final class PlaceholderGuichetCoreTests: XCTestCase {
    func testPlaceholder() {}
}
