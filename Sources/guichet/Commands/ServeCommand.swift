import Foundation
import GuichetApp
import HTTPServer

/// `guichet serve`: migrate (unless --no-migrate), then serve until SIGTERM or SIGINT.
enum ServeCommand {
    static func run(_ arguments: [String], environment: [String: String]) throws -> Int32 {
        var options = try CommandLineOptions(
            arguments,
            switchNames: ["no-migrate", "test-clock", "no-access-log", "secure-cookies", "no-sweeper", "no-notifier"],
            environment: environment)
        var configuration = AppConfiguration()
        configuration.host = options.string("host") ?? "127.0.0.1"
        configuration.port = try options.integer("port", default: 8080, in: 0...65535)
        guard let url = options.string("database-url") ?? environment["DATABASE_URL"] else {
            throw CommandLineOptions.UsageError(message: "--database-url (or DATABASE_URL) is required")
        }
        configuration.databaseURL = url
        configuration.reportsDatabaseURL = options.string("reports-database-url")
        configuration.reportsDatabasePoolSize = try options.integer("reports-db-pool", default: 4, in: 1...1000)
        configuration.publicDirectory = options.string("public-dir") ?? "Public"
        configuration.migrationsDirectory = options.string("migrations-dir") ?? "Migrations"
        configuration.eventLoops = try options.integer("event-loops", default: System.coreCount, in: 1...256)
        configuration.workers = try options.integer("workers", default: 16, in: 1...1024)
        configuration.databasePoolSize = try options.integer("db-pool", default: 16, in: 1...1000)
        configuration.limits.maxConnections = try options.integer("max-connections", default: 20_000, in: 1...1_000_000)
        configuration.migrateOnStart = !options.flag("no-migrate")
        configuration.testClock = options.flag("test-clock")
        configuration.accessLog = !options.flag("no-access-log")
        configuration.publicURL = options.string("public-url")
        let limits = configuration.rateLimits
        configuration.rateLimits.filings = RateLimit(
            name: "file", limit: try options.integer("filing-limit", default: limits.filings.limit, in: 1...1_000_000),
            window: limits.filings.window)
        configuration.rateLimits.signatures = RateLimit(
            name: "sign",
            limit: try options.integer("signature-limit", default: limits.signatures.limit, in: 1...1_000_000),
            window: limits.signatures.window)
        configuration.rateLimits.trackingFailures = RateLimit(
            name: "track",
            limit: try options.integer(
                "tracking-failure-limit", default: limits.trackingFailures.limit, in: 1...1_000_000),
            window: limits.trackingFailures.window)
        configuration.rateLimits.loginFailures = RateLimit(
            name: "login",
            limit: try options.integer("login-failure-limit", default: limits.loginFailures.limit, in: 1...1_000_000),
            window: limits.loginFailures.window)
        configuration.rateLimits.open311Filings = RateLimit(
            name: "open311",
            limit: try options.integer(
                "open311-filing-limit", default: limits.open311Filings.limit, in: 1...1_000_000),
            window: limits.open311Filings.window)
        configuration.openDataThreshold = try options.integer("opendata-threshold", default: 5, in: 1...1000)
        if let contact = options.string("open311-contact") { configuration.open311Contact = contact }
        configuration.secureCookies = options.flag("secure-cookies")
        configuration.sweeper = !options.flag("no-sweeper")
        configuration.notifier = try notifierConfiguration(&options)
        switch TrustedProxies.parse(options.strings("trusted-proxy", environmentName: "GUICHET_TRUSTED_PROXIES")) {
        case .success(let proxies): configuration.trustedProxies = proxies
        case .failure(let error): throw CommandLineOptions.UsageError(message: "--trusted-proxy: \(error)")
        }
        try options.rejectUnknown()

        System.raiseFileDescriptorLimit()
        if configuration.testClock {
            Log.write(
                "WARNING: --test-clock is on: an administrator can move this server's clock. Never use it in production."
            )
        }
        if !configuration.trustedProxies.networks.isEmpty {
            let networks = configuration.trustedProxies.networks.map(\.description).joined(separator: ", ")
            Log.write("trusting X-Forwarded-For and X-Forwarded-Proto from \(networks)")
        }
        let application = Application(configuration: configuration, log: Log.write)
        let port = try application.start()
        Log.write("guichet listening on http://\(configuration.host):\(port)")
        let stop = DispatchSemaphore(value: 0)
        let sources = Signals.onTermination { signal in
            Log.write("received signal \(signal): shutting down")
            stop.signal()
        }
        stop.wait()
        application.shutdown()
        withExtendedLifetime(sources) {}
        Log.write("stopped")
        return 0
    }

    /// `--smtp-url`, `--mail-from`, `--sms-gateway-url`, `--no-notifier` and the retry settings.
    private static func notifierConfiguration(_ options: inout CommandLineOptions) throws -> NotifierConfiguration {
        var notifier = NotifierConfiguration()
        do {
            if let url = options.string("smtp-url") {
                notifier.smtp = try NotifierConfiguration.parseSMTP(url)
                guard let from = options.string("mail-from") else {
                    throw CommandLineOptions.UsageError(message: "--smtp-url needs --mail-from")
                }
                try NotifierConfiguration.validateMailFrom(from)
                notifier.mailFrom = from
            } else if options.string("mail-from") != nil {
                throw CommandLineOptions.UsageError(message: "--mail-from needs --smtp-url")
            }
            if let url = options.string("sms-gateway-url") {
                notifier.smsGateway = try NotifierConfiguration.parseGateway(url)
            }
        } catch let error as NotifierConfiguration.ConfigurationError {
            throw CommandLineOptions.UsageError(message: error.description)
        }
        notifier.enabled = !options.flag("no-notifier")
        notifier.leaseSeconds = try options.integer(
            "notify-lease-seconds", default: notifier.leaseSeconds, in: 1...3600)
        notifier.retryBaseSeconds = try options.integer(
            "notify-retry-seconds", default: notifier.retryBaseSeconds, in: 1...3600)
        notifier.maxAttempts = try options.integer("notify-max-attempts", default: notifier.maxAttempts, in: 1...100)
        notifier.timeoutSeconds = Double(
            try options.integer("notify-timeout-seconds", default: Int(notifier.timeoutSeconds), in: 1...300))
        return notifier
    }
}
