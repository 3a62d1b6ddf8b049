/// The outbox in `/metrics`: messages per state in the database (all instances), and what this
/// instance's worker did since it started.
struct NotificationMetrics: Sendable {
    let database: Database
    let worker: DeliveryWorker?

    func render(into out: inout String) throws {
        let counts = try database.read { connection in try NotificationStore(connection: connection).countsByState() }
        out += "# HELP guichet_notifications Notifications in the outbox by state.\n"
        out += "# TYPE guichet_notifications gauge\n"
        for (state, count) in counts { out += "guichet_notifications{state=\"\(state)\"} \(count)\n" }
        guard let stats = worker?.currentStats else { return }
        out += "# HELP guichet_notification_attempts_total Delivery attempts of this instance by outcome.\n"
        out += "# TYPE guichet_notification_attempts_total counter\n"
        for channel in NotificationChannel.allCases {
            out += "guichet_notification_attempts_total{outcome=\"sent\",channel=\"\(channel.rawValue)\"} "
            out += "\(stats.sent[channel] ?? 0)\n"
        }
        out += "guichet_notification_attempts_total{outcome=\"retry\"} \(stats.retried)\n"
        out += "guichet_notification_attempts_total{outcome=\"failed\"} \(stats.failed)\n"
        out += "guichet_notification_attempts_total{outcome=\"uncertain\"} \(stats.uncertain)\n"
    }
}
