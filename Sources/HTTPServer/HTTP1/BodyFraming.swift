/// How a request's body is delimited (RFC 9112 §6.3), decided from its head before any body byte
/// is read, together with the framing defences that stop request smuggling.
public enum BodyFraming: Sendable, Equatable {
    /// No body: neither `Content-Length` nor `Transfer-Encoding` (RFC 9112 §6.3 rule 7).
    case none
    /// Exactly this many bytes follow (possibly zero), already checked against `maxBodyBytes`.
    case contentLength(Int)
    /// A chunked body follows; decode it with `ChunkedDecoder`.
    case chunked

    /// Decides the framing of `head`, refusing what RFC 9112 tells servers to refuse:
    /// - `Content-Length` with `Transfer-Encoding` → `400` (§6.1: a smuggling attempt, not a choice);
    /// - `Transfer-Encoding` on HTTP/1.0 → `400` (§6.1: 1.0 has no chunked framing);
    /// - a transfer coding other than exactly `chunked` → `501` (§6.1; we decode no other coding);
    /// - a `Content-Length` that is not all digits or overflows → `400`; differing values across
    ///   fields or inside a comma list → `400`; identical repeats count once (§6.3 rule 5);
    /// - a `Content-Length` above `limits.maxBodyBytes` → `413`, before anything is allocated;
    /// - HTTP/1.1 without `Host`, or any request with two `Host` fields → `400` (§3.2).
    public init(head: RequestHead, limits: Limits) throws(HTTPParseError) {
        var hostCount = 0
        var hasTransferEncoding = false
        var hasContentLength = false
        for field in head.headers {
            if HeaderFields.equalNames(field.name, "host") {
                hostCount += 1
            } else if HeaderFields.equalNames(field.name, "transfer-encoding") {
                hasTransferEncoding = true
            } else if HeaderFields.equalNames(field.name, "content-length") {
                hasContentLength = true
            }
        }
        if hostCount > 1 { throw HTTPParseError(.duplicateHost) }
        if hostCount == 0 && head.version == .http11 { throw HTTPParseError(.missingHost) }

        if hasTransferEncoding {
            if hasContentLength { throw HTTPParseError(.contentLengthWithTransferEncoding) }
            if head.version == .http10 { throw HTTPParseError(.transferEncodingOnHTTP10) }
            try Self.checkChunkedOnly(head.headers)
            self = .chunked
            return
        }
        guard hasContentLength else {
            self = .none
            return
        }
        let length = try Self.contentLength(head.headers)
        if length > limits.maxBodyBytes { throw HTTPParseError(.bodyTooLarge) }
        self = .contentLength(length)
    }

    /// Requires the transfer codings, across all fields, to be exactly one `chunked`.
    private static func checkChunkedOnly(_ headers: HeaderFields) throws(HTTPParseError) {
        var codings = 0
        var allChunked = true
        for field in headers where HeaderFields.equalNames(field.name, "transfer-encoding") {
            for element in FieldValueList.elements(field.value) {
                codings += 1
                if !FieldValueList.equalsIgnoringCase(element, "chunked") { allChunked = false }
            }
        }
        if codings != 1 || !allChunked { throw HTTPParseError(.unsupportedTransferEncoding) }
    }

    /// The one value shared by every `Content-Length` element (RFC 9110 §8.6: `1*DIGIT`).
    private static func contentLength(_ headers: HeaderFields) throws(HTTPParseError) -> Int {
        var agreed: Int?
        for field in headers where HeaderFields.equalNames(field.name, "content-length") {
            for element in FieldValueList.elements(field.value) {
                let value = try parseDigits(element)
                if let agreed, agreed != value { throw HTTPParseError(.conflictingContentLength) }
                agreed = value
            }
        }
        guard let agreed else { throw HTTPParseError(.invalidContentLength) }
        return agreed
    }

    /// `1*DIGIT` as a non-negative Int; no sign, no spaces, no overflow.
    private static func parseDigits(_ bytes: Substring.UTF8View) throws(HTTPParseError) -> Int {
        guard !bytes.isEmpty else { throw HTTPParseError(.invalidContentLength) }
        var value = 0
        for byte in bytes {
            guard byte >= ASCII.zero && byte <= ASCII.nine else { throw HTTPParseError(.invalidContentLength) }
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(Int(byte - ASCII.zero))
            if overflow1 || overflow2 { throw HTTPParseError(.invalidContentLength) }
            value = sum
        }
        return value
    }
}
