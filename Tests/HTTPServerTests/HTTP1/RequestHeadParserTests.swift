import XCTest

@testable import HTTPServer

final class RequestHeadParserTests: XCTestCase {
    private let validRequests: [(label: String, bytes: [UInt8])] = [
        ("minimal GET", makeRequest()),
        ("HTTP/1.0 without Host", makeRequest(version: "HTTP/1.0", headers: [])),
        (
            "POST with fields and body",
            makeRequest(
                method: "POST", target: "/api/cases?page=2&q=a%20b",
                headers: [("Host", "guichet.local:8080"), ("Content-Type", "application/json"),
                    ("Content-Length", "2"), ("X-Empty", ""), ("X-Tabs", "\t a \t b \t")],
                body: "{}")
        ),
        ("unknown method, asterisk target", makeRequest(method: "PURGE", target: "*")),
        ("leading empty lines", Array("\r\n\r\n".utf8) + makeRequest()),
        ("obs-text value", Array("GET / HTTP/1.1\r\nHost: x\r\nX-Name: caf\u{E9}\r\n\r\n".utf8)),
    ]

    func testParsesFieldsTrimmedAndInOrder() {
        let outcome = parseWhole(validRequests[2].bytes)
        let bytes = validRequests[2].bytes
        XCTAssertEqual(
            outcome,
            .complete(
                method: "POST", target: "/api/cases?page=2&q=a%20b", version: "HTTP/1.1",
                fields: [
                    .init(name: "Host", value: "guichet.local:8080"),
                    .init(name: "Content-Type", value: "application/json"),
                    .init(name: "Content-Length", value: "2"),
                    .init(name: "X-Empty", value: ""),
                    .init(name: "X-Tabs", value: "a \t b"),
                ],
                consumed: bytes.count - 2))
    }

    func testLeadingEmptyLinesAreSkippedAndCounted() {
        guard case .complete(_, _, _, _, let consumed) = parseWhole(validRequests[4].bytes) else {
            return XCTFail("expected a complete head")
        }
        XCTAssertEqual(consumed, validRequests[4].bytes.count)
    }

    func testTooManyLeadingEmptyLinesAreRefused() {
        let bytes = Array(String(repeating: "\r\n", count: RequestHeadParser.maxLeadingEmptyLines + 1).utf8)
            + makeRequest()
        XCTAssertEqual(parseWhole(bytes), .invalid(.invalidMethod))
    }

    func testObsTextIsDecodedAsUTF8() {
        guard case .complete(_, _, _, let fields, _) = parseWhole(validRequests[5].bytes) else {
            return XCTFail("expected a complete head")
        }
        XCTAssertEqual(fields.last?.value, "caf\u{E9}")
        let latin1 = Array("GET / HTTP/1.1\r\nX: caf".utf8) + [0xE9] + Array("\r\n\r\n".utf8)
        guard case .complete(_, _, _, let fields, _) = parseWhole(latin1) else {
            return XCTFail("expected a complete head")
        }
        XCTAssertEqual(fields.first?.value, "caf\u{FFFD}")
    }

    func testEveryPrefixIsIncompleteThenTheWholeCompletesIdentically() {
        for (label, bytes) in validRequests {
            let headLength = headEnd(bytes)
            let expected = parseWhole(bytes)
            guard case .complete = expected else { return XCTFail("\(label): \(expected)") }
            // A fresh parser per prefix.
            for length in 0..<headLength {
                XCTAssertEqual(parseWhole(Array(bytes[..<length])), .incomplete, "\(label), prefix \(length)")
            }
            // One parser fed growing prefixes (the incremental path).
            var parser = RequestHeadParser(limits: makeLimits())
            for length in 0...headLength {
                let outcome = Array(bytes[..<length]).withUnsafeBytes { HeadOutcome(parser.parse($0)) }
                XCTAssertEqual(outcome, length == headLength ? expected : .incomplete, "\(label), grown to \(length)")
            }
            XCTAssertEqual(parseByteByByte(bytes).0, expected, label)
        }
    }

    func testCompleteResetsForTheNextRequest() {
        var parser = RequestHeadParser(limits: makeLimits())
        let first = makeRequest(target: "/one")
        let second = makeRequest(target: "/two")
        _ = first.withUnsafeBytes { parser.parse($0) }
        let outcome = second.withUnsafeBytes { HeadOutcome(parser.parse($0)) }
        guard case .complete(_, let target, _, _, _) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertEqual(target, "/two")
    }

    func testPipelinedRequestsReportTheirOwnLength() {
        let first = makeRequest(target: "/a")
        let second = makeRequest(method: "HEAD", target: "/b", headers: [("Host", "h"), ("Accept", "*/*")])
        var buffer = first + second + Array("GET /c HT".utf8)
        var parser = RequestHeadParser(limits: makeLimits())
        var targets: [String] = []
        while true {
            let outcome = buffer.withUnsafeBytes { HeadOutcome(parser.parse($0)) }
            guard case .complete(_, let target, _, _, let consumed) = outcome else {
                XCTAssertEqual(outcome, .incomplete)
                break
            }
            targets.append(target)
            XCTAssertEqual(consumed, target == "/a" ? first.count : second.count)
            buffer.removeFirst(consumed)
        }
        XCTAssertEqual(targets, ["/a", "/b"])
        XCTAssertEqual(buffer, Array("GET /c HT".utf8))
    }

    func testInvalidIsStickyUntilReset() {
        var parser = RequestHeadParser(limits: makeLimits())
        let bad = Array("GET  / HTTP/1.1\r\n".utf8)
        XCTAssertEqual(bad.withUnsafeBytes { HeadOutcome(parser.parse($0)) }, .invalid(.invalidTarget))
        let good = makeRequest()
        XCTAssertEqual(good.withUnsafeBytes { HeadOutcome(parser.parse($0)) }, .invalid(.invalidTarget))
        parser.reset()
        XCTAssertEqual(good.withUnsafeBytes { HeadOutcome(parser.parse($0)) }, parseWhole(good))
    }

    func testMalformedHeads() {
        let rows: [(label: String, text: String, code: HTTPParseError.Code)] = [
            ("space before colon", "GET / HTTP/1.1\r\nHost : x\r\n\r\n", .invalidHeaderName),
            ("tab before colon", "GET / HTTP/1.1\r\nHost\t: x\r\n\r\n", .invalidHeaderName),
            ("empty name", "GET / HTTP/1.1\r\n: x\r\n\r\n", .invalidHeaderName),
            ("no colon", "GET / HTTP/1.1\r\nHost x\r\n\r\n", .invalidHeaderName),
            ("non-token name", "GET / HTTP/1.1\r\nHo(st: x\r\n\r\n", .invalidHeaderName),
            ("obs-fold", "GET / HTTP/1.1\r\nHost: x\r\nX-A: a\r\n  b\r\n\r\n", .obsoleteLineFolding),
            ("obs-fold with tab", "GET / HTTP/1.1\r\nX-A: a\r\n\tb\r\n\r\n", .obsoleteLineFolding),
            ("whitespace before first field", "GET / HTTP/1.1\r\n Host: x\r\n\r\n", .obsoleteLineFolding),
            ("bare CR in value", "GET / HTTP/1.1\r\nX-A: a\rb\r\n\r\n", .bareCarriageReturn),
            ("bare CR in request line", "GET /\r HTTP/1.1\r\n\r\n", .bareCarriageReturn),
            ("bare CR as line end", "GET / HTTP/1.1\r\nHost: x\r\r\n", .bareCarriageReturn),
            ("bare LF as line end", "GET / HTTP/1.1\r\nHost: x\n\r\n", .bareLineFeed),
            ("bare LF request line", "GET / HTTP/1.1\nHost: x\r\n\r\n", .bareLineFeed),
            ("bare LF empty line", "GET / HTTP/1.1\r\nHost: x\r\n\n", .bareLineFeed),
            ("NUL in value", "GET / HTTP/1.1\r\nX-A: a\u{0}b\r\n\r\n", .invalidHeaderValue),
            ("control byte in value", "GET / HTTP/1.1\r\nX-A: a\u{1}b\r\n\r\n", .invalidHeaderValue),
            ("escape in value", "GET / HTTP/1.1\r\nX-A: \u{1B}[31m\r\n\r\n", .invalidHeaderValue),
            ("DEL in value", "GET / HTTP/1.1\r\nX-A: a\u{7F}\r\n\r\n", .invalidHeaderValue),
            ("empty method", " / HTTP/1.1\r\n\r\n", .invalidMethod),
            ("non-token method", "GE(T / HTTP/1.1\r\n\r\n", .invalidMethod),
            ("tab after method", "GET\t/ HTTP/1.1\r\n\r\n", .invalidMethod),
            ("method only", "GET\r\n\r\n", .invalidMethod),
            ("double space", "GET  / HTTP/1.1\r\n\r\n", .invalidTarget),
            ("control byte in target", "GET /a\u{1}b HTTP/1.1\r\n\r\n", .invalidTarget),
            ("DEL in target", "GET /a\u{7F} HTTP/1.1\r\n\r\n", .invalidTarget),
            ("obs-text in target", "GET /caf\u{E9} HTTP/1.1\r\n\r\n", .invalidTarget),
            ("no version (HTTP/0.9)", "GET /\r\n\r\n", .invalidVersion),
            ("lowercase version", "GET / http/1.1\r\n\r\n", .invalidVersion),
            ("version without minor", "GET / HTTP/2\r\n\r\n", .invalidVersion),
            ("trailing space after version", "GET / HTTP/1.1 \r\n\r\n", .invalidVersion),
            ("space before version", "GET /  HTTP/1.1\r\n\r\n", .invalidVersion),
            ("garbage version", "GET / HTTP/1.x\r\n\r\n", .invalidVersion),
            ("HTTP/2.0", "GET / HTTP/2.0\r\n\r\n", .unsupportedVersion),
            ("HTTP/0.9 well-formed", "GET / HTTP/0.9\r\n\r\n", .unsupportedVersion),
            ("HTTP/1.2", "GET / HTTP/1.2\r\n\r\n", .unsupportedVersion),
        ]
        for row in rows {
            let bytes = Array(row.text.utf8)
            XCTAssertEqual(parseWhole(bytes), .invalid(row.code), row.label)
            XCTAssertEqual(parseByteByByte(bytes).0, .invalid(row.code), "\(row.label), byte by byte")
        }
    }

    func testEveryPositionOfALongValueIsValidated() {
        // Values are checked eight bytes at a time; a bad byte must be caught in any lane.
        let clean = Array(repeating: UInt8(ascii: "v"), count: 27)
        for position in clean.indices {
            for bad: UInt8 in [0x00, 0x01, 0x1F, 0x7F] {
                var value = clean
                value[position] = bad
                let bytes = Array("GET / HTTP/1.1\r\nX: ".utf8) + value + Array("\r\n\r\n".utf8)
                XCTAssertEqual(parseWhole(bytes), .invalid(.invalidHeaderValue), "byte \(bad) at \(position)")
            }
            var tabbed = clean
            tabbed[position] = ASCII.htab
            let bytes = Array("GET / HTTP/1.1\r\nX: ".utf8) + tabbed + Array("\r\n\r\n".utf8)
            guard case .complete(_, _, _, let fields, _) = parseWhole(bytes) else { return XCTFail("tab at \(position)") }
            let expected = position == 0 || position == clean.count - 1 ? 26 : 27
            XCTAssertEqual(fields.first?.value.utf8.count, expected, "tab at \(position)")
        }
    }

    func testRequestLineAtTheLimitIsAccepted() {
        let limits = makeLimits()
        let prefix = "GET /"
        let suffix = " HTTP/1.1"
        let target = String(repeating: "a", count: limits.maxRequestLineBytes - prefix.count - suffix.count)
        let bytes = makeRequest(target: "/" + target)
        guard case .complete = parseWhole(bytes) else { return XCTFail("a request line of exactly the limit") }
    }

    func testRequestLineOverTheLimitIs414BeforeCRLF() {
        let limits = makeLimits()
        let line = Array(("GET /" + String(repeating: "a", count: limits.maxRequestLineBytes)).utf8)
        // limit + 1 bytes with no CRLF yet: refused on arrival, not when the line ends.
        let (outcome, fed) = parseByteByByte(line, limits: limits)
        XCTAssertEqual(outcome, .invalid(.requestLineTooLong))
        XCTAssertEqual(fed, limits.maxRequestLineBytes + 1)
        XCTAssertEqual(parseWhole(Array(line[..<limits.maxRequestLineBytes])), .incomplete)
    }

    func testHeaderSectionOverTheLimitIs431OnArrival() {
        let limits = makeLimits()
        var text = "GET / HTTP/1.1\r\nHost: x\r\n"
        while text.utf8.count < limits.maxHeaderBytes { text += "X-Filler: " + String(repeating: "f", count: 400) + "\r\n" }
        let bytes = Array(text.utf8)
        XCTAssertEqual(parseWhole(bytes), .invalid(.headersTooLarge))
        let (outcome, fed) = parseByteByByte(bytes, limits: limits)
        XCTAssertEqual(outcome, .invalid(.headersTooLarge))
        XCTAssertLessThanOrEqual(fed, limits.maxHeaderBytes)
    }

    func testHeaderSectionOfExactlyTheLimitIsAccepted() {
        let limits = makeLimits(maxHeaderBytes: 64)
        let base = "GET / HTTP/1.1\r\nX: \r\n\r\n"
        let text = "GET / HTTP/1.1\r\nX: " + String(repeating: "v", count: 64 - base.utf8.count) + "\r\n\r\n"
        XCTAssertEqual(text.utf8.count, 64)
        guard case .complete = parseWhole(Array(text.utf8), limits: limits) else { return XCTFail("exactly 64 bytes") }
        let over = "GET / HTTP/1.1\r\nX: v" + String(repeating: "v", count: 64 - base.utf8.count) + "\r\n\r\n"
        XCTAssertEqual(parseWhole(Array(over.utf8), limits: limits), .invalid(.headersTooLarge))
    }

    func testOneValueLongerThanTheSectionIs431BeforeItsLineEnds() {
        let limits = makeLimits()
        let bytes = Array(("GET / HTTP/1.1\r\nX-Big: " + String(repeating: "b", count: limits.maxHeaderBytes)).utf8)
        XCTAssertEqual(parseWhole(bytes), .invalid(.headersTooLarge))
    }

    func testFieldCountLimit() {
        let limits = makeLimits()
        let atLimit = (0..<limits.maxHeaderFields).map { ("X-\($0)", "v") }
        guard case .complete(_, _, _, let fields, _) = parseWhole(makeRequest(headers: atLimit)) else {
            return XCTFail("100 fields are allowed")
        }
        XCTAssertEqual(fields.count, 100)
        let over = (0...limits.maxHeaderFields).map { ("X-\($0)", "v") }
        XCTAssertEqual(parseWhole(makeRequest(headers: over)), .invalid(.tooManyHeaders))
    }

    func testVersionParsing() {
        XCTAssertEqual(version("HTTP/1.1"), .success(.http11))
        XCTAssertEqual(version("HTTP/1.0"), .success(.http10))
        XCTAssertEqual(version("HTTP/3.0"), .failure(.init(.unsupportedVersion)))
        XCTAssertEqual(version("HTTP/1.10"), .failure(.init(.invalidVersion)))
        XCTAssertEqual(version(""), .failure(.init(.invalidVersion)))
    }

    private func version(_ text: String) -> Result<HTTPVersion, HTTPParseError> {
        Array(text.utf8).withUnsafeBytes { RequestHeadParser.parseVersion($0) }
    }

    /// Index just past the empty line ending the head in `bytes`.
    private func headEnd(_ bytes: [UInt8]) -> Int {
        var index = 0
        var lineStart = true
        var sawRequestLine = false
        while index + 1 < bytes.count {
            if bytes[index] == 13 && bytes[index + 1] == 10 {
                if lineStart && sawRequestLine { return index + 2 }
                lineStart = true
                index += 2
                continue
            }
            if lineStart { sawRequestLine = true }
            lineStart = false
            index += 1
        }
        return bytes.count
    }
}
