import Foundation
import HTTPServer

/// The frame of every page: `<html lang dir>`, the head, the header with the language switcher,
/// and the security headers every HTML response carries.
struct PageLayout: Sendable {
    /// The strict policy: our own scripts, styles and images only, no inline code or styles.
    static let contentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
        + "frame-ancestors 'none'; base-uri 'none'"

    /// What the header shows about who is signed in (desk pages).
    struct Staff: Sendable {
        var name: String
        var isSupervisor: Bool
        var csrf: String
    }

    let t: Localizer
    let secureCookies: Bool

    /// Renders a full page.
    func page(
        title: String, request: Request, staff: Staff? = nil, bodyClass: String = "", scripts: [String] = [],
        content: HTML
    ) -> HTML {
        let switcher = languageSwitcher(request)
        let nav: HTML
        if let staff {
            let dashboard: HTML =
                staff.isSupervisor ? "<li><a href=\"/desk/dashboard\">\(t("nav.dashboard"))</a></li>" : ""
            nav = """
                <nav aria-label="\(t("nav.desk"))"><ul class="nav">\
                <li><a href="/desk/new">\(t("nav.new_case"))</a></li>\
                <li><a href="/desk/queue">\(t("nav.queue"))</a></li>\(dashboard)\
                <li><form method="post" action="/desk/logout" class="inline">\
                <input type="hidden" name="csrf" value="\(staff.csrf)">\
                <button type="submit" class="link">\(t("nav.logout", staff.name))</button></form></li>\
                </ul></nav>
                """
        } else {
            nav = """
                <nav aria-label="\(t("nav.public"))"><ul class="nav">\
                <li><a href="/">\(t("nav.offices"))</a></li>\
                <li><a href="/track">\(t("nav.track"))</a></li>\
                <li><a href="/petitions">\(t("nav.petitions"))</a></li>\
                <li><a href="/desk/login">\(t("nav.staff"))</a></li></ul></nav>
                """
        }
        let scriptTags = HTML.join(scripts.map { "<script src=\"\($0)\" defer></script>" })
        return """
            <!doctype html>
            <html lang="\(t.language)" dir="\(t.direction)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title) — \(t("app.name"))</title>
            <link rel="stylesheet" href="/css/guichet.css">
            <link rel="stylesheet" href="\(printStylesheet(request))" media="print">
            \(scriptTags)
            </head>
            <body class="\(bodyClass)">
            <a class="skip" href="#main">\(t("a11y.skip"))</a>
            <header class="site"><div class="bar">
            <a class="brand" href="/">\(t("app.name"))</a>
            \(nav)
            \(switcher)
            </div></header>
            <main id="main" tabindex="-1">
            \(content)
            </main>
            <footer class="site"><p>\(t("app.footer"))</p></footer>
            </body>
            </html>
            """
    }

    /// Links to the same page in each language (the query kept, `lang` replaced).
    private func languageSwitcher(_ request: Request) -> HTML {
        let pairs = ((try? request.query)?.pairs ?? []).filter { $0.name != "lang" }
        let names = [("ar", "العربية"), ("fr", "Français"), ("en", "English")]
        let links = names.map { code, name -> HTML in
            let href = HTML.url(String(request.rawPath), pairs.map { ($0.name, $0.value) } + [("lang", code)])
            let current: HTML = code == t.language ? " aria-current=\"true\"" : ""
            return "<li><a href=\"\(href)\" lang=\"\(code)\" hreflang=\"\(code)\"\(current)>\(name)</a></li>"
        }
        return "<nav class=\"langs\" aria-label=\"\(t("nav.language"))\"><ul>\(links)</ul></nav>"
    }

    /// An HTML response with the security headers; remembers `?lang=` in a cookie.
    func response(
        _ html: HTML, status: HTTPStatus = .ok, request: Request, private isPrivate: Bool = false,
        noReferrer: Bool = false
    ) -> Response {
        var response = Response(
            status: status, headers: ["Content-Type": "text/html; charset=utf-8"], body: Array(html.raw.utf8))
        Self.secure(&response, noReferrer: noReferrer)
        if isPrivate || noReferrer { response.headers.add("Cache-Control", "no-store") }
        response.headers.add("Vary", "Accept-Language, Cookie")
        if PageLanguage.resolve(request).remember,
            let cookie = try? SetCookie(
                name: PageLanguage.cookieName, value: t.language, path: "/", maxAge: 365 * 86_400, httpOnly: true,
                secure: secureCookies, sameSite: .lax)
        {
            response.setCookie(cookie)
        }
        return response
    }

    /// Adds the headers every HTML response carries.
    static func secure(_ response: inout Response, noReferrer: Bool = false) {
        response.headers.add("Content-Security-Policy", contentSecurityPolicy)
        response.headers.add("X-Content-Type-Options", "nosniff")
        response.headers.add("X-Frame-Options", "DENY")
        response.headers.add("Referrer-Policy", noReferrer ? "no-referrer" : "same-origin")
    }

    /// `303 See Other` to `location` (after a form post).
    static func redirect(_ location: String, noReferrer: Bool = false) -> Response {
        var response = Response(status: .seeOther, headers: ["Location": location])
        secure(&response, noReferrer: noReferrer)
        response.headers.add("Cache-Control", "no-store")
        return response
    }

    /// A5 print styles by default (the desk printers); A4 when the page was asked with `paper=a4`.
    func printStylesheet(_ request: Request) -> String {
        (try? request.query["paper"]) == "a4" ? "/css/print-a4.css" : "/css/print.css"
    }
}
