import Foundation
import Postgres

/// SQL for the applications allowed to file through the Open311 facade. Keys are looked up by
/// their SHA-256 only; the key itself is never stored.
struct Open311ClientStore {
    let connection: PostgresConnection

    /// A client application as an administrator sees it (never its key).
    struct Client: Sendable {
        var id: UUID
        var name: String
        /// The one office it may file with, or nil for every office.
        var office: String?
        var createdBy: String
        var createdAt: Date
        var revokedAt: Date?

        init(row: PostgresRow) throws {
            id = try row.decode(column: "id")
            name = try row.decode(column: "name")
            office = try row.decode(column: "office")
            createdBy = try row.decode(column: "created_by")
            createdAt = try row.decode(column: "created_at")
            revokedAt = try row.decode(column: "revoked_at")
        }
    }

    private static let columns: PostgresQuery =
        "SELECT id, name, office, created_by, created_at, revoked_at FROM open311_clients"

    func insert(id: UUID, name: String, office: String?, keyHash: [UInt8], createdBy: String, at now: Date) throws
        -> Client
    {
        let rows = try connection.query(
            """
            INSERT INTO open311_clients (id, name, office, key_hash, created_by, created_at)
            VALUES (\(id), \(name), \(office), \(keyHash), \(createdBy), \(now))
            RETURNING id, name, office, created_by, created_at, revoked_at
            """)
        return try Client(row: rows[0])
    }

    /// The live (not revoked) client holding the key with this hash.
    func activeClient(keyHash: [UInt8]) throws -> Client? {
        try connection.query(Self.columns + " WHERE key_hash = \(keyHash) AND revoked_at IS NULL")
            .first.map(Client.init(row:))
    }

    /// Every client, newest first, revoked ones included (the cases they filed still name them).
    func all() throws -> [Client] {
        try connection.query(Self.columns + " ORDER BY created_at DESC, id").map(Client.init(row:))
    }

    /// Revokes the key; a second revocation keeps the first instant. Nil when no such client.
    func revoke(id: UUID, at now: Date) throws -> Client? {
        try connection.query(
            """
            UPDATE open311_clients SET revoked_at = coalesce(revoked_at, \(now)) WHERE id = \(id)
            RETURNING id, name, office, created_by, created_at, revoked_at
            """
        ).first.map(Client.init(row:))
    }
}
