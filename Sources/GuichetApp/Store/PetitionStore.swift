import Foundation
import GuichetCore
import Postgres

/// SQL for petitions and their signatures. Signers' names and identity-number hashes never leave
/// this file: the public queries return counts only.
struct PetitionStore {
    let connection: PostgresConnection

    /// A petition's collection: the rules copied at filing and the running count.
    struct Collection: Sendable {
        var threshold: Int
        var collectionEndsAt: Date
        var signatures: Int
    }

    /// Opens the collection of a newly filed petition.
    func open(office: String, reference: String, threshold: Int, collectionEndsAt: Date) throws {
        try connection.execute(
            """
            INSERT INTO petitions (office, reference, threshold, collection_ends_at)
            VALUES (\(office), \(reference), \(threshold), \(collectionEndsAt))
            """)
    }

    func collection(office: String, reference: String) throws -> Collection? {
        try connection.query(
            """
            SELECT threshold, collection_ends_at, signatures FROM petitions
             WHERE office = \(office) AND reference = \(reference)
            """
        ).first.map(Self.collection(row:))
    }

    /// Records one signature; false when this identity number already signed this petition.
    /// Bumps the running count in the same statement's transaction (the caller holds the case lock).
    func addSignature(
        office: String, reference: String, nationalIdHash: [UInt8], name: String, channel: String,
        collectedBy: String?, at: Date
    ) throws -> Bool {
        let inserted = try connection.execute(
            """
            INSERT INTO petition_signatures (office, reference, national_id_hash, name, channel, collected_by,
                                             signed_at)
            VALUES (\(office), \(reference), \(nationalIdHash), \(name), \(channel), \(collectedBy), \(at))
            ON CONFLICT DO NOTHING
            """)
        guard inserted == 1 else { return false }
        try connection.execute(
            """
            UPDATE petitions SET signatures = signatures + 1 WHERE office = \(office) AND reference = \(reference)
            """)
        return true
    }

    /// Petitions of `office` still collecting after their collection ended (the sweeper lapses them).
    func expired(office: String, now: Date) throws -> [String] {
        try connection.query(
            """
            SELECT p.reference FROM petitions p
              JOIN cases c ON c.office = p.office AND c.reference = p.reference
             WHERE p.office = \(office) AND p.collection_ends_at <= \(now) AND c.status = 'collecting_signatures'
             ORDER BY p.collection_ends_at
            """
        ).map { try $0.decode(String.self, column: "reference") }
    }

    /// One line of the public list: nothing about the author or the signers.
    struct Summary: Sendable {
        var office: String
        var reference: String
        var service: String
        var subject: String
        var status: String
        var submittedAt: Date
        var deadlineDate: LocalDate?
        var collection: Collection
    }

    /// Public petitions, newest first, after the keyset `cursor` (submitted_at, reference).
    func list(office: String?, status: String?, after cursor: (Date, String)?, limit: Int) throws -> [Summary] {
        var query: PostgresQuery = """
            SELECT c.office, c.reference, c.service, c.subject, c.status, c.submitted_at, c.deadline_date,
                   p.threshold, p.collection_ends_at, p.signatures
              FROM petitions p JOIN cases c ON c.office = p.office AND c.reference = p.reference
             WHERE true
            """
        if let office { query.append(" AND p.office = \(office)") }
        if let status { query.append(" AND c.status = \(status)") }
        if let (submittedAt, reference) = cursor {
            query.append(" AND (c.submitted_at, c.reference) < (\(submittedAt), \(reference))")
        }
        query.append(" ORDER BY c.submitted_at DESC, c.reference DESC LIMIT \(limit)")
        return try connection.query(query).map { row in
            Summary(
                office: try row.decode(column: "office"), reference: try row.decode(column: "reference"),
                service: try row.decode(column: "service"), subject: try row.decode(column: "subject"),
                status: try row.decode(column: "status"), submittedAt: try row.decode(column: "submitted_at"),
                deadlineDate: try row.decode(column: "deadline_date"), collection: try Self.collection(row: row))
        }
    }

    private static func collection(row: PostgresRow) throws -> Collection {
        Collection(
            threshold: try row.decode(column: "threshold"),
            collectionEndsAt: try row.decode(column: "collection_ends_at"),
            signatures: try row.decode(column: "signatures"))
    }
}
