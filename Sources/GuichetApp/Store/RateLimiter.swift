import Foundation
import Postgres

/// The per-client limits of one server, each with its default.
public struct RateLimits: Sendable {
    /// Wrong tracking keys or unknown references: 20 per 15 minutes.
    public var trackingFailures = RateLimit(name: "track", limit: 20, window: 900)
    /// Failed sign-ins: 10 per 15 minutes.
    public var loginFailures = RateLimit(name: "login", limit: 10, window: 900)
    /// Anonymous filings: 30 per hour.
    public var filings = RateLimit(name: "file", limit: 30, window: 3600)
    /// Online petition signatures (and refused attempts): 30 per hour.
    public var signatures = RateLimit(name: "sign", limit: 30, window: 3600)
    /// Open311 filings per client application (API key): 120 per hour.
    public var open311Filings = RateLimit(name: "open311", limit: 120, window: 3600)

    /// The defaults.
    public init() {}
}

/// Fixed-window counters in PostgreSQL, shared by every server instance: the limits that matter
/// (tracking-key guesses, logins, filings) hold however many instances run.
public struct RateLimit: Sendable {
    /// `track`, `login`, `file`.
    public let name: String
    /// Hits allowed per window.
    public let limit: Int
    /// The window length in seconds.
    public let window: Int

    /// A limit of `limit` hits per `window` seconds.
    public init(name: String, limit: Int, window: Int) {
        self.name = name
        self.limit = limit
        self.window = window
    }

    func bucket(_ client: String) -> String { "\(name):\(client)" }

    func windowStart(_ now: Date) -> Date {
        let seconds = Int(now.timeIntervalSince1970)
        return Date(timeIntervalSince1970: TimeInterval(seconds - seconds % window))
    }

    /// Seconds until the current window ends.
    func retryAfter(_ now: Date) -> Int {
        max(1, Int(windowStart(now).timeIntervalSince1970) + window - Int(now.timeIntervalSince1970))
    }
}

struct RateLimiter {
    let connection: PostgresConnection

    /// Hits recorded for `client` in the current window.
    func hits(_ limit: RateLimit, client: String, now: Date) throws -> Int {
        try connection.query(
            """
            SELECT hits FROM rate_limits WHERE bucket = \(limit.bucket(client)) AND window_start = \(limit.windowStart(now))
            """
        ).first.map { try $0.decode(Int.self, column: "hits") } ?? 0
    }

    /// Counts one hit and returns the new total.
    @discardableResult
    func hit(_ limit: RateLimit, client: String, now: Date) throws -> Int {
        let rows = try connection.query(
            """
            INSERT INTO rate_limits AS r (bucket, window_start, hits)
            VALUES (\(limit.bucket(client)), \(limit.windowStart(now)), 1)
            ON CONFLICT (bucket, window_start) DO UPDATE SET hits = r.hits + 1
            RETURNING hits
            """)
        return try rows[0].decode(Int.self, column: "hits")
    }

    /// Takes one attempt from `client`'s window before the work it guards, atomically, so
    /// parallel attempts cannot all pass a check made before any of them was counted; throws
    /// `429` when the window is used up. `release` gives the attempt back (a successful sign-in
    /// does not count as a failure).
    func reserve(_ limit: RateLimit, client: String, now: Date) throws {
        if try hit(limit, client: client, now: now) > limit.limit {
            throw Problems.rateLimited(retryAfter: limit.retryAfter(now))
        }
    }

    func release(_ limit: RateLimit, client: String, now: Date) throws {
        try connection.execute(
            """
            UPDATE rate_limits SET hits = greatest(hits - 1, 0)
             WHERE bucket = \(limit.bucket(client)) AND window_start = \(limit.windowStart(now))
            """)
    }

    /// Throws `429` when `client` already used up the window (for look-ups cheap enough that a
    /// few concurrent extra attempts do not matter, and that must not write on success).
    func check(_ limit: RateLimit, client: String, now: Date) throws {
        if try hits(limit, client: client, now: now) >= limit.limit {
            throw Problems.rateLimited(retryAfter: limit.retryAfter(now))
        }
    }
}

extension Database {
    /// Runs `body` counted against `limit` for `client`: the attempt is reserved first, atomically,
    /// so a parallel burst cannot slip under the limit, and given back when `body` is refused
    /// (throws) or `givesBack` says its result cost nothing (a replayed retry). Filing through the
    /// API, the page and Open311 all count this way.
    func counted<Result>(
        _ limit: RateLimit, client: String, now: Date, givesBack: (Result) -> Bool = { _ in false },
        _ body: () throws -> Result
    ) throws -> Result {
        try read { connection in try RateLimiter(connection: connection).reserve(limit, client: client, now: now) }
        let release = {
            _ = try? self.read { connection in
                try RateLimiter(connection: connection).release(limit, client: client, now: now)
            }
        }
        let result: Result
        do {
            result = try body()
        } catch {
            release()
            throw error
        }
        if givesBack(result) { release() }
        return result
    }
}
