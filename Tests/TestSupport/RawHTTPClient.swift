import Foundation
import Glibc

/// A deliberately dumb HTTP/1.1 client over a real TCP socket: it sends exactly the bytes a test
/// gives it (malformed ones included) and reads back what the server sends, byte for byte.
public final class RawHTTPClient {
    /// A response as read off the wire.
    public struct Response: CustomStringConvertible {
        /// The status code from the status line.
        public var status: Int
        /// The status line without CRLF.
        public var statusLine: String
        /// Header fields in order, names as sent.
        public var headers: [(name: String, value: String)]
        /// The body (de-chunked when chunked).
        public var body: [UInt8]

        /// The first value of a header, case-insensitively.
        public func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }

        /// The body as UTF-8 text.
        public var text: String { String(decoding: body, as: UTF8.self) }

        /// The body parsed as a JSON object.
        public var json: [String: Any] {
            (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:]
        }

        /// A short summary for failure messages.
        public var description: String { "\(statusLine) \(text.prefix(300))" }
    }

    /// Why a read failed.
    public enum ClientError: Error, CustomStringConvertible {
        case connectFailed(Int32)
        case timedOut
        case closed(partial: [UInt8])
        case malformed(String)

        public var description: String {
            switch self {
            case .connectFailed(let code): "connect failed (errno \(code))"
            case .timedOut: "timed out"
            case .closed(let partial): "connection closed after \(partial.count) bytes"
            case .malformed(let what): "malformed response: \(what)"
            }
        }
    }

    public let fd: Int32
    private var buffer: [UInt8] = []

    /// Connects to `host:port` (blocking socket with receive timeout `timeout` seconds).
    public init(port: Int, host: String = "127.0.0.1", timeout: Double = 10) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        inet_pton(AF_INET, host, &address.sin_addr)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        if result != 0 {
            let code = errno
            close(fd)
            throw ClientError.connectFailed(code)
        }
        setTimeout(timeout)
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
    }

    deinit { close(fd) }

    /// Sets the receive timeout.
    public func setTimeout(_ seconds: Double) {
        var time = timeval(tv_sec: Int(seconds), tv_usec: Int((seconds - Double(Int(seconds))) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
    }

    /// Sends raw bytes; returns false when the server closed the connection (EPIPE/ECONNRESET).
    @discardableResult
    public func send(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if written <= 0 { return false }
            offset += written
        }
        return true
    }

    /// Sends text as UTF-8.
    @discardableResult
    public func send(_ text: String) -> Bool { send(Array(text.utf8)) }

    /// Half-closes the sending side.
    public func shutdownWrite() { shutdown(fd, Int32(SHUT_WR)) }

    private func fill() throws {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if count > 0 {
            buffer.append(contentsOf: chunk[0..<count])
            return
        }
        if count == 0 { throw ClientError.closed(partial: buffer) }
        if errno == EAGAIN || errno == EWOULDBLOCK { throw ClientError.timedOut }
        throw ClientError.closed(partial: buffer)
    }

    /// Reads one line (without CRLF) as sent, for tests that check interim responses.
    public func readRawLine() throws -> String { try readLine() }

    private func readLine() throws -> String {
        while true {
            if let index = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                var line = Array(buffer[..<index])
                buffer.removeFirst(index + 1)
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                return String(decoding: line, as: UTF8.self)
            }
            try fill()
        }
    }

    private func readExactly(_ count: Int) throws -> [UInt8] {
        while buffer.count < count { try fill() }
        let bytes = Array(buffer[..<count])
        buffer.removeFirst(count)
        return bytes
    }

    /// Reads one response. `head` says it answers a HEAD request (no body whatever the headers say).
    public func readResponse(head: Bool = false) throws -> Response {
        var statusLine = try readLine()
        var headers: [(name: String, value: String)] = []
        func readHeaders() throws {
            headers = []
            while true {
                let line = try readLine()
                if line.isEmpty { break }
                guard let colon = line.firstIndex(of: ":") else { throw ClientError.malformed("header line") }
                headers.append(
                    (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
            }
        }
        try readHeaders()
        // Skip interim 1xx responses.
        while statusLine.split(separator: " ").dropFirst().first?.hasPrefix("1") == true {
            statusLine = try readLine()
            try readHeaders()
        }
        let parts = statusLine.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, let status = Int(parts[1]) else { throw ClientError.malformed(statusLine) }
        var response = Response(status: status, statusLine: statusLine, headers: headers, body: [])
        if head || status == 204 || status == 304 { return response }
        if response.header("Transfer-Encoding")?.lowercased() == "chunked" {
            while true {
                let sizeLine = try readLine()
                guard let size = Int(sizeLine.split(separator: ";")[0], radix: 16) else {
                    throw ClientError.malformed("chunk size")
                }
                if size == 0 {
                    while try !readLine().isEmpty {}
                    break
                }
                response.body += try readExactly(size)
                _ = try readLine()
            }
        } else if let length = response.header("Content-Length").flatMap({ Int($0) }) {
            response.body = try readExactly(length)
        } else {
            response.body = try readUntilClose()
        }
        return response
    }

    /// Reads everything until the server closes the connection.
    public func readUntilClose() throws -> [UInt8] {
        while true {
            do {
                try fill()
            } catch ClientError.closed {
                let all = buffer
                buffer = []
                return all
            }
        }
    }

    /// Whether the server has closed the connection (reads EOF within `timeout` seconds).
    public func isClosedByServer(within timeout: Double = 3) -> Bool {
        setTimeout(timeout)
        do {
            _ = try readUntilClose()
            return true
        } catch {
            return false
        }
    }

    /// Sends a request and reads its response.
    public func request(_ raw: String, head: Bool = false) throws -> Response {
        send(raw)
        return try readResponse(head: head)
    }

    /// A simple GET with Host and optional extra header lines.
    public static func get(_ path: String, headers: [String] = []) -> String {
        "GET \(path) HTTP/1.1\r\nHost: localhost\r\n" + headers.map { $0 + "\r\n" }.joined() + "\r\n"
    }
}
