import Foundation
import Postgres

/// SQL for the notification outbox. Every statement that moves a row is a single conditional
/// UPDATE, so several workers (in one instance or many) never act on the same row at once.
struct NotificationStore {
    let connection: PostgresConnection

    /// A message to write into the outbox.
    struct NewNotification {
        var office: String
        var reference: String
        var eventSeq: Int
        var event: NotificationEvent
        var channel: NotificationChannel
        var recipient: String
        var language: String
        var subject: String
        var body: String
    }

    func insert(_ new: NewNotification) throws {
        try connection.execute(
            """
            INSERT INTO notifications (office, reference, event_seq, event, channel, recipient, language, subject, body)
            VALUES (\(new.office), \(new.reference), \(new.eventSeq), \(new.event.rawValue), \(new.channel.rawValue),
                    \(new.recipient), \(new.language), \(new.subject), \(new.body))
            ON CONFLICT (office, reference, event_seq, channel) DO NOTHING
            """)
    }

    /// A row claimed for one delivery attempt.
    struct Claimed: Sendable {
        var office: String
        var id: Int
        var channel: NotificationChannel
        var recipient: String
        var subject: String
        var body: String
        /// The attempt number this claim is; also the token that later updates must match.
        var attempt: Int

        /// The stable identity given to the relay and the gateway (`TUN-42`): the same on every
        /// attempt, so a repeated delivery can be recognised.
        var deliveryID: String { "\(office)-\(id)" }
    }

    /// Gives up on e-mails whose worker died after the relay may have taken the message: sending
    /// again could deliver twice (RFC 1047), so they become `uncertain`, counted and visible.
    @discardableResult
    func parkInterruptedHandovers() throws -> Int {
        try connection.execute(
            """
            UPDATE notifications
               SET state = 'uncertain', lease_until = NULL,
                   last_error = 'worker stopped after the relay may have accepted the message; not resent'
             WHERE state = 'sending' AND lease_until <= now() AND handed_over_at IS NOT NULL
            """)
    }

    /// Claims the next due row of `channels` for `lease` seconds: a pending row whose time has come,
    /// or one whose previous worker's lease ran out before it recorded an outcome (safe to send
    /// again: a gateway dedupes on the id, and an e-mail not handed over was never delivered).
    func claimNext(channels: [NotificationChannel], lease: Int) throws -> Claimed? {
        let names = PostgresArray(channels.map(\.rawValue))
        return try connection.query(
            """
            WITH next AS (
                SELECT office, id FROM notifications
                 WHERE channel = ANY(\(names))
                   AND ((state = 'pending' AND next_attempt_at <= now())
                        OR (state = 'sending' AND lease_until <= now() AND handed_over_at IS NULL))
                 ORDER BY next_attempt_at, id
                 LIMIT 1
                 FOR UPDATE SKIP LOCKED)
            UPDATE notifications n
               SET state = 'sending', attempts = n.attempts + 1,
                   lease_until = now() + make_interval(secs => \(lease))
              FROM next
             WHERE n.office = next.office AND n.id = next.id
            RETURNING n.office, n.id, n.channel, n.recipient, n.subject, n.body, n.attempts
            """
        ).first.map { row in
            Claimed(
                office: try row.decode(column: "office"), id: try row.decode(column: "id"),
                channel: NotificationChannel(rawValue: try row.decode(column: "channel")) ?? .email,
                recipient: try row.decode(column: "recipient"), subject: try row.decode(column: "subject"),
                body: try row.decode(column: "body"), attempt: try row.decode(column: "attempts"))
        }
    }

    /// Records the point of no return of an e-mail (just before end-of-data); false when the claim
    /// was lost meanwhile (the lease ran out and another worker took the row).
    func markHandedOver(_ claimed: Claimed) throws -> Bool {
        try connection.execute(
            """
            UPDATE notifications SET handed_over_at = now()
             WHERE office = \(claimed.office) AND id = \(claimed.id) AND state = 'sending'
               AND attempts = \(claimed.attempt)
            """) == 1
    }

    func markSent(_ claimed: Claimed) throws {
        try connection.execute(
            """
            UPDATE notifications SET state = 'sent', sent_at = now(), lease_until = NULL, last_error = NULL
             WHERE office = \(claimed.office) AND id = \(claimed.id) AND state = 'sending'
               AND attempts = \(claimed.attempt)
            """)
    }

    /// A failed attempt: retried after `retryAfter` seconds, or given up (`failed`) when `retryAfter`
    /// is nil. `error` holds a stage and a code, never a relay's text.
    func markFailed(_ claimed: Claimed, error: String, retryAfter: Double?) throws {
        try connection.execute(
            """
            UPDATE notifications
               SET state = \(retryAfter == nil ? "failed" : "pending"), lease_until = NULL, handed_over_at = NULL,
                   last_error = \(error),
                   next_attempt_at = now() + make_interval(secs => \(retryAfter ?? 0))
             WHERE office = \(claimed.office) AND id = \(claimed.id) AND state = 'sending'
               AND attempts = \(claimed.attempt)
            """)
    }

    /// The connection broke after the end of an e-mail was sent: the relay may have it, so it is
    /// not sent again.
    func markUncertain(_ claimed: Claimed, error: String) throws {
        try connection.execute(
            """
            UPDATE notifications SET state = 'uncertain', lease_until = NULL, last_error = \(error)
             WHERE office = \(claimed.office) AND id = \(claimed.id) AND state = 'sending'
               AND attempts = \(claimed.attempt)
            """)
    }

    /// Rows per state, for `/metrics` (every state present, zero when none).
    func countsByState() throws -> [(state: String, count: Int)] {
        try connection.query(
            """
            SELECT s.state, count(n.id)::int8 AS count
              FROM unnest(ARRAY['pending', 'sending', 'sent', 'failed', 'uncertain']) AS s(state)
              LEFT JOIN notifications n ON n.state = s.state
             GROUP BY s.state ORDER BY s.state
            """
        ).map { row in (try row.decode(column: "state"), try row.decode(column: "count")) }
    }
}
