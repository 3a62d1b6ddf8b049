import HTTPServer

/// Everything `guichet serve` needs, already parsed and validated by the command line layer.
public struct AppConfiguration: Sendable {
    /// Address to bind.
    public var host = "127.0.0.1"
    /// Port to bind (0 picks a free one).
    public var port = 8080
    /// libpq connection URL.
    public var databaseURL = ""
    /// Folder of static pages (`Public/`).
    public var publicDirectory = "Public"
    /// Folder of `NNNN_name.sql` migrations.
    public var migrationsDirectory = "Migrations"
    /// Event loop threads.
    public var eventLoops = System.coreCount
    /// Worker threads for handlers that block on PostgreSQL.
    public var workers = 16
    /// Pooled PostgreSQL connections.
    public var databasePoolSize = 16
    /// libpq connection URL of a streaming replica the read-only reports read from; nil: the primary.
    public var reportsDatabaseURL: String?
    /// Pooled connections to the reports' replica.
    public var reportsDatabasePoolSize = 4
    /// How long a request waits for a pooled connection before `503`.
    public var databaseCheckoutTimeout: Duration = .seconds(5)
    /// Apply pending migrations when the server starts.
    public var migrateOnStart = true
    /// Simulated time (`PUT /api/v1/test/clock`); never the default.
    public var testClock = false
    /// Write one access-log line per request to standard output.
    public var accessLog = true
    /// The address citizens reach the server at, for tracking links (`https://guichet.example.tn`);
    /// defaults to `http://HOST:PORT`.
    public var publicURL: String?
    /// Mark session cookies `Secure` (behind a TLS-terminating proxy).
    public var secureCookies = false
    /// Reverse proxies whose `X-Forwarded-For`/`X-Forwarded-Proto` are believed (none by default).
    public var trustedProxies = TrustedProxies()
    /// Run the deadline sweeper in this instance (every minute).
    public var sweeper = true
    /// Per-client limits on filings, tracking failures and sign-ins.
    public var rateLimits = RateLimits()
    /// Open data and public statistics withhold counts below this (small-count suppression).
    public var openDataThreshold = 5
    /// The notification worker: SMTP relay, SMS gateway, retries (docs/NOTIFICATIONS.md).
    public var notifier = NotifierConfiguration()
    /// The `contact` of the Open311 discovery document: who runs this endpoint.
    public var open311Contact = "The Guichet administrators of this municipality."
    /// HTTP limits and timeouts.
    public var limits = Limits()

    /// The defaults above.
    public init() {}
}
