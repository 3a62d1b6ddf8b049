import Glibc

/// What `stat(2)` says about a file, reduced to what static file serving needs.
public struct FileStatus: Sendable, Equatable {
    /// The size in bytes (`st_size`).
    public var size: Int
    /// The modification time, whole seconds since the epoch (`st_mtim.tv_sec`).
    public var modificationSeconds: Int
    /// The nanoseconds part of the modification time (`st_mtim.tv_nsec`).
    public var modificationNanoseconds: Int
    /// Whether it is a regular file (`S_ISREG`).
    public var isRegularFile: Bool
    /// Whether it is a directory (`S_ISDIR`).
    public var isDirectory: Bool

    /// Makes a status.
    public init(
        size: Int, modificationSeconds: Int, modificationNanoseconds: Int, isRegularFile: Bool, isDirectory: Bool
    ) {
        self.size = size
        self.modificationSeconds = modificationSeconds
        self.modificationNanoseconds = modificationNanoseconds
        self.isRegularFile = isRegularFile
        self.isDirectory = isDirectory
    }
}

/// Thin wrappers over the file calls static file serving needs, each through `Syscall.call` so a
/// failure is a `SystemError` naming the call. Blocking: run them on the worker pool, not a loop.
public enum FileSystem {
    /// The canonical absolute path with every symlink, `.` and `..` resolved (`realpath(3)`).
    /// Fails with `ENOENT` when any component is missing.
    public static func realPath(_ path: String) throws(SystemError) -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        // realpath returns a pointer, not an int: map NULL to -1 so errno handling stays in one place.
        _ = try Syscall.call("realpath") { () -> Int32 in
            buffer.withUnsafeMutableBufferPointer { realpath(path, $0.baseAddress) == nil ? -1 : 0 }
        }
        return buffer.withUnsafeBufferPointer { pointer in
            String(decoding: pointer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
    }

    /// The status of `path`, following symlinks (`stat(2)`).
    public static func fileStatus(_ path: String) throws(SystemError) -> FileStatus {
        var info = stat()
        _ = try Syscall.call("stat") { stat(path, &info) }
        let type = info.st_mode & S_IFMT
        return FileStatus(
            size: Int(info.st_size), modificationSeconds: Int(info.st_mtim.tv_sec),
            modificationNanoseconds: Int(info.st_mtim.tv_nsec), isRegularFile: type == S_IFREG,
            isDirectory: type == S_IFDIR)
    }

    /// The whole content of `path`, read in a loop until end of file (a `read` may return less than
    /// asked). Refuses with `EFBIG` a file that grows past `maxBytes` while being read, so a file
    /// replaced under us cannot make this allocate without bound.
    public static func readFile(_ path: String, maxBytes: Int = 64 * 1024 * 1024) throws(SystemError) -> [UInt8] {
        let descriptor = try Syscall.call("open") { open(path, O_RDONLY | O_CLOEXEC) }
        // A close error after a successful read changes nothing for a read-only descriptor.
        defer { _ = close(descriptor) }
        var info = stat()
        _ = try Syscall.call("fstat") { fstat(descriptor, &info) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(min(Int(info.st_size), maxBytes))
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = try Syscall.call("read") {
                chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            }
            if count == 0 { return bytes }
            guard bytes.count + count <= maxBytes else { throw SystemError("read", errno: EFBIG) }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }
}

extension SystemError {
    /// Whether the error says the path cannot be served rather than that the disk failed: missing
    /// (`ENOENT`, `ENOTDIR`), forbidden (`EACCES`), a symlink loop or over-long name (`ELOOP`,
    /// `ENAMETOOLONG`), or larger than `readFile` allows (`EFBIG`). Callers outside `System/` cannot see
    /// errno constants, so the classification lives here.
    public var meansFileUnavailable: Bool {
        [ENOENT, ENOTDIR, EACCES, ELOOP, ENAMETOOLONG, EFBIG].contains(errno)
    }
}
