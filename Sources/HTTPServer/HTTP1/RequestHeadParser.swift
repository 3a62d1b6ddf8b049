/// What `RequestHeadParser.parse(_:)` found in the bytes received so far.
public enum HeadParseResult: Sendable {
    /// A whole head; `consumed` counts its bytes from the start of the buffer, including skipped
    /// leading empty lines and the final empty line. Any bytes after it are body or the next request.
    case complete(RequestHead, consumed: Int)
    /// The head is not finished yet, and nothing seen so far breaks a rule or a limit.
    case incomplete
    /// The head breaks a rule or a limit; answer with `error.status` and close the connection.
    case invalid(HTTPParseError)
}

/// An incremental, bounded parser for an HTTP/1.1 request line and header section (RFC 9112 §2–§5),
/// modelled on picohttpparser's `phr_parse_request`: bytes in, complete / incomplete / invalid out.
///
/// The caller keeps every byte received since the start of the request in one buffer and calls
/// `parse` again after each read. The parser remembers where it stopped (as offsets, so the buffer
/// may move between calls), so each byte is scanned once for a line end and validated once when its
/// line is complete: a client sending one byte at a time costs linear, not quadratic, work.
///
/// Limits are checked as bytes arrive, not when the head ends: a request line longer than
/// `maxRequestLineBytes` fails with `414` as soon as one byte too many arrived without a CRLF, and a
/// header section past `maxHeaderBytes` (request line included) or `maxHeaderFields` fails with `431`.
///
/// Field values are decoded as UTF-8 with invalid sequences replaced by U+FFFD. RFC 9110 §5.5 says
/// obs-text has no defined charset; UTF-8 is what our clients send, and lossy decoding means a stray
/// Latin-1 byte can never make a valid request unparseable. Names, methods and targets are ASCII.
///
/// After `.complete` the parser is ready for the next request (the caller drops `consumed` bytes).
/// After `.invalid` it keeps answering the same error until `reset()`.
public struct RequestHeadParser: Sendable {
    /// How many empty lines before the request line are skipped (RFC 9112 §2.2 asks servers to
    /// ignore at least one); more is noise, not a client finishing a previous body.
    static let maxLeadingEmptyLines = 4

    /// Where one field line's name and value sit in the buffer, so Strings are built once at the end.
    private struct FieldRange {
        var nameStart: Int
        var nameEnd: Int
        var valueStart: Int
        var valueEnd: Int
    }

    /// What the next complete line is.
    private enum Phase {
        case requestLine
        case fieldLines
        case failed(HTTPParseError)
    }

    /// What the search for the current line's CRLF found.
    private enum LineEnd {
        /// The line ends with the CR at this index, and LF follows it.
        case line(crIndex: Int)
        case incomplete
        case invalid(HTTPParseError)
    }

    private let limits: Limits
    private var phase = Phase.requestLine
    /// Index of the request line's first byte (after skipped empty lines): the header limit counts from here.
    private var headStart = 0
    /// Index of the first byte of the line being parsed.
    private var lineStart = 0
    /// Where the search for the current line's terminator resumes: bytes before it hold no CR or LF.
    private var searchFrom = 0
    private var emptyLinesSkipped = 0
    private var method = HTTPMethod.get
    private var target = ""
    private var version = HTTPVersion.http11
    private var fieldRanges: [FieldRange] = []

    /// A parser enforcing `limits` (request line, header section and field count).
    public init(limits: Limits) {
        self.limits = limits
        fieldRanges.reserveCapacity(16)
    }

    /// Forgets any partial or failed request, keeping allocated capacity for the next one.
    public mutating func reset() {
        phase = .requestLine
        headStart = 0
        lineStart = 0
        searchFrom = 0
        emptyLinesSkipped = 0
        method = .get
        target = ""
        version = .http11
        fieldRanges.removeAll(keepingCapacity: true)
    }

    /// Parses `bytes`, every byte received since the start of this request (not just the new ones).
    public mutating func parse(_ bytes: UnsafeRawBufferPointer) -> HeadParseResult {
        if case .failed(let error) = phase { return .invalid(error) }
        // A caller that dropped bytes without calling reset() broke the contract; starting over is
        // the only answer that cannot read stale offsets.
        if bytes.count < searchFrom { reset() }
        while true {
            let crIndex: Int
            switch findLineEnd(bytes) {
            case .incomplete: return .incomplete
            case .invalid(let error): return fail(error)
            case .line(let index): crIndex = index
            }
            let nextLine = crIndex + 2
            switch phase {
            case .requestLine:
                if crIndex == lineStart {
                    emptyLinesSkipped += 1
                    if emptyLinesSkipped > Self.maxLeadingEmptyLines { return fail(.init(.invalidMethod)) }
                    headStart = nextLine
                } else if let error = parseRequestLine(bytes, end: crIndex) {
                    return fail(error)
                } else {
                    phase = .fieldLines
                }
            case .fieldLines:
                if crIndex == lineStart {
                    let head = makeHead(bytes)
                    reset()
                    return .complete(head, consumed: nextLine)
                }
                if let error = parseFieldLine(bytes, end: crIndex) { return fail(error) }
            case .failed(let error):
                return .invalid(error)
            }
            lineStart = nextLine
            searchFrom = nextLine
        }
    }

    private mutating func fail(_ error: HTTPParseError) -> HeadParseResult {
        phase = .failed(error)
        return .invalid(error)
    }

    /// Finds the CRLF ending the current line, never looking past the limits: the request line's
    /// CR must come within `maxRequestLineBytes` of its start, and every CR early enough that the
    /// whole section, final CRLF included, fits in `maxHeaderBytes`.
    private mutating func findLineEnd(_ bytes: UnsafeRawBufferPointer) -> LineEnd {
        // Index at which a CR would already break the header section limit.
        let headerBound = headStart + limits.maxHeaderBytes - 1
        var bound = headerBound
        var overflow = HTTPParseError.Code.headersTooLarge
        if case .requestLine = phase {
            let lineBound = lineStart + limits.maxRequestLineBytes + 1
            if lineBound <= bound {
                bound = lineBound
                overflow = .requestLineTooLong
            }
        }
        let searchEnd = min(bytes.count, bound)
        guard let index = Self.firstLineByte(bytes, from: searchFrom, to: searchEnd) else {
            if bytes.count >= bound { return .invalid(.init(overflow)) }
            searchFrom = max(searchFrom, searchEnd)
            return .incomplete
        }
        if bytes[index] == ASCII.lf { return .invalid(.init(.bareLineFeed)) }
        guard index + 1 < bytes.count else {
            // A CR as the last byte: look at it again when more bytes arrive.
            searchFrom = index
            return .incomplete
        }
        if bytes[index + 1] != ASCII.lf { return .invalid(.init(.bareCarriageReturn)) }
        return .line(crIndex: index)
    }

    /// The index of the first CR or LF in `from..<to`, eight bytes at a time where possible
    /// (the SWAR "has zero byte" test from Hacker's Delight, applied to `word ^ pattern`).
    @inline(__always)
    static func firstLineByte(_ bytes: UnsafeRawBufferPointer, from: Int, to: Int) -> Int? {
        var index = from
        while index + 8 <= to {
            let word = bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            if hasByte(word, 0x0D0D_0D0D_0D0D_0D0D) || hasByte(word, 0x0A0A_0A0A_0A0A_0A0A) { break }
            index += 8
        }
        while index < to {
            let byte = bytes[index]
            if byte == ASCII.cr || byte == ASCII.lf { return index }
            index += 1
        }
        return nil
    }

    /// Whether every byte of `from..<to` is `field-content`. Values are most of a head's bytes, so
    /// eight are checked at once: a word with no byte below 0x20 and no DEL is all valid (obs-text
    /// included); only words holding a control byte (usually HTAB) are checked byte by byte.
    @inline(__always)
    static func allFieldContent(_ bytes: UnsafeRawBufferPointer, from: Int, to: Int) -> Bool {
        var index = from
        while index + 8 <= to {
            let word = bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            let belowSpace = (word &- 0x2020_2020_2020_2020) & ~word & 0x8080_8080_8080_8080
            if belowSpace != 0 || hasByte(word, 0x7F7F_7F7F_7F7F_7F7F) {
                for offset in index..<(index + 8) where !ByteClass.fieldContent.contains(bytes[offset]) {
                    return false
                }
            }
            index += 8
        }
        while index < to {
            if !ByteClass.fieldContent.contains(bytes[index]) { return false }
            index += 1
        }
        return true
    }

    @inline(__always)
    private static func hasByte(_ word: UInt64, _ pattern: UInt64) -> Bool {
        let x = word ^ pattern
        return (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080 != 0
    }

    /// `request-line = method SP request-target SP HTTP-version` (RFC 9112 §3), single spaces only.
    private mutating func parseRequestLine(_ bytes: UnsafeRawBufferPointer, end: Int) -> HTTPParseError? {
        var index = lineStart
        while index < end && ByteClass.tchar.contains(bytes[index]) { index += 1 }
        guard index > lineStart, index < end, bytes[index] == ASCII.sp else { return .init(.invalidMethod) }
        let methodEnd = index
        index += 1
        let targetStart = index
        while index < end && ByteClass.requestTarget.contains(bytes[index]) { index += 1 }
        guard index > targetStart else { return .init(.invalidTarget) }
        guard index < end else { return .init(.invalidVersion) }
        guard bytes[index] == ASCII.sp else { return .init(.invalidTarget) }
        let targetEnd = index
        switch Self.parseVersion(UnsafeRawBufferPointer(rebasing: bytes[(index + 1)..<end])) {
        case .success(let parsed): version = parsed
        case .failure(let error): return error
        }
        method = HTTPMethod(token: Self.string(bytes, lineStart..<methodEnd))
        target = Self.string(bytes, targetStart..<targetEnd)
        return nil
    }

    /// `HTTP-version = "HTTP/" DIGIT "." DIGIT` (RFC 9112 §2.3): 1.0 and 1.1 are spoken, any other
    /// well-formed version is `505`, anything else `400`.
    static func parseVersion(_ bytes: UnsafeRawBufferPointer) -> Result<HTTPVersion, HTTPParseError> {
        guard bytes.count == 8, bytes[0] == UInt8(ascii: "H"), bytes[1] == UInt8(ascii: "T"),
            bytes[2] == UInt8(ascii: "T"), bytes[3] == UInt8(ascii: "P"), bytes[4] == UInt8(ascii: "/"),
            isDigit(bytes[5]), bytes[6] == UInt8(ascii: "."), isDigit(bytes[7])
        else { return .failure(.init(.invalidVersion)) }
        switch (bytes[5], bytes[7]) {
        case (UInt8(ascii: "1"), UInt8(ascii: "1")): return .success(.http11)
        case (UInt8(ascii: "1"), UInt8(ascii: "0")): return .success(.http10)
        default: return .failure(.init(.unsupportedVersion))
        }
    }

    @inline(__always)
    private static func isDigit(_ byte: UInt8) -> Bool { byte >= ASCII.zero && byte <= ASCII.nine }

    /// `field-line = field-name ":" OWS field-value OWS` (RFC 9112 §5), with the RFC's MUST-rejects:
    /// no whitespace before the colon (§5.1), no obs-fold (§5.2), no NUL or other controls in values.
    private mutating func parseFieldLine(_ bytes: UnsafeRawBufferPointer, end: Int) -> HTTPParseError? {
        let first = bytes[lineStart]
        if first == ASCII.sp || first == ASCII.htab { return .init(.obsoleteLineFolding) }
        guard fieldRanges.count < limits.maxHeaderFields else { return .init(.tooManyHeaders) }
        var index = lineStart
        while index < end && ByteClass.tchar.contains(bytes[index]) { index += 1 }
        guard index > lineStart, index < end, bytes[index] == ASCII.colon else { return .init(.invalidHeaderName) }
        let nameEnd = index
        index += 1
        while index < end && (bytes[index] == ASCII.sp || bytes[index] == ASCII.htab) { index += 1 }
        let valueStart = index
        guard Self.allFieldContent(bytes, from: index, to: end) else { return .init(.invalidHeaderValue) }
        var valueEnd = end
        while valueEnd > valueStart && (bytes[valueEnd - 1] == ASCII.sp || bytes[valueEnd - 1] == ASCII.htab) {
            valueEnd -= 1
        }
        fieldRanges.append(
            FieldRange(nameStart: lineStart, nameEnd: nameEnd, valueStart: valueStart, valueEnd: valueEnd))
        return nil
    }

    private func makeHead(_ bytes: UnsafeRawBufferPointer) -> RequestHead {
        var headers = HeaderFields()
        for range in fieldRanges {
            headers.add(
                Self.string(bytes, range.nameStart..<range.nameEnd),
                Self.string(bytes, range.valueStart..<range.valueEnd))
        }
        return RequestHead(method: method, target: target, version: version, headers: headers)
    }

    @inline(__always)
    private static func string(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }
}
