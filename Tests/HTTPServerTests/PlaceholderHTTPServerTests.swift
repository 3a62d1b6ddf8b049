import XCTest

final class PlaceholderHTTPServerTests: XCTestCase {
    func testPlaceholder() {}
}
