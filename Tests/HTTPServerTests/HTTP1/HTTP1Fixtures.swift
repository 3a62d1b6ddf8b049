@testable import HTTPServer

/// A parse result reduced to comparable values (RequestHead is not Equatable).
enum HeadOutcome: Equatable, CustomStringConvertible {
    case complete(method: String, target: String, version: String, fields: [HeaderFields.Field], consumed: Int)
    case incomplete
    case invalid(HTTPParseError.Code)

    init(_ result: HeadParseResult) {
        switch result {
        case .complete(let head, let consumed):
            self = .complete(
                method: head.method.description, target: head.target, version: head.version.description,
                fields: head.headers.fields, consumed: consumed)
        case .incomplete: self = .incomplete
        case .invalid(let error): self = .invalid(error.code)
        }
    }

    var description: String {
        switch self {
        case .complete(let method, let target, let version, let fields, let consumed):
            "complete(\(method) \(target) \(version), \(fields.count) fields, consumed \(consumed))"
        case .incomplete: "incomplete"
        case .invalid(let code): "invalid(\(code))"
        }
    }
}

/// Limits with the defaults, optionally tightened for a test.
func makeLimits(
    maxRequestLineBytes: Int = 8 * 1024, maxHeaderBytes: Int = 32 * 1024, maxHeaderFields: Int = 100,
    maxBodyBytes: Int = 1024 * 1024, maxChunkLineBytes: Int = 1024, maxTrailerBytes: Int = 8 * 1024
) -> Limits {
    var limits = Limits()
    limits.maxRequestLineBytes = maxRequestLineBytes
    limits.maxHeaderBytes = maxHeaderBytes
    limits.maxHeaderFields = maxHeaderFields
    limits.maxBodyBytes = maxBodyBytes
    limits.maxChunkLineBytes = maxChunkLineBytes
    limits.maxTrailerBytes = maxTrailerBytes
    return limits
}

/// Raw request bytes: a request line, the given field lines, the empty line, then `body`.
func makeRequest(
    method: String = "GET", target: String = "/", version: String = "HTTP/1.1",
    headers: [(String, String)] = [("Host", "example.org")], body: String = ""
) -> [UInt8] {
    var text = "\(method) \(target) \(version)\r\n"
    for (name, value) in headers { text += "\(name): \(value)\r\n" }
    text += "\r\n" + body
    return Array(text.utf8)
}

/// A parsed head from field pairs, for framing and semantics tests.
func makeHead(
    version: HTTPVersion = .http11, headers: [(String, String)] = [("Host", "example.org")]
) -> RequestHead {
    var fields = HeaderFields()
    for (name, value) in headers { fields.add(name, value) }
    return RequestHead(method: .get, target: "/", version: version, headers: fields)
}

/// Parses `bytes` in one call with a fresh parser.
func parseWhole(_ bytes: [UInt8], limits: Limits = makeLimits()) -> HeadOutcome {
    var parser = RequestHeadParser(limits: limits)
    return bytes.withUnsafeBytes { HeadOutcome(parser.parse($0)) }
}

/// Parses `bytes` by appending one byte at a time to a growing buffer, as a slow client would
/// send it; returns the first outcome that is not `.incomplete` (or `.incomplete` at the end).
func parseByteByByte(_ bytes: [UInt8], limits: Limits = makeLimits()) -> (HeadOutcome, bytesFed: Int) {
    var parser = RequestHeadParser(limits: limits)
    var buffer: [UInt8] = []
    for byte in bytes {
        buffer.append(byte)
        let outcome = buffer.withUnsafeBytes { HeadOutcome(parser.parse($0)) }
        if outcome != .incomplete { return (outcome, buffer.count) }
    }
    return (.incomplete, buffer.count)
}

/// Decodes a chunked body fed in the given pieces, dropping consumed bytes like a connection would.
func decodeChunked(
    _ pieces: [[UInt8]], limits: Limits = makeLimits()
) -> (result: ChunkedDecodeResult, body: [UInt8], leftover: [UInt8]) {
    var decoder = ChunkedDecoder(limits: limits)
    var body: [UInt8] = []
    var pending: [UInt8] = []
    var last = ChunkedDecodeResult.needMore(consumed: 0)
    for piece in pieces {
        pending += piece
        last = pending.withUnsafeBytes { decoder.decode($0, into: &body) }
        switch last {
        case .needMore(let consumed):
            pending.removeFirst(consumed)
        case .done(let consumed):
            pending.removeFirst(consumed)
            return (last, body, pending)
        case .invalid:
            return (last, body, pending)
        }
    }
    return (last, body, pending)
}
