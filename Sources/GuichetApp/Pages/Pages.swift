import Foundation
import GuichetCore
import HTTPServer
import Postgres

/// The server-rendered pages: the citizens' guide, filing, receipt and tracking (all of which
/// work without JavaScript), and the desk pages of agents and supervisors under `/desk/`.
/// They call the same workflow as the JSON API; every string comes from `Translations`.
struct Pages: Sendable {
    let workflow: CaseWorkflow
    let translations: Translations
    let secureCookies: Bool
    /// Counts below it are withheld on the statistics page, as in the open data.
    let openDataThreshold: Int

    func register(in router: inout RouterBuilder) {
        router.get("/") { request in try home(request) }
        router.get("/guide") { request in try guide(request) }
        router.get("/file") { request in try fileForm(request) }
        router.post("/file") { request in try file(request) }
        router.get("/receipt") { request in try receipt(request) }
        router.get("/track") { request in try track(request) }
        router.get("/track.html") { request in
            // The API's `tracking_url` names the static-era address; the page lives at /track.
            PageLayout.redirect(HTML.url("/track", [("reference", try request.query["reference"])]), noReferrer: true)
        }
        router.post("/track/feedback") { request in try feedback(request) }
        router.get("/stats") { request in try statistics(request) }
        router.get("/petitions") { request in try petitions(request) }
        router.get("/petitions/{reference}") { request in try petitionPage(request) }
        router.post("/petitions/{reference}/sign") { request in try signPetition(request) }
        registerDesk(in: &router)
    }

    /// What a handler needs to render: the reader's language and the page frame.
    struct Context {
        let t: Localizer
        let layout: PageLayout
    }

    func context(_ request: Request) -> Context {
        let t = Localizer(language: PageLanguage.resolve(request).language, translations: translations)
        return Context(t: t, layout: PageLayout(t: t, secureCookies: secureCookies))
    }

    /// The tracking link printed on the receipt and encoded in its QR code: it opens the case's
    /// tracking page directly (the key travels in the query; the page answers `no-referrer` and
    /// `no-store`).
    func trackingLink(reference: String, key: String) -> String {
        HTML.url(workflow.publicBaseURL.value + "/track", [("reference", reference), ("key", key)])
    }

    /// A short alert: `role="alert"` for errors so screen readers announce them.
    static func alert(_ text: String, kind: String = "error") -> HTML {
        let role: HTML = kind == "error" ? " role=\"alert\"" : " role=\"status\""
        return "<p class=\"alert \(kind)\"\(role)>\(text)</p>"
    }

    /// The message for a problem code, in the reader's language.
    static func message(for error: HTTPError, _ t: Localizer) -> String {
        t.code("error.", error.code, fallback: "error.generic")
    }

    /// Service and office names for the pages, from the catalogue.
    func catalogue(office: String) throws -> (Office, [Service], [Department])? {
        try workflow.database.read { connection in
            let store = CatalogueStore(connection: connection)
            guard let found = try store.office(office) else { return nil }
            return (found, try store.services(office: office, kind: nil), try store.departments(office: office))
        }
    }

    /// A case's fee and delay, as one line of the guide.
    static func feeText(_ service: Service, _ t: Localizer) -> String {
        if Double(service.fee.amount) == 0 { return t("guide.free") }
        return t("guide.fee_amount", service.fee.amount, t.code("currency.", service.fee.currency))
    }

    static func delayText(_ service: Service, _ t: Localizer) -> String {
        service.responseDays == 0
            ? t("guide.same_day") : t("guide.working_days", String(service.responseDays))
    }
}
