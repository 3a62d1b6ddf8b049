import CLinux
import Glibc

/// A TCP socket: listening sockets for the event loops and the accepted client connections.
/// Every call goes through `Syscall`, so failures name the call.
struct Socket: Sendable {
    /// The descriptor.
    let descriptor: FileDescriptor

    /// Opens a non-blocking listening socket on `host:port` (port 0 picks a free one).
    /// One listening socket for the whole server (the first event loop accepts and deals
    /// connections round-robin to the others). No `SO_REUSEPORT`: with it, a second server started by mistake on the same port would
    /// silently take half the connections instead of failing with EADDRINUSE.
    static func listen(host: String, port: Int, backlog: Int32 = 1024) throws(SystemError) -> Socket {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_PASSIVE | AI_NUMERICHOST | AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let info = list else { throw SystemError("getaddrinfo", errno: EINVAL) }
        defer { freeaddrinfo(list) }

        let raw = try Syscall.call("socket") {
            socket(info.pointee.ai_family, info.pointee.ai_socktype | clinux_sock_nonblock() | clinux_sock_cloexec(), 0)
        }
        let listener = Socket(descriptor: FileDescriptor(rawValue: raw))
        do throws(SystemError) {
            try listener.setOption(SOL_SOCKET, SO_REUSEADDR, 1, name: "setsockopt(SO_REUSEADDR)")
            _ = try Syscall.call("bind") { bind(raw, info.pointee.ai_addr, info.pointee.ai_addrlen) }
            _ = try Syscall.call("listen") { Glibc.listen(raw, backlog) }
        } catch {
            listener.descriptor.close()
            throw error
        }
        return listener
    }

    /// The result of one accept: a connection, or nothing pending.
    enum Accepted {
        case connection(Socket, remoteAddress: String)
        case wouldBlock
    }

    /// Accepts one pending connection, non-blocking and close-on-exec (accept4(2)).
    func accept() throws(SystemError) -> Accepted {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        while true {
            let raw = withUnsafeMutablePointer(to: &storage) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                    clinux_accept4(
                        descriptor.rawValue, address, &length, clinux_sock_nonblock() | clinux_sock_cloexec())
                }
            }
            if raw >= 0 {
                return .connection(
                    Socket(descriptor: FileDescriptor(rawValue: raw)),
                    remoteAddress: SocketAddress.host(of: &storage))
            }
            switch errno {
            case EINTR, ECONNABORTED: continue
            case EAGAIN, EWOULDBLOCK: return .wouldBlock
            case let code: throw SystemError("accept4", errno: code)
            }
        }
    }

    /// The local port (getsockname(2)); how a server started on port 0 learns its port.
    func localPort() throws(SystemError) -> Int {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = try Syscall.call("getsockname") {
            withUnsafeMutablePointer(to: &storage) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    getsockname(descriptor.rawValue, $0, &length)
                }
            }
        }
        let family = Int32(storage.ss_family)
        let port: UInt16 = withUnsafePointer(to: &storage) { pointer in
            if family == AF_INET6 {
                return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { $0.pointee.sin6_port }
            }
            return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_port }
        }
        return Int(UInt16(bigEndian: port))
    }

    /// Disables Nagle's algorithm: a response written as head then body must not wait for the
    /// client's delayed ACK (tens of milliseconds on a single connection).
    func setNoDelay() {
        try? setOption(Int32(IPPROTO_TCP), TCP_NODELAY, 1, name: "setsockopt(TCP_NODELAY)")
    }

    /// Shuts down the sending side (shutdown(2) with SHUT_WR): the client reads our error response
    /// and then end-of-stream, instead of a reset.
    func shutdownWrite() {
        _ = Glibc.shutdown(descriptor.rawValue, Int32(SHUT_WR))
    }

    private func setOption(_ level: Int32, _ option: Int32, _ value: Int32, name: String) throws(SystemError) {
        var value = value
        _ = try Syscall.call(name) {
            setsockopt(descriptor.rawValue, level, option, &value, socklen_t(MemoryLayout<Int32>.size))
        }
    }
}
