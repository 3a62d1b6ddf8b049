/// Every limit and timeout the server enforces, in one place, with its default and the status it
/// produces. Each has its own test in `Tests/HTTPServerTests/Defences/`.
public struct Limits: Sendable {
    /// Longest request line, in bytes, CRLF excluded → `414 URI Too Long`.
    public var maxRequestLineBytes = 8 * 1024
    /// Longest header section (request line included), in bytes → `431`.
    public var maxHeaderBytes = 32 * 1024
    /// Most header field lines → `431`.
    public var maxHeaderFields = 100
    /// Largest request body, after chunked decoding → `413 Content Too Large`.
    public var maxBodyBytes = 1024 * 1024
    /// Longest chunk-size line (hex digits plus extensions) in a chunked body → `400`.
    public var maxChunkLineBytes = 1024
    /// Largest trailer section of a chunked body → `431`.
    public var maxTrailerBytes = 8 * 1024
    /// Time allowed to receive a whole request head once its first byte arrived → `408`.
    public var headerTimeout: Duration = .seconds(10)
    /// Time allowed between two reads of a request body → `408`.
    public var bodyTimeout: Duration = .seconds(30)
    /// Time an idle keep-alive connection is kept open; then it is closed without a response.
    public var idleTimeout: Duration = .seconds(60)
    /// Time a blocked response write may make no progress; then the connection is closed.
    public var writeTimeout: Duration = .seconds(30)
    /// Most open client connections across all loops; the next one gets a best-effort `503` and is closed.
    public var maxConnections = 20_000
    /// Most requests waiting for a worker thread; beyond it a request gets `503` with `Retry-After`.
    public var maxQueuedRequests = 4_096
    /// Most pipelined requests buffered behind the one in flight, per connection (stop reading beyond).
    public var maxPipelinedBytes = 64 * 1024

    /// The defaults above.
    public init() {}
}
