import Glibc

/// Seconds since the Unix epoch from the real-time clock, for `Date` headers.
enum WallClock {
    /// time(2): cheap (vDSO), whole seconds.
    @inline(__always)
    static func unixSeconds() -> Int64 { Int64(time(nil)) }
}
