import CLinux
import Glibc

/// One epoll instance (epoll(7)), level-triggered. Each registration carries a 64-bit token that
/// comes back with its events; the event loop packs a connection's slot and generation into it.
struct Epoll: Sendable {
    /// Interest and readiness flags.
    struct Events: OptionSet, Sendable {
        let rawValue: UInt32
        static let readable = Events(rawValue: clinux_epollin())
        static let writable = Events(rawValue: clinux_epollout())
        static let error = Events(rawValue: clinux_epollerr())
        static let hangUp = Events(rawValue: clinux_epollhup())
        static let readHangUp = Events(rawValue: clinux_epollrdhup())
    }

    /// A ready descriptor: its token and what it is ready for.
    struct Event {
        let token: UInt64
        let events: Events
    }

    let descriptor: FileDescriptor

    /// Creates an epoll instance, close-on-exec (epoll_create1(2)).
    static func make() throws(SystemError) -> Epoll {
        let raw = try Syscall.call("epoll_create1") { epoll_create1(clinux_epoll_cloexec()) }
        return Epoll(descriptor: FileDescriptor(rawValue: raw))
    }

    /// Starts watching `fd`.
    func add(_ fd: FileDescriptor, events: Events, token: UInt64) throws(SystemError) {
        _ = try Syscall.call("epoll_ctl(ADD)") {
            clinux_epoll_ctl(descriptor.rawValue, EPOLL_CTL_ADD, fd.rawValue, events.rawValue, token)
        }
    }

    /// Changes what `fd` is watched for.
    func modify(_ fd: FileDescriptor, events: Events, token: UInt64) throws(SystemError) {
        _ = try Syscall.call("epoll_ctl(MOD)") {
            clinux_epoll_ctl(descriptor.rawValue, EPOLL_CTL_MOD, fd.rawValue, events.rawValue, token)
        }
    }

    /// Stops watching `fd` (also implied by closing it, but explicit removal keeps stale events away).
    func remove(_ fd: FileDescriptor) {
        _ = clinux_epoll_ctl(descriptor.rawValue, EPOLL_CTL_DEL, fd.rawValue, 0, 0)
    }

    /// Room for the events one `wait` returns; owned by one loop, reused on every iteration.
    final class EventBuffer {
        fileprivate let storage: UnsafeMutableBufferPointer<epoll_event>

        init(capacity: Int) {
            storage = .allocate(capacity: capacity)
            storage.initialize(repeating: epoll_event())
        }

        deinit { storage.deallocate() }

        /// The token and flags of the event at `index`, as filled by the last `wait`.
        subscript(index: Int) -> Event {
            withUnsafePointer(to: &storage[index]) { pointer in
                Event(
                    token: clinux_epoll_event_token(pointer),
                    events: Events(rawValue: clinux_epoll_event_events(pointer)))
            }
        }
    }

    /// Waits up to `timeoutMilliseconds` (-1: forever); returns how many events `buffer` now holds.
    /// An interrupted wait returns 0 events rather than an error.
    func wait(into buffer: EventBuffer, timeoutMilliseconds: Int32) throws(SystemError) -> Int {
        let count = epoll_wait(
            descriptor.rawValue, buffer.storage.baseAddress, Int32(buffer.storage.count), timeoutMilliseconds)
        if count >= 0 { return Int(count) }
        if errno == EINTR { return 0 }
        throw SystemError("epoll_wait", errno: errno)
    }
}
