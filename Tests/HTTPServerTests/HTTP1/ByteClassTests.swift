import XCTest

@testable import HTTPServer

/// The literal tables must equal the RFC rules rebuilt from their character lists.
final class ByteClassTests: XCTestCase {
    private let digits = Array(UInt8(ascii: "0")...UInt8(ascii: "9"))
    private let letters = Array(UInt8(ascii: "a")...UInt8(ascii: "z")) + Array(UInt8(ascii: "A")...UInt8(ascii: "Z"))

    func testTcharMatchesRFC9110() {
        let tchar = Array("!#$%&'*+-.^_`|~".utf8) + digits + letters
        XCTAssertEqual(ByteClass.tchar, ByteClass(containing: tchar))
    }

    func testFieldContentIsVcharObsTextSpaceAndTab() {
        let bytes = Array(0x21...0x7E as ClosedRange<UInt8>) + Array(0x80...0xFF as ClosedRange<UInt8>) + [0x20, 0x09]
        XCTAssertEqual(ByteClass.fieldContent, ByteClass(containing: bytes))
    }

    func testRequestTargetIsVcharOnly() {
        XCTAssertEqual(ByteClass.requestTarget, ByteClass(containing: 0x21...0x7E as ClosedRange<UInt8>))
    }

    func testHexDigit() {
        let hex = digits + Array("abcdefABCDEF".utf8)
        XCTAssertEqual(ByteClass.hexDigit, ByteClass(containing: hex))
    }

    func testContainsEveryByteValueConsistently() {
        let table = ByteClass(containing: [0, 63, 64, 127, 128, 191, 192, 255])
        for byte in 0...255 as ClosedRange<UInt8> {
            XCTAssertEqual(table.contains(byte), [0, 63, 64, 127, 128, 191, 192, 255].contains(byte), "byte \(byte)")
        }
    }
}
