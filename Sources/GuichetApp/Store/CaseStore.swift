import Foundation
import GuichetCore
import Postgres

/// SQL for cases, applicants, timelines, reference counters and idempotency keys.
struct CaseStore {
    let connection: PostgresConnection

    /// Takes the next number of the office's register for `year`. The counter row stays locked
    /// until the transaction ends, so a rollback gives the number back: no holes, no duplicates,
    /// whatever the number of server instances.
    func nextNumber(office: String, year: Int) throws -> Int {
        let rows = try connection.query(
            """
            INSERT INTO reference_counters AS counter (office, year, last_number) VALUES (\(office), \(year), 1)
            ON CONFLICT (office, year) DO UPDATE SET last_number = counter.last_number + 1
            RETURNING last_number
            """)
        return try rows[0].decode(Int.self, column: "last_number")
    }

    struct NewCase {
        var office: String
        var reference: CaseReference
        var kind: CaseKind
        var service: Service
        var status: CaseStatus
        var validated: ValidatedCase
        var language: String
        var submittedAt: Date
        var trackingKeyHash: [UInt8]
        var createdBy: String?
        var deadline: DeadlineState
    }

    func insert(_ new: NewCase) throws {
        let reference = new.reference.description
        try connection.execute(
            """
            INSERT INTO cases (office, reference, year, number, kind, service, department, status, subject,
                               description, channel, language, submitted_at, received_at, response_days,
                               extension_days, tracking_key_hash, created_by, deadline_date, deadline_at, paused,
                               extension_used)
            VALUES (\(new.office), \(reference), \(new.reference.year), \(new.reference.sequence),
                    \(new.kind.rawValue), \(new.service.code), \(new.service.department), \(new.status.rawValue),
                    \(new.validated.subject), \(new.validated.description), \(new.validated.channel.rawValue),
                    \(new.language), \(new.submittedAt), \(new.validated.receivedAt), \(new.service.responseDays),
                    \(new.service.extensionDays), \(new.trackingKeyHash), \(new.createdBy),
                    \(new.deadline.deadlineDate), \(new.deadline.deadlineAt), \(new.deadline.paused), false)
            """)
        try connection.execute(
            """
            INSERT INTO applicants (office, reference, name, national_id, phone, email, address)
            VALUES (\(new.office), \(reference), \(new.validated.applicantName), \(new.validated.nationalId),
                    \(new.validated.phone), \(new.validated.email), \(new.validated.address))
            """)
    }

    /// The case, locked for update when `forUpdate` (every state change takes this lock first, so
    /// two agents acting at once are serialised instead of both appending from the same state).
    func fetch(office: String, reference: String, forUpdate: Bool = false) throws -> CaseRecord? {
        var query: PostgresQuery = "SELECT \(unsafeSQL: CaseRecord.columns) FROM cases c"
        query.append(" WHERE c.office = \(office) AND c.reference = \(reference)")
        if forUpdate { query.append(" FOR UPDATE") }
        return try connection.query(query).first.map(CaseRecord.init(row:))
    }

    func applicant(office: String, reference: String) throws -> Applicant? {
        try connection.query(
            """
            SELECT name, national_id, phone, email, address FROM applicants
             WHERE office = \(office) AND reference = \(reference)
            """
        ).first.map(Applicant.init(row:))
    }

    func events(office: String, reference: String, publicOnly: Bool = false) throws -> [CaseEvent] {
        var query: PostgresQuery = "SELECT \(unsafeSQL: CaseEvent.columns) FROM case_events"
        query.append(" WHERE office = \(office) AND reference = \(reference)")
        if publicOnly { query.append(" AND public") }
        query.append(" ORDER BY seq")
        return try connection.query(query).map(CaseEvent.init(row:))
    }

    /// Appends an event with the next sequence number of the case's timeline; returns that number.
    @discardableResult
    func append(office: String, reference: String, _ event: CaseEvent) throws -> Int {
        let rows = try connection.query(
            """
            INSERT INTO case_events (office, reference, seq, at, actor, type, from_status, to_status, public,
                                     public_message, internal_note, data)
            SELECT \(office), \(reference), coalesce(max(seq), 0) + 1, \(event.at), \(event.actor), \(event.type),
                   \(event.fromStatus), \(event.toStatus), \(event.isPublic), \(event.publicMessage),
                   \(event.internalNote), \(PostgresJSON(event.data))
              FROM case_events WHERE office = \(office) AND reference = \(reference)
            RETURNING seq
            """)
        return try rows[0].decode(Int.self, column: "seq")
    }

    /// Stores a new status and the deadline fields derived from the timeline.
    func update(_ record: CaseRecord) throws {
        try connection.execute(
            """
            UPDATE cases SET status = \(record.status.rawValue), deadline_date = \(record.deadlineDate),
                   deadline_at = \(record.deadlineAt), paused = \(record.paused),
                   extension_used = \(record.extensionUsed), first_answered_at = \(record.firstAnsweredAt),
                   updated_at = now()
             WHERE office = \(record.office) AND reference = \(record.reference)
            """)
    }

    func assign(office: String, reference: String, assignee: String?, department: String) throws {
        try connection.execute(
            """
            UPDATE cases SET assignee = \(assignee), department = \(department), updated_at = now()
             WHERE office = \(office) AND reference = \(reference)
            """)
    }

    func replaceTrackingKey(office: String, reference: String, hash: [UInt8]) throws {
        try connection.execute(
            """
            UPDATE cases SET tracking_key_hash = \(hash), updated_at = now()
             WHERE office = \(office) AND reference = \(reference)
            """)
    }

    // MARK: Tracking

    struct TrackingLookup {
        var failures: Int
        var record: TrackedCase?
        var serviceName: Trilingual?
        var events: [CaseEvent]
    }

    /// Everything a tracking look-up needs in one round trip (it is the hottest public path): the
    /// client's failure count, the case, its service's names and its timeline. Run by a worker, or
    /// sent without waiting from the event loop; `trackingLookup(from:)` reads the answer.
    static func trackingLookupQuery(office: String, reference: String, rateBucket: String, rateWindow: Date)
        -> PostgresQuery
    {
        // The timeline comes as parallel arrays (one per column): PostgreSQL's array text is far
        // cheaper to read than JSON through Foundation, which dominated this path. The events are
        // read in key order (office, reference, seq) and aggregated without `ORDER BY`: nine
        // ordered aggregates meant nine sorts, a fifth of PostgreSQL's time for the look-up. The
        // arrays stay aligned (one aggregation pass); `timeline(_:)` puts them in seq order.
        """
        SELECT coalesce(r.hits, 0) AS failures, \(unsafeSQL: TrackedCase.columns),
               s.name_ar AS service_ar, s.name_fr AS service_fr, s.name_en AS service_en,
               ev.seqs, ev.ats, ev.actors, ev.types, ev.froms, ev.tos, ev.publics, ev.messages, ev.days
          FROM (SELECT 1) AS one
          LEFT JOIN rate_limits r ON r.bucket = \(rateBucket) AND r.window_start = \(rateWindow)
          LEFT JOIN cases c ON c.office = \(office) AND c.reference = \(reference)
          LEFT JOIN services s ON s.office = c.office AND s.code = c.service
          LEFT JOIN LATERAL (\(unsafeSQL: timelineArrays)) AS ev ON true
        """
    }

    /// The timeline of case `c` as parallel arrays. scripts/bench/track_statement.sql, the statement
    /// the benchmark's peer and pgbench run, carries the same text (`TimelineOrderTests` checks it).
    static let timelineArrays = """
        SELECT array_agg(e.seq::int8) AS seqs, array_agg(extract(epoch FROM e.at)::float8) AS ats,
               array_agg(e.actor) AS actors, array_agg(e.type) AS types,
               array_agg(coalesce(e.from_status, '')) AS froms, array_agg(coalesce(e.to_status, '')) AS tos,
               array_agg(e.public) AS publics,
               array_agg(CASE WHEN e.public THEN coalesce(e.public_message, '') ELSE '' END) AS messages,
               array_agg(coalesce(e.days, '')) AS days
          FROM (SELECT e.seq, e.at, e.actor, e.type, e.from_status, e.to_status, e.public, e.public_message,
                       e.data->>'days' AS days
                  FROM case_events e WHERE e.office = c.office AND e.reference = c.reference
                 ORDER BY e.seq) AS e
        """

    /// Decodes the one row of `trackingLookupQuery`.
    static func trackingLookup(from rows: PostgresRows) throws -> TrackingLookup {
        guard let row = rows.first else { throw PostgresError(.queryFailed) }
        let failures: Int = try row.decode(column: "failures")
        guard !row.isNull(column: "reference") else {
            return TrackingLookup(failures: failures, record: nil, serviceName: nil, events: [])
        }
        var name: Trilingual?
        if let ar: String = try row.decode(column: "service_ar") {
            name = Trilingual(
                ar: ar, fr: try row.decode(column: "service_fr"), en: try row.decode(column: "service_en"))
        }
        return TrackingLookup(
            failures: failures, record: try TrackedCase(row: row), serviceName: name, events: try Self.timeline(row))
    }

    /// Rebuilds the events from the parallel arrays of `trackingLookup` ('' stands for NULL).
    private static func timeline(_ row: PostgresRow) throws -> [CaseEvent] {
        guard !row.isNull(column: "seqs") else { return [] }
        let seqs = try row.decode(PostgresArray<Int>.self, column: "seqs").elements
        let ats = try row.decode(PostgresArray<Double>.self, column: "ats").elements
        let actors = try row.decode(PostgresArray<String>.self, column: "actors").elements
        let types = try row.decode(PostgresArray<String>.self, column: "types").elements
        let froms = try row.decode(PostgresArray<String>.self, column: "froms").elements
        let tos = try row.decode(PostgresArray<String>.self, column: "tos").elements
        let publics = try row.decode(PostgresArray<Bool>.self, column: "publics").elements
        let messages = try row.decode(PostgresArray<String>.self, column: "messages").elements
        let days = try row.decode(PostgresArray<String>.self, column: "days").elements
        let count = seqs.count
        guard
            [ats.count, actors.count, types.count, froms.count, tos.count, publics.count, messages.count, days.count]
                .allSatisfy({ $0 == count })
        else { throw PostgresError(.queryFailed) }
        let events = (0..<count).map { index in
            CaseEvent(
                seq: seqs[index], at: Date(timeIntervalSince1970: ats[index]), actor: actors[index], type: types[index],
                fromStatus: froms[index].isEmpty ? nil : froms[index], toStatus: tos[index].isEmpty ? nil : tos[index],
                isPublic: publics[index], publicMessage: messages[index].isEmpty ? nil : messages[index],
                data: days[index].isEmpty ? [:] : ["days": days[index]])
        }
        return inSeqOrder(events)
    }

    /// `events` in seq order. The look-up aggregates them in the order the rows came (see
    /// `trackingLookupQuery`): key order in every plan seen, but SQL does not promise it.
    static func inSeqOrder(_ events: [CaseEvent]) -> [CaseEvent] {
        let ordered = events.indices.dropFirst().allSatisfy { events[$0 - 1].seq < events[$0].seq }
        return ordered ? events : events.sorted { $0.seq < $1.seq }
    }

    // MARK: Idempotency

    struct StoredResponse {
        var requestHash: [UInt8]
        var response: String
    }

    func storedResponse(office: String, key: String) throws -> StoredResponse? {
        try connection.query(
            "SELECT request_hash, response::text AS response FROM idempotency_keys WHERE office = \(office) AND key = \(key)"
        ).first.map { row in
            StoredResponse(
                requestHash: try row.decode(column: "request_hash"), response: try row.decode(column: "response"))
        }
    }

    func storeResponse(
        office: String, key: String, requestHash: [UInt8], reference: String, response: String, at: Date
    ) throws {
        try connection.execute(
            """
            INSERT INTO idempotency_keys (office, key, request_hash, reference, response, created_at)
            VALUES (\(office), \(key), \(requestHash), \(reference), \(response)::jsonb, \(at))
            """)
    }

    /// Serialises submissions that carry the same idempotency key (held until the transaction ends).
    func lockIdempotencyKey(office: String, key: String) throws {
        try connection.execute("SELECT pg_advisory_xact_lock(hashtextextended(\(office + "\u{1F}" + key), 7))")
    }
}
