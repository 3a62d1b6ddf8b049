import CLinux
import Glibc

/// An eventfd(2) used as a doorbell: worker threads ring it after queueing work for an event loop,
/// which wakes from epoll_wait and drains its mailbox.
struct EventFD: Sendable {
    let descriptor: FileDescriptor

    /// Creates a non-blocking, close-on-exec eventfd.
    static func make() throws(SystemError) -> EventFD {
        let raw = try Syscall.call("eventfd") { eventfd(0, clinux_efd_nonblock() | clinux_efd_cloexec()) }
        return EventFD(descriptor: FileDescriptor(rawValue: raw))
    }

    /// Rings the bell. A full counter (EAGAIN) means it is already ringing, which is all we need.
    func signal() {
        var one: UInt64 = 1
        _ = Glibc.write(descriptor.rawValue, &one, MemoryLayout<UInt64>.size)
    }

    /// Silences the bell after waking.
    func drain() {
        var value: UInt64 = 0
        _ = Glibc.read(descriptor.rawValue, &value, MemoryLayout<UInt64>.size)
    }
}
