import HTTPServer
import Postgres

/// `/healthz`, `/readyz` and `/metrics`: what a load balancer, an orchestrator and Prometheus ask.
struct OperationsEndpoints: Sendable {
    let database: Database
    let reports: ReportsDatabase
    let metrics: HTTPMetrics
    let serverStats: ServerStats
    let testClockEnabled: Bool
    /// Figures the domain adds (sweeper, due states); a failure there must not hide the rest.
    let domainMetrics: @Sendable (inout String) throws -> Void

    func register(in router: inout RouterBuilder) {
        // Inline: answered on the event loop, never queued behind database work.
        router.get("/healthz", execution: .inline) { _ in .text("ok") }
        router.get("/readyz") { _ in readiness() }
        router.get("/metrics") { _ in prometheus() }
    }

    /// Ready when the database answers; says so loudly when the clock is simulated. The reports'
    /// replica is shown but does not decide readiness: reports fall back to the primary.
    private func readiness() -> Response {
        let reachable = database.isReachable()
        var body = "{\"status\":\"\(reachable ? "ready" : "unavailable")\""
        body += ",\"database\":\"\(reachable ? "ok" : "unreachable")\""
        body += ",\"reports_database\":\"\(reports.source().rawValue)\""
        body += ",\"test_clock\":\(testClockEnabled)}"
        var headers: HeaderFields = ["Content-Type": "application/json", "Cache-Control": "no-store"]
        if !reachable { headers.add("Retry-After", "2") }
        return Response(status: reachable ? .ok : .serviceUnavailable, headers: headers, body: Array(body.utf8))
    }

    private func prometheus() -> Response {
        var out = ""
        metrics.render(into: &out)
        let connections = serverStats.openConnections()
        let load = serverStats.workerLoad()
        let pool = database.pool.stats
        out += "# HELP guichet_http_open_connections Client connections open now.\n"
        out += "# TYPE guichet_http_open_connections gauge\n"
        out += "guichet_http_open_connections \(connections)\n"
        out += "# HELP guichet_worker_queue Requests waiting for a worker thread, and workers busy.\n"
        out += "# TYPE guichet_worker_queue gauge\n"
        out += "guichet_worker_queue{state=\"queued\"} \(load.queued)\n"
        out += "guichet_worker_queue{state=\"busy\"} \(load.busy)\n"
        out += "# HELP guichet_db_pool_connections PostgreSQL pool connections by state.\n"
        out += "# TYPE guichet_db_pool_connections gauge\n"
        out += "guichet_db_pool_connections{state=\"size\"} \(pool.size)\n"
        out += "guichet_db_pool_connections{state=\"open\"} \(pool.open)\n"
        out += "guichet_db_pool_connections{state=\"in_use\"} \(pool.inUse)\n"
        out += "guichet_db_pool_connections{state=\"waiting\"} \(pool.waiting)\n"
        out += "# HELP guichet_db_pool_events_total Checkout timeouts and failed connects.\n"
        out += "# TYPE guichet_db_pool_events_total counter\n"
        out += "guichet_db_pool_events_total{event=\"checkout_timeout\"} \(pool.timeouts)\n"
        out += "guichet_db_pool_events_total{event=\"connect_failure\"} \(pool.connectFailures)\n"
        out +=
            "# HELP guichet_reports_fallbacks_total Reports read from the primary because the replica was unreachable.\n"
        out += "# TYPE guichet_reports_fallbacks_total counter\n"
        out += "guichet_reports_fallbacks_total \(reports.fallbacks)\n"
        try? domainMetrics(&out)
        return Response(
            status: .ok, headers: ["Content-Type": "text/plain; version=0.0.4; charset=utf-8"], body: Array(out.utf8))
    }
}

/// Live figures from the running server, read when `/metrics` is scraped. The server exists only
/// after the router is built, so the application fills these in once it starts.
final class ServerStats: Sendable {
    private let server = ServerBox()

    func attach(_ server: Server) { self.server.set(server) }
    func openConnections() -> Int { server.get()?.openConnections ?? 0 }
    func workerLoad() -> (queued: Int, busy: Int) { server.get()?.workerLoad ?? (0, 0) }
}
