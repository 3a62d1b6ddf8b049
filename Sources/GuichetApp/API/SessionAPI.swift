import Foundation
import GuichetCore
import HTTPServer
import Postgres

/// Sign-in and sign-out. A session is a random bearer token (stored only as its SHA-256) that is
/// also set as an `HttpOnly; SameSite=Strict` cookie for the pages, with a CSRF token for
/// cookie-authenticated writes.
struct SessionAPI: Sendable {
    let database: Database
    let authenticator: Authenticator
    let clock: any GuichetClock
    let secureCookies: Bool
    let limits: RateLimits

    func register(in router: inout RouterBuilder) {
        router.post("/api/v1/session") { request in try signIn(request) }
        router.delete("/api/v1/session") { request in try signOut(request) }
        router.get("/api/v1/session") { request in
            let user = try authenticator.require(request)
            return try .json(["user": user])
        }
    }

    struct Credentials: Decodable {
        var username: String
        var password: String
    }

    struct SignedIn: Encodable {
        var token: String
        var csrfToken: String
        var expiresAt: Date
        var user: StaffUser
    }

    private func signIn(_ request: Request) throws -> Response {
        let credentials: Credentials = try request.decodeJSON()
        let session = try SignIn(database: database, limit: limits.loginFailures)(
            username: credentials.username, password: credentials.password, client: request.remoteAddress,
            now: clock.now())
        var response = try Response.json(
            SignedIn(
                token: session.token, csrfToken: session.csrfToken, expiresAt: session.expiresAt, user: session.user),
            status: .created)
        response.headers.add("Cache-Control", "no-store")
        response.setCookie(try SignIn.cookie(session, secure: secureCookies))
        return response
    }

    private func signOut(_ request: Request) throws -> Response {
        _ = try authenticator.require(request)
        if let token = Authenticator.credentials(request).token {
            try database.read { connection in
                try UserStore(connection: connection).deleteSession(tokenHash: SecureToken.hash(token))
            }
        }
        var response = Response(status: .noContent)
        response.setCookie(try SetCookie.deletion(name: Authenticator.cookieName, path: "/", secure: secureCookies))
        return response
    }
}
