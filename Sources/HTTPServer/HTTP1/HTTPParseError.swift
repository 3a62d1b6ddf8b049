/// Why a request head or body was refused by the parser: a stable code plus the status to answer
/// with. Carries no client bytes, so it is always safe to log.
public struct HTTPParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The rule that was broken.
    public enum Code: String, Sendable {
        case requestLineTooLong = "request_line_too_long"
        case headersTooLarge = "headers_too_large"
        case tooManyHeaders = "too_many_headers"
        case bodyTooLarge = "body_too_large"
        case invalidMethod = "invalid_method"
        case invalidTarget = "invalid_target"
        case invalidVersion = "invalid_version"
        case unsupportedVersion = "unsupported_version"
        case invalidHeaderName = "invalid_header_name"
        case invalidHeaderValue = "invalid_header_value"
        case obsoleteLineFolding = "obsolete_line_folding"
        case bareCarriageReturn = "bare_carriage_return"
        /// A line ended with LF alone instead of CRLF (RFC 9112 §2.2 allows leniency; we refuse it so
        /// that no proxy in front of us can read the message differently).
        case bareLineFeed = "bare_line_feed"
        case missingHost = "missing_host"
        case duplicateHost = "duplicate_host"
        case invalidContentLength = "invalid_content_length"
        case conflictingContentLength = "conflicting_content_length"
        case contentLengthWithTransferEncoding = "content_length_with_transfer_encoding"
        case transferEncodingOnHTTP10 = "transfer_encoding_on_http10"
        case unsupportedTransferEncoding = "unsupported_transfer_encoding"
        case invalidChunk = "invalid_chunk"
        case trailersTooLarge = "trailers_too_large"
        case unsupportedExpectation = "unsupported_expectation"
    }

    /// The rule that was broken.
    public var code: Code

    /// Makes an error for a broken rule.
    public init(_ code: Code) { self.code = code }

    /// The status the server answers with before closing the connection.
    public var status: HTTPStatus {
        switch code {
        case .requestLineTooLong: .uriTooLong
        case .headersTooLarge, .tooManyHeaders, .trailersTooLarge: .headerFieldsTooLarge
        case .bodyTooLarge: .contentTooLarge
        case .unsupportedVersion: .httpVersionNotSupported
        case .unsupportedTransferEncoding: .notImplemented
        case .unsupportedExpectation: .expectationFailed
        default: .badRequest
        }
    }

    /// `"HTTPParseError(invalid_header_name → 400)"`.
    public var description: String { "HTTPParseError(\(code.rawValue) → \(status.code))" }
}
