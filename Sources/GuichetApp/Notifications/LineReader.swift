import HTTPServer

/// Reads CRLF-terminated lines from an outbound connection, each at most `limit` bytes (RFC 5321
/// allows 512 for a reply line; a peer sending more is not a relay we should believe).
struct LineReader {
    let connection: OutboundConnection
    let limit = 4096
    private var buffer: [UInt8] = []

    init(connection: OutboundConnection) {
        self.connection = connection
    }

    /// The next line without its CRLF; nil at end of stream or past the limit.
    mutating func line() throws(SystemError) -> String? {
        while true {
            if let end = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                var line = buffer[..<end]
                if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
                buffer.removeSubrange(...end)
                return String(decoding: line, as: UTF8.self)
            }
            if buffer.count > limit { return nil }
            let chunk = try connection.receive()
            if chunk.isEmpty { return nil }
            buffer += chunk
        }
    }
}
