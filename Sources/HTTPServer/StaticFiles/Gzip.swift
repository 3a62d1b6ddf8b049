import CZlib

/// A zlib failure: which call and the zlib return code (`Z_MEM_ERROR`, `Z_STREAM_ERROR`…).
public struct GzipError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The zlib function that failed (`"deflateInit2_"`, `"deflate"`).
    public var call: String
    /// The zlib return code.
    public var code: Int32

    /// Makes an error.
    public init(_ call: String, code: Int32) {
        self.call = call
        self.code = code
    }

    /// `"deflate: zlib error -2"`.
    public var description: String { "\(call): zlib error \(code)" }
}

/// Gzip compression (RFC 1952) with zlib: a pure function from bytes to gzip bytes, used for static
/// files a client accepts compressed. One-shot: the output buffer is sized with `deflateBound`, so a
/// single `deflate(Z_FINISH)` must finish; anything else is reported as an error, never ignored.
public enum Gzip {
    /// Compresses `input` into a gzip member. `level` is zlib's 1 (fast) … 9 (small); 6 is zlib's default
    /// balance and static files are compressed once, then cached.
    public static func compress(_ input: [UInt8], level: Int32 = 6) throws(GzipError) -> [UInt8] {
        // zlib counts in 32-bit `uInt`; static files are far smaller, but never let a count wrap.
        guard input.count < Int(UInt32.max / 2) else { throw GzipError("deflate", code: Z_BUF_ERROR) }
        var stream = z_stream()
        // deflateInit2 is a C macro Swift cannot call; it expands to deflateInit2_ with the version and
        // struct size, which zlib checks against the library it was built with.
        // windowBits 15 + 16 asks for the gzip wrapper instead of the zlib one; memLevel 8 is the default.
        let initResult = deflateInit2_(
            &stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)
        )
        guard initResult == Z_OK else { throw GzipError("deflateInit2_", code: initResult) }
        defer { deflateEnd(&stream) }

        // deflateBound covers the zlib wrapper; the gzip header and trailer take 18 bytes where zlib's take 6.
        let capacity = Int(deflateBound(&stream, uLong(input.count))) + 18
        var output = [UInt8](repeating: 0, count: capacity)
        var input = input
        let result: Int32 = input.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBufferPointer { destination in
                stream.next_in = source.baseAddress
                stream.avail_in = uInt(source.count)
                stream.next_out = destination.baseAddress
                stream.avail_out = uInt(destination.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        guard result == Z_STREAM_END else { throw GzipError("deflate", code: result) }
        output.removeLast(Int(stream.avail_out))
        return output
    }
}
