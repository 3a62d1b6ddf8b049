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
    static let lifetime: TimeInterval = 12 * 3600

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
        let now = clock.now()
        let client = request.remoteAddress
        // The attempt is counted before the password is checked, so parallel guesses cannot all
        // slip under the limit; a successful sign-in gives it back.
        try database.read { connection in
            try RateLimiter(connection: connection).reserve(limits.loginFailures, client: client, now: now)
        }
        let found = try database.read { connection in
            try UserStore(connection: connection).credentials(credentials.username.lowercased())
        }
        // An unknown user costs the same hash as a known one: timing does not reveal accounts.
        let valid = PasswordHasher.verify(credentials.password, against: found?.1 ?? PasswordHasher.dummyHash)
        guard valid, let user = found?.0 else {
            throw HTTPError(.unauthorized, code: "invalid_credentials", detail: "Unknown username or wrong password.")
        }
        try database.read { connection in
            try RateLimiter(connection: connection).release(limits.loginFailures, client: client, now: now)
        }
        let token = SecureToken.generate()
        let csrf = SecureToken.generate()
        let expiresAt = now.addingTimeInterval(Self.lifetime)
        try database.read { connection in
            try UserStore(connection: connection).createSession(
                tokenHash: SecureToken.hash(token), username: user.username, csrfToken: csrf, now: now,
                expiresAt: expiresAt)
        }
        var response = try Response.json(
            SignedIn(token: token, csrfToken: csrf, expiresAt: expiresAt, user: user), status: .created)
        response.headers.add("Cache-Control", "no-store")
        response.setCookie(
            try SetCookie(
                name: Authenticator.cookieName, value: token, path: "/", maxAge: Int(Self.lifetime), httpOnly: true,
                secure: secureCookies, sameSite: .strict))
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
