import Foundation
import Locking

/// The delivery half of the transactional outbox: a thread that claims due messages one at a time
/// and sends them — e-mail through the SMTP relay, SMS through the HTTP gateway — then records the
/// outcome. Safe with several workers on one database: a claim is a `FOR UPDATE SKIP LOCKED`
/// update that leases the row, and every later update must match the claim's attempt number.
///
/// Never twice after a crash: a claim is committed before anything is sent, so a worker that dies
/// leaves its row `sending` until the lease runs out. An SMS is then sent again with the same
/// `Idempotency-Key`, which the gateway dedupes. An e-mail is sent again only if the worker died
/// before the end-of-data line (the relay discarded the unfinished message); after it, the relay
/// may have the message and there is no way to ask, so the row becomes `uncertain` instead of
/// risking a second copy (docs/NOTIFICATIONS.md).
final class DeliveryWorker: Sendable {
    /// Figures for `/metrics`, since this process started.
    struct Stats: Sendable {
        var sent: [NotificationChannel: Int] = [:]
        var retried = 0
        var failed = 0
        var uncertain = 0
    }

    let database: Database
    let configuration: NotifierConfiguration
    private let stats = Locked(Stats())
    private let log: @Sendable (String) -> Void

    init(database: Database, configuration: NotifierConfiguration, log: @escaping @Sendable (String) -> Void) {
        self.database = database
        self.configuration = configuration
        self.log = log
    }

    var currentStats: Stats { stats.withLock { $0 } }

    /// Delivers on a thread of its own until the process ends.
    func start() {
        let thread = Thread { [weak self] in
            while let worker = self {
                let interval = worker.configuration.pollSeconds
                do {
                    try worker.deliverDue()
                } catch {
                    worker.log("notifications: \(error)")
                }
                Thread.sleep(forTimeInterval: interval)
            }
        }
        thread.name = "guichet-notifier"
        thread.start()
    }

    /// Sends every message due now; returns how many attempts it made.
    @discardableResult
    func deliverDue() throws -> Int {
        let channels = configuration.channels
        guard !channels.isEmpty else { return 0 }
        let parked = try database.read { connection in
            try NotificationStore(connection: connection).parkInterruptedHandovers()
        }
        if parked > 0 { stats.withLock { $0.uncertain += parked } }
        var attempts = 0
        while let claimed = try database.read({ connection in
            try NotificationStore(connection: connection).claimNext(
                channels: channels, lease: configuration.leaseSeconds)
        }) {
            attempts += 1
            try attempt(claimed)
        }
        return attempts
    }

    private func attempt(_ claimed: NotificationStore.Claimed) throws {
        do {
            try send(claimed)
            try database.read { connection in try NotificationStore(connection: connection).markSent(claimed) }
            stats.withLock { $0.sent[claimed.channel, default: 0] += 1 }
        } catch let error as DeliveryError {
            try record(error, for: claimed)
        }
    }

    private func send(_ claimed: NotificationStore.Claimed) throws {
        switch claimed.channel {
        case .email:
            guard let relay = configuration.smtp else { throw DeliveryError.claimLost }
            let domain = configuration.mailFrom.split(separator: "@").last.map(String.init) ?? "localhost"
            let message = MailMessage(
                from: configuration.mailFrom, to: claimed.recipient, subject: claimed.subject, body: claimed.body,
                messageID: "<notification.\(claimed.deliveryID)@\(domain)>", date: Date())
            let client = SMTPClient(
                host: relay.host, port: relay.port, timeout: configuration.timeoutSeconds, heloName: domain)
            try client.send(from: configuration.mailFrom, to: claimed.recipient, message: message) {
                try database.read { connection in try NotificationStore(connection: connection).markHandedOver(claimed)
                }
            }
        case .sms:
            guard let gateway = configuration.smsGateway else { throw DeliveryError.claimLost }
            try SMSGatewayClient(endpoint: gateway, timeout: configuration.timeoutSeconds).send(
                id: claimed.deliveryID, to: claimed.recipient, text: claimed.body)
        }
    }

    private func record(_ error: DeliveryError, for claimed: NotificationStore.Claimed) throws {
        try database.read { connection in
            let store = NotificationStore(connection: connection)
            switch error {
            case .claimLost:
                return
            case .outcomeUnknown:
                try store.markUncertain(claimed, error: error.description)
                stats.withLock { $0.uncertain += 1 }
            default:
                let retry =
                    error.isPermanent || claimed.attempt >= configuration.maxAttempts
                    ? nil : configuration.retryDelay(afterAttempt: claimed.attempt)
                try store.markFailed(claimed, error: error.description, retryAfter: retry)
                stats.withLock { if retry == nil { $0.failed += 1 } else { $0.retried += 1 } }
            }
        }
        log("notification \(claimed.deliveryID) attempt \(claimed.attempt): \(error)")
    }
}
