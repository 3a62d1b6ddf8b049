import Foundation
import GuichetCore
import HTTPServer
import Postgres

extension CaseWorkflow {
    /// The citizen's once-only rating (1–5) and comment, after the case was answered.
    func recordFeedback(reference: String, key rawKey: String?, rating: Int, comment: String?, client: String) throws {
        guard (1...5).contains(rating) else {
            throw Problems.invalidField("rating", code: "out_of_range", "rating must be between 1 and 5")
        }
        let comment = try Self.optionalText(comment, field: "comment", limit: 2000)
        let now = clock.now()
        try database.write { connection in
            let limiter = RateLimiter(connection: connection)
            try limiter.check(limits.trackingFailures, client: client, now: now)
            guard let parsed = CaseReference(parsing: reference),
                let key = rawKey.flatMap(TrackingKey.init(normalizing:)),
                let record = try CaseStore(connection: connection).fetch(
                    office: parsed.office.rawValue, reference: reference, forUpdate: true),
                key.matches(storedHash: record.trackingKeyHash, secret: trackingKeySecret)
            else {
                try limiter.hit(limits.trackingFailures, client: client, now: now)
                throw Problems.caseNotFound
            }
            guard record.firstAnsweredAt != nil else {
                throw Problems.conflict("not_answered", "Feedback opens once the case is resolved or rejected.")
            }
            let inserted = try connection.execute(
                """
                INSERT INTO case_feedback (office, reference, rating, comment, created_at)
                VALUES (\(record.office), \(record.reference), \(rating), \(comment), \(now))
                ON CONFLICT DO NOTHING
                """)
            guard inserted == 1 else {
                throw Problems.conflict("feedback_already_given", "This case was already rated.")
            }
            try CaseStore(connection: connection).append(
                office: record.office, reference: record.reference,
                CaseEvent(
                    seq: 0, at: now, actor: "citizen", type: "feedback", isPublic: false,
                    data: ["rating": String(rating)]))
        }
    }
}
