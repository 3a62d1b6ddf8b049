import XCTest

final class PlaceholderGuichetAppTests: XCTestCase {
    func testPlaceholder() {}
}
