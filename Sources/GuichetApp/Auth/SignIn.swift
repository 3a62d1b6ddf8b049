import Foundation
import GuichetCore
import HTTPServer
import Postgres

/// Signing a staff member in, shared by `POST /api/v1/session` and the desk's login form so the
/// two can never drift apart: the attempt is counted before the password is checked (parallel
/// guesses cannot all slip under the limit; a success gives it back), an unknown user costs the
/// same hash as a known one, and the session is stored only as the SHA-256 of its token.
struct SignIn {
    /// How long a session lasts.
    static let lifetime: TimeInterval = 12 * 3600

    /// A new session: the bearer token (also the cookie value), its CSRF token and expiry.
    struct Session {
        let user: StaffUser
        let token: String
        let csrfToken: String
        let expiresAt: Date
    }

    let database: Database
    let limit: RateLimit

    /// Checks the credentials; throws `429 rate_limited` or `401 invalid_credentials`.
    func callAsFunction(username: String, password: String, client: String, now: Date) throws -> Session {
        try database.read { connection in
            try RateLimiter(connection: connection).reserve(limit, client: client, now: now)
        }
        let found = try database.read { connection in
            try UserStore(connection: connection).credentials(username.lowercased())
        }
        let valid = PasswordHasher.verify(password, against: found?.1 ?? PasswordHasher.dummyHash)
        guard valid, let user = found?.0 else {
            throw HTTPError(.unauthorized, code: "invalid_credentials", detail: "Unknown username or wrong password.")
        }
        try database.read { connection in
            try RateLimiter(connection: connection).release(limit, client: client, now: now)
        }
        let session = Session(
            user: user, token: SecureToken.generate(), csrfToken: SecureToken.generate(),
            expiresAt: now.addingTimeInterval(Self.lifetime))
        try database.read { connection in
            try UserStore(connection: connection).createSession(
                tokenHash: SecureToken.hash(session.token), username: user.username, csrfToken: session.csrfToken,
                now: now, expiresAt: session.expiresAt)
        }
        return session
    }

    /// The `HttpOnly; SameSite=Strict` cookie that carries the session for the pages.
    static func cookie(_ session: Session, secure: Bool) throws -> SetCookie {
        try SetCookie(
            name: Authenticator.cookieName, value: session.token, path: "/", maxAge: Int(lifetime), httpOnly: true,
            secure: secure, sameSite: .strict)
    }
}
