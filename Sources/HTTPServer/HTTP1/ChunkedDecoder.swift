/// What `ChunkedDecoder.decode(_:into:)` did with the bytes it was given.
public enum ChunkedDecodeResult: Sendable, Equatable {
    /// Every byte given was consumed (`consumed` is their count); the body continues.
    case needMore(consumed: Int)
    /// The body ended: `consumed` bytes, up to and including the CRLF after the last chunk's
    /// trailer section, belong to it. Bytes after them are the next pipelined request.
    case done(consumed: Int)
    /// The body breaks the chunked grammar or a limit; answer with `error.status` and close.
    case invalid(HTTPParseError)
}

/// An incremental decoder for the chunked transfer coding (RFC 9112 §7.1), byte-driven like
/// nginx's `ngx_http_parse_chunked`: it keeps its position in the grammar between calls, so the
/// caller hands it whatever arrived, drops the consumed bytes and never re-feeds them.
///
/// Defences: at most 16 hex digits per chunk size with overflow checks; the chunk-size line
/// (size plus extensions) at most `maxChunkLineBytes`; CRLF required exactly where the grammar puts
/// it (no bare LF, no bare CR); the decoded total at most `maxBodyBytes`, checked when a chunk size
/// is read so an oversized chunk fails before any of its data is buffered; the trailer section at
/// most `maxTrailerBytes`. Extensions and trailers are checked for forbidden bytes, then discarded.
public struct ChunkedDecoder: Sendable {
    /// Where in `chunked-body` the next byte belongs.
    private enum State: Equatable {
        /// Reading `chunk-size` hex digits (at least one).
        case size
        /// After the size, before `;`: only BWS (spaces and tabs) may come, then `;` or CR.
        case sizeWhitespace
        /// After `;`: reading `chunk-ext` until CR.
        case extensions
        /// Saw the CR ending the chunk-size line; LF must follow.
        case sizeLineFeed
        /// Copying chunk data; this many bytes remain.
        case data(remaining: Int)
        /// Chunk data ended; CR must follow.
        case dataCarriageReturn
        /// Saw CR after data; LF must follow.
        case dataLineFeed
        /// At the start of a trailer line (or the final empty line).
        case trailerLineStart
        /// Inside a trailer field line.
        case trailerLine
        /// Saw the CR ending a trailer line; LF must follow.
        case trailerLineFeed
        /// Saw the CR of the final empty line; LF must follow and ends the body.
        case finalLineFeed
        case done
        case failed(HTTPParseError)
    }

    /// Longest `chunk-size` in hex digits: 16 digits already exceed any Int, so more is an attack.
    static let maxSizeDigits = 16

    private let limits: Limits
    private var state = State.size
    private var chunkSize = 0
    private var sizeDigits = 0
    private var chunkLineBytes = 0
    private var trailerBytes = 0
    private var decodedBytes = 0

    /// A decoder enforcing `limits` (body, chunk line and trailer sizes).
    public init(limits: Limits) {
        self.limits = limits
    }

    /// Starts over for a new body.
    public mutating func reset() {
        state = .size
        chunkSize = 0
        sizeDigits = 0
        chunkLineBytes = 0
        trailerBytes = 0
        decodedBytes = 0
    }

    /// Decodes as much of `bytes` (the not-yet-consumed bytes received) as possible, appending chunk
    /// data to `body`. Once `.done` or `.invalid`, later calls repeat the answer without consuming.
    public mutating func decode(_ bytes: UnsafeRawBufferPointer, into body: inout [UInt8]) -> ChunkedDecodeResult {
        switch state {
        case .done: return .done(consumed: 0)
        case .failed(let error): return .invalid(error)
        default: break
        }
        var index = 0
        let count = bytes.count
        while index < count {
            if case .data(let remaining) = state {
                let take = min(remaining, count - index)
                body.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[index..<(index + take)]))
                index += take
                state = remaining == take ? .dataCarriageReturn : .data(remaining: remaining - take)
                continue
            }
            let byte = bytes[index]
            index += 1
            if let error = step(byte) {
                state = .failed(error)
                return .invalid(error)
            }
            if state == .done { return .done(consumed: index) }
        }
        return .needMore(consumed: count)
    }

    /// Advances the grammar by one byte outside chunk data; returns the rule it broke, if any.
    private mutating func step(_ byte: UInt8) -> HTTPParseError? {
        switch state {
        case .size:
            if let digit = Self.hexValue(byte) {
                sizeDigits += 1
                chunkLineBytes += 1
                guard sizeDigits <= Self.maxSizeDigits else { return .init(.invalidChunk) }
                let (shifted, overflow1) = chunkSize.multipliedReportingOverflow(by: 16)
                let (sum, overflow2) = shifted.addingReportingOverflow(digit)
                guard !overflow1, !overflow2 else { return .init(.invalidChunk) }
                chunkSize = sum
                // The size only grows with more digits, so fail now rather than after the line.
                if chunkSize > limits.maxBodyBytes - decodedBytes { return .init(.bodyTooLarge) }
                return nil
            }
            guard sizeDigits > 0 else { return .init(.invalidChunk) }
            return startExtensions(byte)
        case .sizeWhitespace:
            return startExtensions(byte)
        case .extensions:
            return extensionByte(byte)
        case .sizeLineFeed:
            guard byte == ASCII.lf else { return .init(.invalidChunk) }
            return endSizeLine()
        case .dataCarriageReturn:
            guard byte == ASCII.cr else { return .init(.invalidChunk) }
            state = .dataLineFeed
        case .dataLineFeed:
            guard byte == ASCII.lf else { return .init(.invalidChunk) }
            state = .size
        case .trailerLineStart:
            if let error = countTrailerByte() { return error }
            if byte == ASCII.cr {
                state = .finalLineFeed
                return nil
            }
            // A trailer field must start with a token byte (no obs-fold, no bare LF).
            guard ByteClass.tchar.contains(byte) else { return .init(.invalidChunk) }
            state = .trailerLine
        case .trailerLine:
            if let error = countTrailerByte() { return error }
            if byte == ASCII.cr {
                state = .trailerLineFeed
            } else if !ByteClass.fieldContent.contains(byte) {
                return .init(.invalidChunk)
            }
        case .trailerLineFeed:
            if let error = countTrailerByte() { return error }
            guard byte == ASCII.lf else { return .init(.invalidChunk) }
            state = .trailerLineStart
        case .finalLineFeed:
            guard byte == ASCII.lf else { return .init(.invalidChunk) }
            state = .done
        case .data, .done, .failed:
            // decode(_:into:) handles these before calling step.
            return nil
        }
        return nil
    }

    /// A byte after the hex digits and before any `;`: CR ends the line, `;` starts `chunk-ext`,
    /// BWS may precede it (`chunk-ext = *( BWS ";" BWS ext-name … )`); anything else, such as a
    /// second number after a space, is refused.
    private mutating func startExtensions(_ byte: UInt8) -> HTTPParseError? {
        switch byte {
        case ASCII.cr:
            state = .sizeLineFeed
            return nil
        case ASCII.semicolon:
            state = .extensions
        case ASCII.sp, ASCII.htab:
            state = .sizeWhitespace
        default:
            return .init(.invalidChunk)
        }
        chunkLineBytes += 1
        return chunkLineBytes <= limits.maxChunkLineBytes ? nil : .init(.invalidChunk)
    }

    /// One byte of `chunk-ext` (RFC 9112 §7.1.1). Its grammar is not interpreted (we know no
    /// extension), only bounded and kept free of control bytes, so it cannot hide a bare CR or LF.
    private mutating func extensionByte(_ byte: UInt8) -> HTTPParseError? {
        if byte == ASCII.cr {
            state = .sizeLineFeed
            return nil
        }
        chunkLineBytes += 1
        guard chunkLineBytes <= limits.maxChunkLineBytes else { return .init(.invalidChunk) }
        guard ByteClass.fieldContent.contains(byte) else { return .init(.invalidChunk) }
        return nil
    }

    /// The chunk-size line ended: start the data, or the trailer section after the last chunk.
    private mutating func endSizeLine() -> HTTPParseError? {
        guard chunkLineBytes <= limits.maxChunkLineBytes else { return .init(.invalidChunk) }
        let size = chunkSize
        chunkSize = 0
        sizeDigits = 0
        chunkLineBytes = 0
        if size == 0 {
            state = .trailerLineStart
        } else {
            decodedBytes += size
            state = .data(remaining: size)
        }
        return nil
    }

    private mutating func countTrailerByte() -> HTTPParseError? {
        trailerBytes += 1
        return trailerBytes > limits.maxTrailerBytes ? .init(.trailersTooLarge) : nil
    }

    @inline(__always)
    private static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }
}
