import Glibc

/// A failed system call: which call, and the errno it left. Mirrors swift-system's `Errno`, with the
/// call's name attached so a log line says what failed without a stack trace.
public struct SystemError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The system call or libc function that failed (`"accept4"`).
    public var call: String
    /// The errno value.
    public var errno: Int32

    /// Makes an error for a call and errno value.
    public init(_ call: String, errno: Int32) {
        self.call = call
        self.errno = errno
    }

    /// `"accept4: Too many open files (errno 24)"`.
    public var description: String {
        let message = strerror(errno).map { String(cString: $0) } ?? "unknown error"
        return "\(call): \(message) (errno \(errno))"
    }
}
