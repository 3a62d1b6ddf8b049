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
        let (token, viaCookie) = Self.credentials(request)
        guard let token else { return nil }
        guard SecureToken.isWellFormed(token) else { throw Problems.unauthenticated }
        let now = clock.now()
        guard
            let (user, csrf) = try database.read({ connection in
                try UserStore(connection: connection).session(tokenHash: SecureToken.hash(token), now: now)
            })
        else { throw Problems.unauthenticated }
        if viaCookie && Self.isWrite(request.method) && !Self.passesCSRF(request, expected: csrf) {
            throw Problems.csrf
        }
        return user
    }

    /// The caller, required, with at least `role`.
    func require(_ request: Request, role: Role = .agent) throws -> StaffUser {
        guard let user = try user(for: request) else { throw Problems.unauthenticated }
        guard user.role.includes(role) else { throw Problems.forbidden }
        return user
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
