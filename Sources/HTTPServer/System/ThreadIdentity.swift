import Glibc

/// Which thread is running (`pthread_self`), to tell an event loop's own thread from others
/// without Foundation's `Thread.current`.
struct ThreadIdentity: Sendable {
    private let raw: pthread_t

    /// The calling thread.
    static var current: ThreadIdentity { ThreadIdentity(raw: pthread_self()) }

    /// True when the calling thread is this one.
    var isCurrent: Bool { pthread_equal(raw, pthread_self()) != 0 }
}
