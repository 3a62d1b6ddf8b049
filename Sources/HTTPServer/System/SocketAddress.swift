import Glibc

/// Text forms of socket addresses, for logs and rate limits: `127.0.0.1` or `::1`.
enum SocketAddress {
    /// The numeric host of a `sockaddr_storage` filled by accept4 or getpeername.
    static func host(of storage: inout sockaddr_storage) -> String {
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        switch Int32(storage.ss_family) {
        case AF_INET:
            return withUnsafePointer(to: &storage) { pointer in
                pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { address in
                    var ip = address.pointee.sin_addr
                    guard inet_ntop(AF_INET, &ip, &text, socklen_t(text.count)) != nil else { return "" }
                    return string(fromNulTerminated: text)
                }
            }
        case AF_INET6:
            return withUnsafePointer(to: &storage) { pointer in
                pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { address in
                    var ip = address.pointee.sin6_addr
                    guard inet_ntop(AF_INET6, &ip, &text, socklen_t(text.count)) != nil else { return "" }
                    let host = string(fromNulTerminated: text)
                    // An IPv4 client on a dual-stack socket reads as ::ffff:a.b.c.d; show it as IPv4.
                    return host.hasPrefix("::ffff:") && host.contains(".") ? String(host.dropFirst(7)) : host
                }
            }
        default:
            return ""
        }
    }

    private static func string(fromNulTerminated text: [CChar]) -> String {
        String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
