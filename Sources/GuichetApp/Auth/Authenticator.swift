import Foundation
import GuichetCore
import HTTPServer
import Postgres

/// Who is calling: a bearer token (API clients) or the session cookie (pages). Cookie-authenticated
/// writes must also prove they come from our own pages — the `X-CSRF-Token` given at sign-in, or an
/// `Origin` equal to the request's own host — since a browser sends cookies to any site's form.
struct Authenticator: Sendable {
    static let cookieName = "guichet_session"
    let database: Database
    let clock: any GuichetClock

    /// The caller, or nil when the request carries no credentials at all. Invalid or expired
    /// credentials are `401`, never silently anonymous.
    func user(for request: Request) throws -> StaffUser? {
        guard let lookup = try sessionLookup(for: request) else { return nil }
        return try user(checking: lookup)
    }

    /// Runs `lookup` on a worker: the caller, or its `401`/`403`.
    private func user(checking lookup: SessionLookup) throws -> StaffUser {
        try lookup.user(from: database.read { connection in try connection.query(lookup.query) })
    }

    /// The session check a request's credentials call for, as one statement: nil when it carries
    /// none. An event loop sends it itself (`ReportsAPI`); `user(for:)` runs it on a worker.
    func sessionLookup(for request: Request) throws -> SessionLookup? {
        let (token, viaCookie) = Self.credentials(request)
        guard let token else { return nil }
        guard SecureToken.isWellFormed(token) else { throw Problems.unauthenticated }
        let query = UserStore.sessionQuery(tokenHash: SecureToken.hash(token), now: clock.now())
        return SessionLookup(query: query, request: request, viaCookie: viaCookie)
    }

    /// One request's session check: the statement, and what its rows mean.
    struct SessionLookup: Sendable {
        let query: PostgresQuery
        let request: Request
        let viaCookie: Bool

        /// The caller from the statement's rows. No live session is `401`; a cookie-borne write
        /// that does not prove it comes from our pages is `403`.
        func user(from rows: PostgresRows) throws -> StaffUser {
            guard let (user, csrf) = try UserStore.session(from: rows) else { throw Problems.unauthenticated }
            if viaCookie && Authenticator.isWrite(request.method) && !Authenticator.passesCSRF(request, expected: csrf)
            {
                throw Problems.csrf
            }
            return user
        }
    }

    /// The caller, required, with at least `role`.
    func require(_ request: Request, role: Role = .agent) throws -> StaffUser {
        try requireSession(request, role: role).user
    }

    /// `require`, with the session check it ran: for a handler that sends that check again inside
    /// a statement of its own (`DepartmentSummary`), without hashing the token a second time.
    func requireSession(_ request: Request, role: Role) throws -> (user: StaffUser, lookup: SessionLookup) {
        guard let lookup = try sessionLookup(for: request) else { throw Problems.unauthenticated }
        let user = try user(checking: lookup)
        guard user.role.includes(role) else { throw Problems.forbidden }
        return (user, lookup)
    }

    static func credentials(_ request: Request) -> (token: String?, viaCookie: Bool) {
        if let header = request.headers["Authorization"], let token = bearerToken(header) {
            return (token, false)
        }
        if let cookie = request.cookies[cookieName] { return (cookie, true) }
        return (nil, false)
    }

    /// The token of `Bearer <token>` (the scheme in any case, RFC 9110 §11.1), without the spaces
    /// or tabs around it; nil for another scheme. Byte by byte: it runs on every staff request, and
    /// Foundation's lowercasing and trimming cost more than the rest of the check.
    static func bearerToken(_ header: String) -> String? {
        guard header.hasPrefixIgnoringASCIICase("bearer ") else { return nil }
        let bytes = Array(header.utf8)
        func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        var start = "bearer ".utf8.count
        var end = bytes.count
        while start < end, isBlank(bytes[start]) { start += 1 }
        while end > start, isBlank(bytes[end - 1]) { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    static func isWrite(_ method: HTTPMethod) -> Bool {
        ![.get, .head, .options].contains(method)
    }

    static func passesCSRF(_ request: Request, expected: String) -> Bool {
        if let token = request.headers["X-CSRF-Token"] {
            return ConstantTime.equals(Array(token.utf8), Array(expected.utf8))
        }
        guard let origin = request.headers["Origin"], let host = request.headers["Host"] else { return false }
        return origin == "http://\(host)" || origin == "https://\(host)"
    }
}
