import XCTest

@testable import HTTPServer

/// The lexical NUL scan behind `decodeJSON`'s `422 invalid_text`.
final class JSONNULTests: XCTestCase {
    func testOnlyARealEscapedNULCounts() {
        let rows: [(String, Bool)] = [
            (#"{"a":"x\u0000y"}"#, true),
            (#"{"a":"\u0000"}"#, true),
            (#"{"a":"\\u0000"}"#, false),
            (#"{"a":"\\\u0000"}"#, true),
            (#"{"a":"\u00001"}"#, true),
            (#"{"a":"\u0001"}"#, false),
            (#"{"a":"\u000"}"#, false),
            (#"{"a":"plain"}"#, false),
            (#"\"#, false),
        ]
        for (text, expected) in rows {
            XCTAssertEqual(JSONCoding.containsEscapedNUL(Array(text.utf8)), expected, text)
        }
    }
}
