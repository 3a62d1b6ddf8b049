import Glibc

/// An open file descriptor owned by exactly one place. A thin wrapper in the manner of
/// swift-system's `FileDescriptor`: reads and writes report `.wouldBlock` as a value, other
/// failures as `SystemError` naming the call.
struct FileDescriptor: Hashable, Sendable {
    /// The kernel's number for it.
    let rawValue: Int32

    /// Reads up to `count` bytes into `buffer` (read(2)); `.done(0)` means end of stream.
    @inline(__always)
    func read(into buffer: UnsafeMutableRawPointer, count: Int) throws(SystemError) -> Syscall.IOResult {
        try Syscall.io("read") { Glibc.read(rawValue, buffer, count) }
    }

    /// Writes from `buffer` (write(2)); may write fewer bytes than asked.
    @inline(__always)
    func write(from buffer: UnsafeRawPointer, count: Int) throws(SystemError) -> Syscall.IOResult {
        try Syscall.io("write") { Glibc.write(rawValue, buffer, count) }
    }

    /// Closes it (close(2)). EINTR is not retried: on Linux the descriptor is released anyway.
    func close() {
        _ = Glibc.close(rawValue)
    }
}
