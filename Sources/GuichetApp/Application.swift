import Foundation
import GuichetCore
import HTTPServer
import Locking
import Postgres

/// Guichet as a running service: the database, the routes, the HTTP server, and their shutdown.
/// `guichet serve` builds one from its configuration; end-to-end tests run the real binary.
public final class Application: Sendable {
    /// The configuration it was started with.
    public let configuration: AppConfiguration
    /// The database.
    public let database: Database
    /// Where the read-only reports read (a streaming replica, or the primary).
    public let reports: ReportsDatabase
    private let metrics = HTTPMetrics()
    private let accessLog: AccessLog?
    private let stats = ServerStats()
    private let server: ServerBox = ServerBox()
    private let log: @Sendable (String) -> Void
    /// The clock of every domain decision; settable through `PUT /api/v1/test/clock` in test mode.
    public let clock: any GuichetClock
    private let testClock: TestClock?
    private let calendars = CalendarCache()
    private let baseURL = PublicBaseURL()
    private let sweeper = Locked<Sweeper?>(nil)
    private let notifier = Locked<DeliveryWorker?>(nil)

    /// Prepares the application; nothing listens until `start`.
    public init(configuration: AppConfiguration, log: @escaping @Sendable (String) -> Void) {
        self.configuration = configuration
        self.log = log
        database = Database(
            url: configuration.databaseURL, size: configuration.databasePoolSize,
            checkoutTimeout: configuration.databaseCheckoutTimeout)
        reports = ReportsDatabase(
            primary: database,
            replica: configuration.reportsDatabaseURL.map { url in
                Database(
                    url: url, size: configuration.reportsDatabasePoolSize,
                    checkoutTimeout: configuration.databaseCheckoutTimeout)
            })
        if configuration.testClock {
            let clock = TestClock(Date())
            testClock = clock
            self.clock = clock
        } else {
            testClock = nil
            clock = SystemClock()
        }
        accessLog =
            configuration.accessLog ? AccessLog(sink: { bytes in FileHandle.standardOutput.write(Data(bytes)) }) : nil
    }

    /// Migrates (unless turned off), builds the routes and starts serving; returns the bound port.
    public func start() throws -> Int {
        if configuration.migrateOnStart {
            let applied = try database.migrate(directory: configuration.migrationsDirectory)
            for migration in applied { log("migrated \(migration.version)_\(migration.name)") }
        }
        let secret = try database.read { connection in try SettingsStore(connection: connection).hashSecret() }
        var serverConfiguration = Server.Configuration()
        serverConfiguration.host = configuration.host
        serverConfiguration.port = configuration.port
        serverConfiguration.eventLoops = configuration.eventLoops
        serverConfiguration.workers = configuration.workers
        serverConfiguration.limits = configuration.limits
        let router = try makeRouter(secret: secret, publicBaseURL: baseURL)
        let observers: [any ServerObserver] = [metrics] + (accessLog.map { [$0] } ?? [])
        let responder = SecurityHeaders(
            wrapping: router, proxies: configuration.trustedProxies, secureCookies: configuration.secureCookies)
        let running = try Server(
            configuration: serverConfiguration, responder: responder, observer: ObserverGroup(observers), logger: log)
        server.set(running)
        baseURL.set(configuration.publicURL ?? "http://\(configuration.host):\(running.port)")
        if configuration.sweeper, let sweeper = sweeper.withLock({ $0 }) { sweeper.start() }
        if let notifier = notifier.withLock({ $0 }) {
            notifier.start()
            let channels = configuration.notifier.channels.map(\.rawValue).joined(separator: ", ")
            log("notifications: delivering \(channels.isEmpty ? "nothing (no relay or gateway configured)" : channels)")
        }
        stats.attach(running)
        return running.port
    }

    /// Stops accepting, finishes in-flight requests, flushes the log, closes the pool.
    public func shutdown() {
        server.get()?.shutdown()
        accessLog?.flush()
        reports.close()
        database.pool.close()
    }

    /// Every route of the application; the router refuses clashing ones when built.
    func makeRouter(secret: [UInt8], publicBaseURL: PublicBaseURL) throws -> Router {
        var builder = RouterBuilder()
        let log = self.log
        builder.onUnexpectedError = { error, pattern in log("error in \(pattern): \(error)") }
        let workflow = CaseWorkflow(
            database: database, reports: reports, clock: clock, calendars: calendars, secret: secret,
            publicBaseURL: publicBaseURL, limits: configuration.rateLimits)
        let authenticator = Authenticator(database: database, clock: clock)
        PublicAPI(workflow: workflow, authenticator: authenticator).register(in: &builder)
        SessionAPI(
            database: database, authenticator: authenticator, clock: clock, secureCookies: configuration.secureCookies,
            limits: configuration.rateLimits
        ).register(in: &builder)
        StaffCasesAPI(workflow: workflow, authenticator: authenticator).register(in: &builder)
        AdminAPI(workflow: workflow, authenticator: authenticator).register(in: &builder)
        ReportsAPI(workflow: workflow, authenticator: authenticator).register(in: &builder)
        PetitionsAPI(workflow: workflow, authenticator: authenticator).register(in: &builder)
        OpenDataAPI(workflow: workflow, threshold: configuration.openDataThreshold).register(in: &builder)
        Open311API(
            workflow: workflow, filingLimit: configuration.rateLimits.open311Filings,
            contact: configuration.open311Contact, isTest: configuration.testClock, log: log
        ).register(in: &builder)
        Open311ClientsAPI(workflow: workflow, authenticator: authenticator).register(in: &builder)
        let sweeper = Sweeper(workflow: workflow, log: log)
        self.sweeper.withLock { $0 = sweeper }
        let dueMetrics = DueStateMetrics(workflow: workflow, sweeper: sweeper)
        let worker =
            configuration.notifier.enabled
            ? DeliveryWorker(database: database, configuration: configuration.notifier, log: log) : nil
        self.notifier.withLock { $0 = worker }
        let notificationMetrics = NotificationMetrics(database: database, worker: worker)
        OperationsEndpoints(
            database: database, reports: reports, metrics: metrics, serverStats: stats,
            testClockEnabled: configuration.testClock,
            domainMetrics: { out in
                try dueMetrics.render(into: &out)
                try notificationMetrics.render(into: &out)
            }
        ).register(in: &builder)
        TestClockAPI(clock: testClock, authenticator: authenticator, sweeper: sweeper).register(in: &builder)
        let translations = try Translations(directory: configuration.publicDirectory + "/i18n")
        Pages(
            workflow: workflow, translations: translations, secureCookies: configuration.secureCookies,
            openDataThreshold: configuration.openDataThreshold
        )
        .register(in: &builder)
        let files = try StaticFileHandler(root: configuration.publicDirectory)
        builder.get("/{path...}") { request in files.respond(to: request) }
        return try builder.build()
    }
}
