import Foundation
import GuichetCore
import HTTPServer

extension Pages {
    /// `GET /petitions?office=TUN`: the public petitions, newest first, each with its progress
    /// towards the office's threshold. Never the author, never a signer.
    func petitions(_ request: Request) throws -> Response {
        let c = context(request)
        let t = c.t
        let query = try request.query
        let office = query["office"].flatMap { $0.isEmpty ? nil : $0 }
        let page = try workflow.petitions(office: office, status: nil, limit: 50, cursor: query["cursor"])
        let offices = try workflow.database.read { connection in try CatalogueStore(connection: connection).offices() }
        let officeNames = Dictionary(
            offices.map { ($0.code, $0.name.text(in: t.language)) }, uniquingKeysWith: { a, _ in a })
        let items = page.items.map { petition -> HTML in
            """
            <li class="card petition"><h2><a href="/petitions/\(petition.reference)">\(petition.subject)</a></h2>\
            <p class="hint"><span dir="ltr">\(petition.reference)</span> · \(officeNames[petition.office] ?? petition.office) · \
            <strong class="status" data-status="\(petition.status)">\(t.code("status.", petition.status))</strong></p>\
            \(Self.progress(petition, t))</li>
            """
        }
        let filter = offices.map { item -> HTML in
            "<option value=\"\(item.code)\"\(HTML.selected(item.code == office))>\(item.name.text(in: t.language))</option>"
        }
        let more: HTML =
            page.nextCursor.map {
                "<p><a href=\"\(HTML.url("/petitions", [("office", office), ("cursor", $0)]))\">\(t("petitions.more"))</a></p>"
            } ?? .empty
        let content: HTML = """
            <h1>\(t("petitions.title"))</h1>
            <p class="lead">\(t("petitions.lead"))</p>
            <form method="get" action="/petitions" class="search">
            <label for="office">\(t("field.office"))</label>
            <div class="row"><select id="office" name="office"><option value="">\(t("petitions.all_offices"))</option>\(filter)</select>
            <button type="submit">\(t("petitions.filter"))</button></div>
            </form>
            \(items.isEmpty ? Self.alert(t("petitions.none"), kind: "info") : "<ul class=\"cards\">\(items)</ul>")
            \(more)
            """
        return c.layout.response(
            c.layout.page(title: t("petitions.title"), request: request, content: content), request: request)
    }

    /// `GET /petitions/{reference}`: one petition — what it asks, its progress, its deadline once
    /// received, its public timeline — and the signing form while it collects signatures.
    func petitionPage(_ request: Request) throws -> Response {
        let c = context(request)
        let t = c.t
        let petition: PetitionView
        do {
            petition = try workflow.petition(request.parameter("reference") ?? "")
        } catch let error as HTTPError where error.status == .notFound {
            return try notFound(request)
        }
        let office = try catalogue(office: petition.office)?.0
        let dates = PageDates(language: t.language, timezone: office?.timezone ?? "UTC")
        var notice: HTML = .empty
        if let signed = try request.query["signed"] {
            notice =
                signed == "thanks"
                ? Self.alert(t("petitions.signed"), kind: "success")
                : Self.alert(t.code("error.", signed, fallback: "error.generic"))
        }
        // The collection ends as its last day ends: show that day, not the midnight after it.
        let lastDay = PageDates.localDate(
            petition.collectionEndsAt.addingTimeInterval(-1), timezone: office?.timezone ?? "UTC")
        let deadline: HTML =
            petition.deadlineDate.map {
                "<div><dt>\(t("field.deadline"))</dt><dd><strong>\(dates.date($0))</strong></dd></div>"
            } ?? .empty
        let events = Self.timelineItems(petition.timeline ?? [], dates: dates, t: t)
        let form: HTML =
            petition.status == CaseStatus.collectingSignatures.rawValue
            ? """
            <section class="card" aria-labelledby="sign-title">
            <h2 id="sign-title">\(t("petitions.sign_title"))</h2>
            <p class="hint">\(t("petitions.sign_privacy"))</p>
            <form method="post" action="/petitions/\(petition.reference)/sign" class="stack narrow">
            <label for="name">\(t("field.name"))</label>
            <input id="name" name="name" required maxlength="200" autocomplete="name">
            <label for="national_id">\(t("field.national_id"))</label>
            <input id="national_id" name="national_id" required maxlength="12" autocomplete="off" dir="ltr" spellcheck="false">
            <button type="submit">\(t("petitions.sign"))</button>
            </form></section>
            """ : .empty
        let description: HTML = petition.description.map { "<p class=\"petition-text\">\($0)</p>" } ?? .empty
        let content: HTML = """
            <p><a href="\(HTML.url("/petitions", [("office", petition.office)]))">\(t("petitions.back"))</a></p>
            <h1>\(petition.subject)</h1>
            \(notice)
            \(description)
            <dl class="facts">
            <div><dt>\(t("field.reference"))</dt><dd dir="ltr">\(petition.reference)</dd></div>
            <div><dt>\(t("field.service"))</dt><dd>\(petition.serviceName?.text(in: t.language) ?? petition.service)</dd></div>
            <div><dt>\(t("field.status"))</dt><dd><strong class="status" data-status="\(petition.status)">\(t.code("status.", petition.status))</strong></dd></div>
            <div><dt>\(t("field.submitted"))</dt><dd>\(dates.instant(petition.submittedAt))</dd></div>
            <div><dt>\(t("petitions.collection_ends"))</dt><dd>\(dates.date(lastDay))</dd></div>
            \(deadline)
            </dl>
            \(Self.progress(petition, t))
            \(form)
            <h2>\(t("track.timeline"))</h2>
            <ol class="timeline">\(events)</ol>
            """
        return c.layout.response(
            c.layout.page(title: petition.subject, request: request, content: content), request: request,
            private: true)
    }

    /// `POST /petitions/{reference}/sign`: signs online (the API's rule and limit), then back to
    /// the petition with a notice. The identity number never appears in the redirect.
    func signPetition(_ request: Request) throws -> Response {
        guard let reference = request.parameter("reference"), CaseReference(parsing: reference) != nil else {
            return try notFound(request)
        }
        let form = try request.formBody()
        var notice = "thanks"
        do {
            _ = try workflow.signOnline(
                reference, SignatureRequest(name: form["name"], nationalId: form["national_id"]),
                client: request.remoteAddress)
        } catch let error as HTTPError {
            if error.status == .notFound { return try notFound(request) }
            notice = error.code
        }
        return PageLayout.redirect(HTML.url("/petitions/" + reference, [("signed", notice)]))
    }

    /// The signature count against the threshold, as a native `<progress>` with the figures in text.
    static func progress(_ petition: PetitionView, _ t: Localizer) -> HTML {
        let value = min(petition.signatures, petition.threshold)
        return """
            <p class="progress"><progress max="\(petition.threshold)" value="\(value)"></progress> \
            \(t("petitions.progress", String(petition.signatures), String(petition.threshold)))</p>
            """
    }
}
