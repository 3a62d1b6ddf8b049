import Foundation
import GuichetCore
import HTTPServer

extension Pages {
    /// A signed-in staff member of a desk page, with the session's CSRF token for its forms.
    struct DeskSession {
        var user: StaffUser
        var csrf: String

        var staff: PageLayout.Staff {
            PageLayout.Staff(name: user.displayName, isSupervisor: user.role.includes(.supervisor), csrf: csrf)
        }
    }

    /// Thrown inside a desk handler to answer with a redirect (to the sign-in page).
    struct DeskRedirect: Error {
        var response: Response
    }

    /// The session from the `guichet_session` cookie (the one `POST /api/v1/session` sets), or a
    /// redirect to the sign-in form. For form posts the hidden `csrf` field must match the
    /// session's token: a browser sends the cookie with any site's form, not our token.
    func deskSession(_ request: Request, role: Role = .agent, form: QueryParameters? = nil) throws -> DeskSession {
        let now = workflow.clock.now()
        let token = request.cookies[Authenticator.cookieName]
        guard let token, SecureToken.isWellFormed(token),
            let (user, csrf) = try workflow.database.read({ connection in
                try UserStore(connection: connection).session(tokenHash: SecureToken.hash(token), now: now)
            })
        else {
            let next = request.method == .get ? String(request.head.target) : "/desk/new"
            throw DeskRedirect(response: PageLayout.redirect(HTML.url("/desk/login", [("next", next)])))
        }
        if let form {
            let sent = form["csrf"] ?? ""
            guard ConstantTime.equals(Array(sent.utf8), Array(csrf.utf8)) else { throw Problems.csrf }
        }
        guard user.role.includes(role) else { throw Problems.forbidden }
        return DeskSession(user: user, csrf: csrf)
    }

    /// Runs a desk handler, turning a missing session into the redirect to sign in.
    func desk(_ request: Request, _ body: () throws -> Response) throws -> Response {
        do {
            return try body()
        } catch let redirect as DeskRedirect {
            return redirect.response
        }
    }

    /// `GET /desk/login`.
    func loginForm(_ request: Request, error: String? = nil, status: HTTPStatus = .ok) throws -> Response {
        let c = context(request)
        let t = c.t
        let asked = try request.query["next"] ?? (try? request.formBody())?["next"]
        let next: HTML =
            asked.map { "<input type=\"hidden\" name=\"next\" value=\"\(Self.safeNext($0))\">" } ?? .empty
        let alert: HTML = error.map { Self.alert($0) } ?? .empty
        let content: HTML = """
            <h1>\(t("login.title"))</h1>
            \(alert)
            <form method="post" action="/desk/login" class="stack narrow">
            \(next)
            <label for="username">\(t("field.username"))</label>
            <input id="username" name="username" required autocomplete="username" autocapitalize="none" dir="ltr" autofocus>
            <label for="password">\(t("field.password"))</label>
            <input id="password" name="password" type="password" required autocomplete="current-password" dir="ltr">
            <button type="submit">\(t("login.submit"))</button>
            </form>
            """
        return c.layout.response(
            c.layout.page(title: t("login.title"), request: request, content: content), status: status,
            request: request, private: true)
    }

    /// Only a path of our own desk pages: never an absolute URL (open redirect).
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/desk/"), !next.hasPrefix("//"), !next.contains("\\") else {
            return "/desk/new"
        }
        return next
    }

    /// `POST /desk/login`: the same checks and cookie as `POST /api/v1/session`.
    func login(_ request: Request) throws -> Response {
        let form = try request.formBody()
        let t = context(request).t
        let session: SignIn.Session
        do {
            session = try SignIn(database: workflow.database, limit: workflow.limits.loginFailures)(
                username: form["username"] ?? "", password: form["password"] ?? "", client: request.remoteAddress,
                now: workflow.clock.now())
        } catch let error as HTTPError where error.status == .tooManyRequests {
            return try loginForm(request, error: Self.message(for: error, t), status: error.status)
        } catch let error as HTTPError where error.status == .unauthorized {
            return try loginForm(request, error: t("login.failed"), status: .unauthorized)
        }
        let user = session.user
        let next =
            user.role.includes(.supervisor) && form["next"] == nil ? "/desk/dashboard" : Self.safeNext(form["next"])
        var response = PageLayout.redirect(next)
        response.setCookie(try SignIn.cookie(session, secure: secureCookies))
        return response
    }

    /// `POST /desk/logout`.
    func logout(_ request: Request) throws -> Response {
        try desk(request) {
            let form = try request.formBody()
            _ = try deskSession(request, form: form)
            if let token = request.cookies[Authenticator.cookieName] {
                try workflow.database.read { connection in
                    try UserStore(connection: connection).deleteSession(tokenHash: SecureToken.hash(token))
                }
            }
            var response = PageLayout.redirect("/desk/login")
            response.setCookie(try SetCookie.deletion(name: Authenticator.cookieName, path: "/", secure: secureCookies))
            return response
        }
    }
}
