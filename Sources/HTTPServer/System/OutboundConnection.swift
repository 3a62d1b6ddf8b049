import CLinux
import Glibc

/// A blocking outbound TCP connection with deadlines, for the few places the server is the client
/// (the notification worker's SMTP relay and SMS gateway). It lives here because only this folder
/// may touch sockets; it is deliberately small: connect with a timeout, send everything, read what
/// arrives. Each call that waits longer than `timeout` fails with `ETIMEDOUT`.
public final class OutboundConnection {
    private let descriptor: FileDescriptor
    private var closed = false

    private init(descriptor: FileDescriptor) {
        self.descriptor = descriptor
    }

    deinit { close() }

    /// Connects to `host:port` (a name or a numeric address), trying each address getaddrinfo(3)
    /// returns until one accepts within `timeout` seconds; reads and writes then time out after
    /// `timeout` seconds of silence (SO_RCVTIMEO, SO_SNDTIMEO).
    public static func connect(host: String, port: Int, timeout: Double) throws(SystemError) -> OutboundConnection {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &list) == 0, list != nil else {
            throw SystemError("getaddrinfo", errno: EHOSTUNREACH)
        }
        defer { freeaddrinfo(list) }
        var lastError = SystemError("connect", errno: ECONNREFUSED)
        var cursor = list
        while let info = cursor {
            cursor = info.pointee.ai_next
            do throws(SystemError) {
                return try connect(info.pointee, timeout: timeout)
            } catch {
                lastError = error
            }
        }
        throw lastError
    }

    private static func connect(_ info: addrinfo, timeout: Double) throws(SystemError) -> OutboundConnection {
        let raw = try Syscall.call("socket") {
            socket(info.ai_family, info.ai_socktype | clinux_sock_nonblock() | clinux_sock_cloexec(), 0)
        }
        let connection = OutboundConnection(descriptor: FileDescriptor(rawValue: raw))
        if Glibc.connect(raw, info.ai_addr, info.ai_addrlen) != 0 {
            guard errno == EINPROGRESS else { throw SystemError("connect", errno: errno) }
            var poller = pollfd(fd: raw, events: Int16(POLLOUT), revents: 0)
            let ready = try Syscall.call("poll") { poll(&poller, 1, Int32(max(1, timeout * 1000))) }
            guard ready == 1 else { throw SystemError("connect", errno: ETIMEDOUT) }
            var failure: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            _ = try Syscall.call("getsockopt(SO_ERROR)") { getsockopt(raw, SOL_SOCKET, SO_ERROR, &failure, &length) }
            guard failure == 0 else { throw SystemError("connect", errno: failure) }
        }
        // Back to blocking, with per-call deadlines.
        let flags = try Syscall.call("fcntl(F_GETFL)") { fcntl(raw, F_GETFL) }
        _ = try Syscall.call("fcntl(F_SETFL)") { fcntl(raw, F_SETFL, flags & ~O_NONBLOCK) }
        let seconds = Int(timeout)
        var limit = timeval(tv_sec: seconds, tv_usec: Int(((timeout - Double(seconds)) * 1_000_000).rounded()))
        for option in [SO_RCVTIMEO, SO_SNDTIMEO] {
            _ = try Syscall.call("setsockopt(SO_RCVTIMEO/SO_SNDTIMEO)") {
                setsockopt(raw, SOL_SOCKET, option, &limit, socklen_t(MemoryLayout<timeval>.size))
            }
        }
        return connection
    }

    /// Sends all of `bytes` (MSG_NOSIGNAL: a peer that went away is an error, not a SIGPIPE).
    public func send(_ bytes: [UInt8]) throws(SystemError) {
        var offset = 0
        while offset < bytes.count {
            let result = bytes.withUnsafeBytes { buffer in
                let base = buffer.baseAddress.map { $0 + offset }
                return Result { () throws(SystemError) -> Syscall.IOResult in
                    try Syscall.io("send") {
                        Glibc.send(descriptor.rawValue, base, bytes.count - offset, Int32(MSG_NOSIGNAL))
                    }
                }
            }
            switch try result.get() {
            case .done(let count): offset += count
            case .wouldBlock: throw SystemError("send", errno: ETIMEDOUT)
            }
        }
    }

    /// Reads what has arrived, up to `limit` bytes, waiting at most the timeout; empty at end of stream.
    public func receive(limit: Int = 4096) throws(SystemError) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: limit)
        let result = buffer.withUnsafeMutableBytes { raw in
            Result { () throws(SystemError) -> Syscall.IOResult in
                try Syscall.io("recv") { Glibc.recv(descriptor.rawValue, raw.baseAddress, limit, 0) }
            }
        }
        switch try result.get() {
        case .done(let count): return Array(buffer[0..<count])
        case .wouldBlock: throw SystemError("recv", errno: ETIMEDOUT)
        }
    }

    /// Closes the socket (idempotent).
    public func close() {
        guard !closed else { return }
        closed = true
        descriptor.close()
    }
}
