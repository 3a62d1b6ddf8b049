/// Why a static file root could not be used.
public struct StaticFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The root as configured (our own configuration, not client input).
    public var root: String
    /// The failed call, or nil when the root exists but is not a directory.
    public var systemError: SystemError?

    /// Makes an error.
    public init(root: String, systemError: SystemError?) {
        self.root = root
        self.systemError = systemError
    }

    /// `"static file root Public: realpath: No such file or directory (errno 2)"`.
    public var description: String {
        "static file root \(root): \(systemError.map { "\($0)" } ?? "not a directory")"
    }
}

/// Serves the files under one directory (`Public/`) for `GET` and `HEAD`, defending the boundary the
/// way nginx does. The request path is percent-decoded once; a NUL, a backslash, or a `.`/`..` segment
/// after decoding is refused (so `%2e%2e` is caught and `%252e` stays a harmless literal); then the
/// candidate is resolved with `realpath(3)` and must lie under the root's own real path, which also
/// stops a symlink pointing outside. Every refusal past decoding is a plain `404`: it never says
/// whether something exists outside.
///
/// Responses carry `Content-Type`, a weak `ETag` from size and modification time (weak because the
/// gzip and identity forms share it), `Last-Modified`, and `Cache-Control`: `no-cache` for HTML, so a
/// deploy shows at once (revalidation is a cheap `304`), `public, max-age=3600` for other assets, whose
/// names are not fingerprinted, so a stale copy lives at most an hour. Compressible types of 1 KiB or
/// more are gzipped when `Accept-Encoding` allows it, and every compressible response says
/// `Vary: Accept-Encoding`. Dotfiles (`.git`, `.env`) are never served, `.well-known` excepted.
/// A directory is answered with its `index.html`, not a redirect: a redirect built from the request
/// path (`//evil.example/`) would be an open redirect. Mount it as the router's `/{path...}` route:
/// it serves `rawPath` relative to the root.
public struct StaticFileHandler: Sendable {
    /// The root's real path (symlinks resolved), the boundary every served file must lie under.
    public let root: String
    /// Files smaller than this are sent uncompressed: the gzip header and the CPU are not worth it.
    public let minimumCompressedBytes = 1024
    private let cache: FileCache

    /// Serves files under `root`, which must be an existing directory. Up to `maxCachedFileBytes` per
    /// file and `maxCacheBytes` in total (identity plus gzip bytes) are kept in memory.
    public init(
        root: String, maxCachedFileBytes: Int = 1024 * 1024, maxCacheBytes: Int = 32 * 1024 * 1024
    ) throws(StaticFileError) {
        let real: String
        let status: FileStatus
        do {
            real = try FileSystem.realPath(root)
            status = try FileSystem.fileStatus(real)
        } catch {
            throw StaticFileError(root: root, systemError: error)
        }
        guard status.isDirectory else { throw StaticFileError(root: root, systemError: nil) }
        self.root = real
        cache = FileCache(maxFileBytes: maxCachedFileBytes, maxTotalBytes: maxCacheBytes)
    }

    /// Answers a `GET` or `HEAD` for `request.rawPath`; other methods get `405` with `Allow: GET, HEAD`.
    /// Blocking (stat, read): run it on the worker pool.
    public func respond(to request: Request) -> Response {
        guard request.method == .get || request.method == .head else {
            return HTTPError(
                .methodNotAllowed, code: "method_not_allowed", detail: "Static files answer GET and HEAD only.",
                headers: ["Allow": "GET, HEAD"]
            ).response
        }
        let relative: String
        switch Self.relativePath(request.rawPath) {
        case .success(let path): relative = path
        case .failure(let refusal): return refusal.response
        }
        let path: String
        let status: FileStatus
        switch locate(relative) {
        case .success(let found): (path, status) = found
        case .failure(let refusal): return refusal.response
        }

        let mediaType = MediaType.forPath(path)
        let etag =
            "W/\"\(String(status.size, radix: 16))-\(String(status.modificationSeconds, radix: 16))"
            + "-\(String(status.modificationNanoseconds, radix: 16))\""
        var headers = HeaderFields()
        headers.add("ETag", etag)
        headers.add("Last-Modified", HTTPDate.format(unixSeconds: Int64(status.modificationSeconds)))
        headers.add("Cache-Control", mediaType.value.hasPrefix("text/html") ? "no-cache" : "public, max-age=3600")
        if mediaType.isCompressible { headers.add("Vary", "Accept-Encoding") }

        if Self.matches(ifNoneMatch: request.headers.values("If-None-Match"), etag: etag) {
            return Response(status: .notModified, headers: headers)
        }

        let bytes: [UInt8]
        do {
            bytes = try cache.bytes(path, status: status)
        } catch {
            return Refusal(error).response
        }
        headers.add("Content-Type", mediaType.value)
        headers.add("X-Content-Type-Options", "nosniff")
        var body = bytes
        if mediaType.isCompressible, bytes.count >= minimumCompressedBytes,
            Self.acceptsGzip(request.headers.values("Accept-Encoding")),
            let gzipped = cache.gzipped(path, status: status, bytes: bytes)
        {
            headers.add("Content-Encoding", "gzip")
            body = gzipped
        }
        // HEAD: the same headers as GET, never a body (RFC 9110 §9.3.2).
        // HEAD keeps the body: the connection sends its length and drops the bytes.
        return Response(status: .ok, headers: headers, body: body)
    }

    /// Why a request gets no file.
    enum Refusal: Error, Equatable {
        /// The path is not validly encoded (bad escape, NUL, invalid UTF-8) → `400`.
        case invalidPath
        /// Outside the root, hidden, missing or not a file → `404`, whichever it was.
        case notFound
        /// The file exists but could not be read for another reason (EIO) → `500`.
        case unreadable

        init(_ error: SystemError) {
            // Missing, forbidden and too large all look the same to the client.
            self = error.meansFileUnavailable ? .notFound : .unreadable
        }

        var response: Response {
            switch self {
            case .invalidPath:
                HTTPError(.badRequest, code: "invalid_path", detail: "The request path is not validly percent-encoded.")
                    .response
            case .notFound:
                HTTPError(.notFound, code: "not_found", detail: "No file exists at this path.").response
            case .unreadable:
                HTTPError(.internalServerError, code: "internal_error", detail: "The file could not be read.").response
            }
        }
    }

    /// Decodes the raw path once and checks every segment; returns the path relative to the root,
    /// `index.html` appended for a trailing slash.
    static func relativePath(_ rawPath: Substring) -> Result<String, Refusal> {
        let decoded: String
        do {
            decoded = try PercentDecoding.string(fromUTF8: PercentDecoding.decodeBytes(rawPath.utf8))
        } catch {
            return .failure(.invalidPath)
        }
        guard decoded.hasPrefix("/"), !decoded.contains("\\") else { return .failure(.notFound) }
        // Empty segments (`//`) collapse; realpath would do the same.
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: true)
        for segment in segments where segment.hasPrefix(".") && segment != ".well-known" {
            // `.` and `..` are traversal; any other leading dot is a hidden file that was never meant
            // to be public.
            return .failure(.notFound)
        }
        var relative = segments.joined(separator: "/")
        if decoded.hasSuffix("/") { relative += relative.isEmpty ? "index.html" : "/index.html" }
        return .success(relative)
    }

    /// Resolves `relative` under the root and checks the boundary; a directory gives its `index.html`.
    private func locate(_ relative: String) -> Result<(String, FileStatus), Refusal> {
        var candidate = relative.isEmpty ? root : "\(root == "/" ? "" : root)/\(relative)"
        // At most twice: the path itself, then the index of a directory.
        for _ in 0..<2 {
            let real: String
            let status: FileStatus
            do {
                real = try FileSystem.realPath(candidate)
                guard isUnderRoot(real) else { return .failure(.notFound) }
                status = try FileSystem.fileStatus(real)
            } catch {
                return .failure(Refusal(error))
            }
            if status.isRegularFile { return .success((real, status)) }
            guard status.isDirectory else { return .failure(.notFound) }
            candidate = "\(real == "/" ? "" : real)/index.html"
        }
        return .failure(.notFound)
    }

    /// Whether a real path is the root or inside it (a prefix test on whole segments, so a sibling
    /// `/srv/Public-old` is not inside `/srv/Public`).
    private func isUnderRoot(_ real: String) -> Bool {
        if real == root { return true }
        let prefix = root == "/" ? "/" : root + "/"
        return real.hasPrefix(prefix)
    }

    /// `If-None-Match` (RFC 9110 §13.1.2) with weak comparison: `*` or any listed tag equal to ours once
    /// the `W/` prefixes are dropped.
    static func matches(ifNoneMatch values: [String], etag: String) -> Bool {
        let ours = etag.hasPrefix("W/") ? etag.dropFirst(2) : etag[...]
        for value in values {
            for tag in value.split(separator: ",") {
                let trimmed = tag.trimmingASCIIWhitespace()
                if trimmed == "*" { return true }
                let opaque = trimmed.hasPrefix("W/") ? trimmed.dropFirst(2) : trimmed
                if opaque == ours { return true }
            }
        }
        return false
    }

    /// Whether `Accept-Encoding` (RFC 9110 §12.5.3) allows gzip: `gzip` (or `x-gzip`) with q > 0, or,
    /// when gzip is not named, `*` with q > 0. `gzip;q=0` refuses it.
    static func acceptsGzip(_ values: [String]) -> Bool {
        var gzip: Double?
        var wildcard: Double?
        for value in values {
            for item in value.split(separator: ",") {
                let parts = item.split(separator: ";")
                guard let first = parts.first else { continue }
                let coding = first.trimmingASCIIWhitespace().lowercased()
                var quality = 1.0
                for parameter in parts.dropFirst() {
                    let pair = parameter.trimmingASCIIWhitespace()
                    if pair.lowercased().hasPrefix("q=") { quality = Double(pair.dropFirst(2)) ?? 0 }
                }
                if coding == "gzip" || coding == "x-gzip" {
                    gzip = quality
                } else if coding == "*" {
                    wildcard = quality
                }
            }
        }
        return (gzip ?? wildcard ?? 0) > 0
    }
}
