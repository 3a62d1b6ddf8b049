import Glibc

/// The one place that turns a `-1` return into a typed error. Like swift-system's `valueOrErrno`:
/// EINTR is retried only when the caller says so; everything else becomes `SystemError`.
enum Syscall {
    /// Runs `body` and returns its non-negative result, or throws `SystemError(name, errno)`.
    @inline(__always)
    static func call<T: FixedWidthInteger>(
        _ name: String, retryOnInterrupt: Bool = true, _ body: () -> T
    ) throws(SystemError) -> T {
        while true {
            let result = body()
            if result != -1 { return result }
            let code = errno
            if code == EINTR && retryOnInterrupt { continue }
            throw SystemError(name, errno: code)
        }
    }

    /// The outcome of a non-blocking read or write: some bytes, or "try again when ready".
    enum IOResult: Equatable {
        case done(Int)
        case wouldBlock
    }

    /// Runs a non-blocking read/write-like call: EAGAIN becomes `.wouldBlock`, EINTR is retried.
    @inline(__always)
    static func io(_ name: String, _ body: () -> Int) throws(SystemError) -> IOResult {
        while true {
            let result = body()
            if result >= 0 { return .done(result) }
            let code = errno
            if code == EINTR { continue }
            if code == EAGAIN || code == EWOULDBLOCK { return .wouldBlock }
            throw SystemError(name, errno: code)
        }
    }
}
