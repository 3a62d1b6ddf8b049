/// How a response body is delimited on the wire (RFC 9112 §6).
public enum ResponseFraming: Sendable, Equatable {
    /// `Content-Length: n` (also for HEAD, with the length the GET body would have).
    case contentLength(Int)
    /// `Transfer-Encoding: chunked`, for streamed bodies to HTTP/1.1 clients.
    case chunked
    /// No framing header: 1xx, 204 and 304 responses, which never have a body (RFC 9110 §6.4.1).
    case none
}

/// Writes response heads and chunks into a byte buffer. The caller's headers are checked so that
/// no value can smuggle a CR, LF or NUL (response splitting) and no name is anything but a token;
/// the framing headers are written here and only here, so a handler cannot contradict them.
public enum ResponseEncoder {
    /// Appends a status line, `Date`, the caller's `headers`, the framing header and, when needed,
    /// `Connection` to `out`. On error nothing is appended.
    ///
    /// `Connection: close` is sent when `keepAlive` is false; an HTTP/1.0 keep-alive response gets
    /// `Connection: keep-alive`, since 1.0 clients close otherwise (RFC 9112 §9.3).
    public static func encodeHead(
        status: HTTPStatus, headers: HeaderFields, version: HTTPVersion, framing: ResponseFraming,
        keepAlive: Bool, date: String, into out: inout [UInt8]
    ) throws(ResponseEncodingError) {
        switch framing {
        case .chunked where version == .http10: throw ResponseEncodingError(.chunkedOnHTTP10)
        case .contentLength(let length) where length < 0: throw ResponseEncodingError(.invalidContentLength)
        default: break
        }
        for field in headers { try validate(field) }

        out.reserveCapacity(out.count + 128 + headers.count * 48)
        append(version.description, to: &out)
        out.append(ASCII.sp)
        ASCIIDecimal.append(status.code, to: &out)
        out.append(ASCII.sp)
        append(status.reasonPhrase, to: &out)
        appendCRLF(to: &out)
        appendField("Date", date, to: &out)
        for field in headers { appendField(field.name, field.value, to: &out) }
        switch framing {
        case .contentLength(let length):
            append("Content-Length: ", to: &out)
            ASCIIDecimal.append(length, to: &out)
            appendCRLF(to: &out)
        case .chunked:
            appendField("Transfer-Encoding", "chunked", to: &out)
        case .none:
            break
        }
        if !keepAlive {
            appendField("Connection", "close", to: &out)
        } else if version == .http10 {
            appendField("Connection", "keep-alive", to: &out)
        }
        appendCRLF(to: &out)
    }

    /// Appends one chunk (`size CRLF data CRLF`). An empty collection appends nothing, because a
    /// zero-size chunk would end the body.
    public static func encodeChunk(_ bytes: some Collection<UInt8>, into out: inout [UInt8]) {
        let count = bytes.count
        guard count > 0 else { return }
        appendHex(count, to: &out)
        appendCRLF(to: &out)
        out.append(contentsOf: bytes)
        appendCRLF(to: &out)
    }

    /// Appends the last chunk and an empty trailer section (`0 CRLF CRLF`), ending a chunked body.
    public static func encodeLastChunk(into out: inout [UInt8]) {
        append("0\r\n\r\n", to: &out)
    }

    /// Names the encoder writes itself; a caller setting them would produce contradictory framing.
    private static let reservedNames = ["content-length", "transfer-encoding", "connection", "date"]
    private static let reservedNameLengths = reservedNames.map(\.utf8.count)

    private static func validate(_ field: HeaderFields.Field) throws(ResponseEncodingError) {
        // Over the strings' own bytes (no copy for native strings): every response validates a
        // dozen fields, and the generic `allSatisfy` over a UTF-8 view cost 2,300 instructions of
        // a 34,000-instruction `/healthz` (callgrind).
        var name = field.name
        let nameLength = name.utf8.count
        guard name.withUTF8({ validName($0) }) else { throw ResponseEncodingError(.invalidHeaderName) }
        var value = field.value
        guard value.withUTF8({ validValue(UnsafeRawBufferPointer($0)) }) else {
            throw ResponseEncodingError(.invalidHeaderValue, headerName: field.name)
        }
        // Compared only at one of their lengths: most names never reach the case-insensitive loop.
        if reservedNameLengths.contains(nameLength),
            reservedNames.contains(where: { HeaderFields.equalNames($0, field.name) })
        {
            throw ResponseEncodingError(.reservedHeader, headerName: field.name)
        }
    }

    static func validName(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !bytes.isEmpty else { return false }
        for byte in bytes where !ByteClass.tchar.contains(byte) { return false }
        return true
    }

    /// A value may hold anything but the bytes that would end the field or the head: NUL, LF, CR.
    /// Eight bytes at a time, since values (policies, cookies) run to dozens of bytes: a word none
    /// of whose bytes is below 0x0E holds none of the three (the "has a byte less than n" test of
    /// Bit Twiddling Hacks, exact for n ≤ 128). A word that might, such as one holding a tab, is
    /// looked at byte by byte from there on.
    static func validValue(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        var index = 0
        while index + 8 <= bytes.count {
            let word = bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            if (word &- ones &* 0x0E) & ~word & (ones &* 0x80) != 0 { break }
            index += 8
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == ASCII.cr || byte == ASCII.lf || byte == 0 { return false }
            index += 1
        }
        return true
    }

    /// Over the string's contiguous bytes, so the copy is one `memcpy`; appending the UTF-8 view
    /// itself goes through the generic sequence path, a dozen header strings per response.
    @inline(__always)
    private static func append(_ string: String, to out: inout [UInt8]) {
        var string = string
        string.withUTF8 { out.append(contentsOf: $0) }
    }

    @inline(__always)
    private static func appendCRLF(to out: inout [UInt8]) {
        out.append(ASCII.cr)
        out.append(ASCII.lf)
    }

    private static func appendField(_ name: String, _ value: String, to out: inout [UInt8]) {
        append(name, to: &out)
        out.append(ASCII.colon)
        out.append(ASCII.sp)
        append(value, to: &out)
        appendCRLF(to: &out)
    }

    /// Lowercase hex digits of a positive Int, for chunk sizes.
    static func appendHex(_ value: Int, to out: inout [UInt8]) {
        let hex: StaticString = "0123456789abcdef"
        var shift = (Int.bitWidth - value.leadingZeroBitCount - 1) / 4 * 4
        hex.withUTF8Buffer { table in
            while shift >= 0 {
                out.append(table[(value >> shift) & 0xF])
                shift -= 4
            }
        }
    }
}
