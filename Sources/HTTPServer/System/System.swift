import Glibc

/// Facts about the machine the server runs on.
public enum System {
    /// Online processors (sysconf(_SC_NPROCESSORS_ONLN)), at least 1.
    public static var coreCount: Int { max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN))) }
}

extension System {
    /// Raises the soft limit on open files to the hard limit: each idle keep-alive connection
    /// costs a descriptor, and distributions default the soft limit to 1,024.
    public static func raiseFileDescriptorLimit() {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur < limit.rlim_max else { return }
        limit.rlim_cur = limit.rlim_max
        _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
    }
}
