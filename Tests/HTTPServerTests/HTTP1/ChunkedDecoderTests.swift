import XCTest

@testable import HTTPServer

final class ChunkedDecoderTests: XCTestCase {
    private let wikipedia = Array("4\r\nWiki\r\n7\r\npedia i\r\nB\r\nn \r\nchunks.\r\n0\r\n\r\n".utf8)

    func testDecodesInOneCall() {
        let (result, body, leftover) = decodeChunked([wikipedia])
        XCTAssertEqual(result, .done(consumed: wikipedia.count))
        XCTAssertEqual(String(decoding: body, as: UTF8.self), "Wikipedia in \r\nchunks.")
        XCTAssertEqual(leftover, [])
    }

    func testSplitAtEveryPositionGivesTheSameBody() {
        let expected = decodeChunked([wikipedia]).body
        for split in 0...wikipedia.count {
            let (result, body, leftover) = decodeChunked([Array(wikipedia[..<split]), Array(wikipedia[split...])])
            XCTAssertEqual(body, expected, "split at \(split)")
            XCTAssertEqual(leftover, [], "split at \(split)")
            guard case .done = result else { return XCTFail("split at \(split): \(result)") }
        }
        let bytes = wikipedia.map { [$0] }
        let (result, body, _) = decodeChunked(bytes)
        XCTAssertEqual(body, expected)
        XCTAssertEqual(result, .done(consumed: 1))
    }

    func testLeftoverAfterTheLastChunkIsNotConsumed() {
        let next = Array("GET /next HTTP/1.1\r\n".utf8)
        let (result, _, leftover) = decodeChunked([wikipedia + next])
        XCTAssertEqual(result, .done(consumed: wikipedia.count))
        XCTAssertEqual(leftover, next)
    }

    func testExtensionsAndTrailersAreAcceptedAndDiscarded() {
        let text = "5;name=value;quoted=\"a b\"\r\nhello\r\n6 \t; x\r\n world\r\n0;last\r\nX-Checksum: abc\r\nX-Two: 2\r\n\r\n"
        let bytes = Array(text.utf8)
        let (result, body, _) = decodeChunked([bytes])
        XCTAssertEqual(result, .done(consumed: bytes.count))
        XCTAssertEqual(String(decoding: body, as: UTF8.self), "hello world")
    }

    func testDoneIsSticky() {
        var decoder = ChunkedDecoder(limits: makeLimits())
        var body: [UInt8] = []
        let end = Array("0\r\n\r\n".utf8)
        XCTAssertEqual(end.withUnsafeBytes { decoder.decode($0, into: &body) }, .done(consumed: 5))
        XCTAssertEqual(end.withUnsafeBytes { decoder.decode($0, into: &body) }, .done(consumed: 0))
        decoder.reset()
        XCTAssertEqual(end.withUnsafeBytes { decoder.decode($0, into: &body) }, .done(consumed: 5))
    }

    func testNeedMoreConsumesEverything() {
        var decoder = ChunkedDecoder(limits: makeLimits())
        var body: [UInt8] = []
        let partial = Array("a\r\n01234".utf8)
        XCTAssertEqual(partial.withUnsafeBytes { decoder.decode($0, into: &body) }, .needMore(consumed: partial.count))
        XCTAssertEqual(body, Array("01234".utf8))
    }

    func testMalformedBodies() {
        let limits = makeLimits(maxBodyBytes: 100, maxChunkLineBytes: 32, maxTrailerBytes: 32)
        let rows: [(label: String, text: String, code: HTTPParseError.Code)] = [
            ("no size", "\r\nabc\r\n0\r\n\r\n", .invalidChunk),
            ("non-hex size", "g\r\n", .invalidChunk),
            ("extension without size", ";x\r\n", .invalidChunk),
            ("more than 16 hex digits", "00000000000000001\r\n", .invalidChunk),
            ("size over the body limit", "65\r\n", .bodyTooLarge),
            ("huge size fails on the digit", "fffffffffffffff", .bodyTooLarge),
            ("total over the body limit", "32\r\n" + String(repeating: "a", count: 50) + "\r\n33\r\n", .bodyTooLarge),
            ("missing CRLF after data", "3\r\nabcd\r\n", .invalidChunk),
            ("LF only after data", "3\r\nabc\n0\r\n\r\n", .invalidChunk),
            ("bare LF after size", "3\nabc\r\n", .invalidChunk),
            ("bare CR after size", "3\rabc\r\n", .invalidChunk),
            ("space inside size", "1 2\r\n", .invalidChunk),
            ("control byte in extension", "3;a\u{1}\r\n", .invalidChunk),
            ("chunk line too long", "3;" + String(repeating: "x", count: 40) + "\r\n", .invalidChunk),
            ("trailer too large", "0\r\nX: " + String(repeating: "t", count: 40) + "\r\n\r\n", .trailersTooLarge),
            ("obs-fold in trailer", "0\r\nX: a\r\n b\r\n\r\n", .invalidChunk),
            ("bare LF ending trailers", "0\r\nX: a\r\n\n", .invalidChunk),
            ("bare LF as final line", "0\r\n\n", .invalidChunk),
            ("NUL in trailer", "0\r\nX: \u{0}\r\n\r\n", .invalidChunk),
        ]
        for row in rows {
            let bytes = Array(row.text.utf8)
            XCTAssertEqual(decodeChunked([bytes], limits: limits).result, .invalid(.init(row.code)), row.label)
            XCTAssertEqual(
                decodeChunked(bytes.map { [$0] }, limits: limits).result, .invalid(.init(row.code)),
                "\(row.label), byte by byte")
        }
    }

    func testOverflowingHexIsInvalidEvenWithoutABodyLimit() {
        let limits = makeLimits(maxBodyBytes: .max)
        XCTAssertEqual(decodeChunked([Array("8000000000000000\r\n".utf8)], limits: limits).result,
            .invalid(.init(.invalidChunk)))
        let sixteen = Array("7fffffffffffffff\r\n".utf8)
        XCTAssertEqual(decodeChunked([sixteen], limits: limits).result, .needMore(consumed: sixteen.count))
    }

    func testBodyExactlyAtTheLimit() {
        let limits = makeLimits(maxBodyBytes: 10)
        let bytes = Array("4\r\nabcd\r\n6\r\nefghij\r\n0\r\n\r\n".utf8)
        let (result, body, _) = decodeChunked([bytes], limits: limits)
        XCTAssertEqual(result, .done(consumed: bytes.count))
        XCTAssertEqual(body.count, 10)
    }
}
