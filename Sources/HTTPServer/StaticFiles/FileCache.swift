import Locking

/// File bytes and their gzip form kept in memory, so a hot page is neither re-read nor re-compressed
/// per request. Keyed by real path and validated by size and modification time, so an edited file is
/// picked up on the next request. Bounded: files over `maxFileBytes` are never kept, and the least
/// recently used entries go when the total would pass `maxTotalBytes`. Reads and compression happen
/// outside the lock, so one slow disk read never blocks the other workers.
final class FileCache: Sendable {
    /// The gzip form of an entry.
    enum Compressed: Sendable {
        case notYet
        case bytes([UInt8])
        /// Compression did not make it smaller: send it as is.
        case notWorthIt
    }

    struct Entry: Sendable {
        var status: FileStatus
        var bytes: [UInt8]
        var compressed: Compressed
        var lastUse: UInt64

        var cost: Int {
            if case .bytes(let gzipped) = compressed { return bytes.count + gzipped.count }
            return bytes.count
        }
    }

    struct State: Sendable {
        var entries: [String: Entry] = [:]
        var totalBytes = 0
        var clock: UInt64 = 0
    }

    let maxFileBytes: Int
    let maxTotalBytes: Int
    private let state = Locked(State())

    init(maxFileBytes: Int, maxTotalBytes: Int) {
        self.maxFileBytes = maxFileBytes
        self.maxTotalBytes = maxTotalBytes
    }

    /// The bytes of `path` as of `status`, from memory when they are there.
    func bytes(_ path: String, status: FileStatus) throws(SystemError) -> [UInt8] {
        let cached = state.withLock { state -> [UInt8]? in
            guard let entry = Self.touch(&state, path, status) else { return nil }
            return entry.bytes
        }
        if let cached { return cached }
        let bytes = try FileSystem.readFile(path)
        // Size and time from one stat; if the file changed since, the next stat differs and reloads it.
        if bytes.count == status.size && bytes.count <= maxFileBytes {
            state.withLock { state in
                store(&state, path, Entry(status: status, bytes: bytes, compressed: .notYet, lastUse: 0))
            }
        }
        return bytes
    }

    /// The gzip form of `bytes` (the content of `path` as of `status`), or nil when it does not shrink
    /// or cannot be kept: a file too large for the cache is sent uncompressed rather than compressed
    /// again on every request.
    func gzipped(_ path: String, status: FileStatus, bytes: [UInt8]) -> [UInt8]? {
        let known = state.withLock { state -> Compressed? in
            Self.touch(&state, path, status)?.compressed
        }
        switch known {
        case nil: return nil
        case .bytes(let gzipped): return gzipped
        case .notWorthIt: return nil
        case .notYet: break
        }
        let compressed: Compressed
        if let gzipped = try? Gzip.compress(bytes), gzipped.count < bytes.count {
            compressed = .bytes(gzipped)
        } else {
            // A zlib failure (out of memory) only costs the compression: the file is still served.
            compressed = .notWorthIt
        }
        state.withLock { state in
            guard var entry = state.entries[path], entry.status == status else { return }
            entry.compressed = compressed
            store(&state, path, entry)
        }
        if case .bytes(let gzipped) = compressed { return gzipped }
        return nil
    }

    /// The total bytes held, for tests.
    var totalBytes: Int { state.withLock { $0.totalBytes } }

    /// The entry for `path` if it is still current, marked as just used; a stale entry is dropped.
    private static func touch(_ state: inout State, _ path: String, _ status: FileStatus) -> Entry? {
        guard var entry = state.entries[path] else { return nil }
        guard entry.status == status else {
            state.totalBytes -= entry.cost
            state.entries[path] = nil
            return nil
        }
        state.clock += 1
        entry.lastUse = state.clock
        state.entries[path] = entry
        return entry
    }

    /// Inserts or replaces an entry, evicting the least recently used until the total fits.
    private func store(_ state: inout State, _ path: String, _ entry: Entry) {
        if let old = state.entries.removeValue(forKey: path) { state.totalBytes -= old.cost }
        guard entry.cost <= maxTotalBytes else { return }
        // A linear scan per eviction: the cache holds at most a few thousand small files.
        while state.totalBytes + entry.cost > maxTotalBytes,
            let oldest = state.entries.min(by: { $0.value.lastUse < $1.value.lastUse })
        {
            state.totalBytes -= oldest.value.cost
            state.entries[oldest.key] = nil
        }
        var entry = entry
        state.clock += 1
        entry.lastUse = state.clock
        state.entries[path] = entry
        state.totalBytes += entry.cost
    }
}
