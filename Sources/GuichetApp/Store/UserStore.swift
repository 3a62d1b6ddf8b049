import Foundation
import Postgres

/// SQL for staff accounts and their sessions.
struct UserStore {
    let connection: PostgresConnection

    private static let columns = "username, role, office, department, display_name"

    private static func user(_ row: PostgresRow) throws -> StaffUser {
        StaffUser(
            username: try row.decode(column: "username"),
            role: Role(rawValue: try row.decode(column: "role")) ?? .agent,
            office: try row.decode(column: "office"), department: try row.decode(column: "department"),
            displayName: try row.decode(column: "display_name"))
    }

    func user(_ username: String) throws -> StaffUser? {
        try connection.query(
            "SELECT \(unsafeSQL: Self.columns) FROM users WHERE username = \(username) AND active"
        ).first.map(Self.user)
    }

    /// The active user and their password hash, for sign-in.
    func credentials(_ username: String) throws -> (StaffUser, String)? {
        try connection.query(
            "SELECT \(unsafeSQL: Self.columns), password_hash FROM users WHERE username = \(username) AND active"
        ).first.map { row in (try Self.user(row), try row.decode(String.self, column: "password_hash")) }
    }

    func insert(_ user: StaffUser, passwordHash: String) throws {
        try connection.execute(
            """
            INSERT INTO users (username, password_hash, role, office, department, display_name)
            VALUES (\(user.username), \(passwordHash), \(user.role.rawValue), \(user.office), \(user.department),
                    \(user.displayName))
            """)
    }

    // MARK: Sessions

    func createSession(tokenHash: [UInt8], username: String, csrfToken: String, now: Date, expiresAt: Date) throws {
        try connection.execute(
            """
            INSERT INTO sessions (token_hash, username, csrf_token, created_at, expires_at)
            VALUES (\(tokenHash), \(username), \(csrfToken), \(now), \(expiresAt))
            """)
    }

    /// The user behind a live session, with the session's CSRF token.
    func session(tokenHash: [UInt8], now: Date) throws -> (StaffUser, csrfToken: String)? {
        try Self.session(from: connection.query(Self.sessionQuery(tokenHash: tokenHash, now: now)))
    }

    /// The statement of `session(tokenHash:now:)`, for an event loop to send (`Authenticator.SessionLookup`).
    static func sessionQuery(tokenHash: [UInt8], now: Date) -> PostgresQuery {
        """
        SELECT u.username, u.role, u.office, u.department, u.display_name, s.csrf_token
          FROM sessions s JOIN users u ON u.username = s.username
         WHERE s.token_hash = \(tokenHash) AND s.expires_at > \(now) AND u.active
        """
    }

    /// The user and CSRF token from `sessionQuery`'s rows; nil when there is none.
    static func session(from rows: PostgresRows) throws -> (StaffUser, csrfToken: String)? {
        try rows.first.map { row in (try user(row), try row.decode(String.self, column: "csrf_token")) }
    }

    func deleteSession(tokenHash: [UInt8]) throws {
        try connection.execute("DELETE FROM sessions WHERE token_hash = \(tokenHash)")
    }
}
