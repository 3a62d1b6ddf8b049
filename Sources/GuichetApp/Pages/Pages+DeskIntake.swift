import Foundation
import GuichetCore
import HTTPServer

extension Pages {
    /// `GET /desk/new?q=…&service=…`: register a walk-in case with the keyboard alone. The service
    /// search narrows the list (a plain GET without JavaScript, live filtering with it); the chosen
    /// service's documents become a checklist of what the citizen handed in.
    func deskNew(_ request: Request, error: String? = nil) throws -> Response {
        try desk(request) {
            let session = try deskSession(request)
            let c = context(request)
            let t = c.t
            let query = try request.query
            let values = (try? request.formBody()).map(FilingForm.init) ?? FilingForm()
            guard let office = session.user.office, let (_, services, _) = try catalogue(office: office) else {
                return try notFound(request)
            }
            let q = query["q"] ?? ""
            let active = services.filter { $0.active && Self.matches($0, q) }
            let chosenCode =
                values.service.isEmpty
                ? (query["service"] ?? (active.count == 1 ? active[0].code : "")) : values.service
            let chosen = services.first { $0.code == chosenCode }
            let options = active.map { service -> HTML in
                "<option value=\"\(service.code)\"\(HTML.selected(service.code == chosenCode))>\(service.name.text(in: t.language))</option>"
            }
            let checklist: HTML
            if let chosen, !chosen.requiredDocuments.isEmpty {
                let boxes = chosen.requiredDocuments.enumerated().map { index, document -> HTML in
                    """
                    <li><input type="checkbox" id="doc-\(index)" name="handed" value="\(index)">\
                    <label for="doc-\(index)">\(document.text(in: t.language))</label></li>
                    """
                }
                checklist =
                    "<fieldset><legend>\(t("desk.documents"))</legend><ul class=\"checklist\">\(boxes)</ul></fieldset>"
            } else {
                checklist = "<p class=\"hint\">\(t("desk.choose_service_for_documents"))</p>"
            }
            let channels = ["desk", "phone", "mail", "email"].map { channel -> HTML in
                "<option value=\"\(channel)\">\(t.code("channel.", channel))</option>"
            }
            let alert: HTML = error.map { Self.alert($0) } ?? .empty
            let focusName: HTML = chosen != nil ? " autofocus" : ""
            let focusSearch: HTML = chosen == nil ? " autofocus" : ""
            let content: HTML = """
                <h1>\(t("desk.new_title"))</h1>
                \(alert)
                <form method="get" action="/desk/new" class="search" role="search">
                <label for="q">\(t("desk.service_search"))</label>
                <div class="row"><input id="q" name="q" type="search" value="\(q)" autocomplete="off"\(focusSearch) \
                data-filter="service">
                <button type="submit">\(t("guide.search"))</button></div>
                </form>
                <form method="post" action="/desk/cases" class="stack" id="intake">
                <input type="hidden" name="csrf" value="\(session.csrf)">
                <input type="hidden" name="idempotency" value="\(values.idempotency)">
                <label for="service">\(t("field.service"))</label>
                <select id="service" name="service" required data-reload="/desk/new">\
                <option value="">\(t("field.choose"))</option>\(options)</select>
                <noscript><p class="hint">\(t("desk.noscript_service"))</p></noscript>
                \(checklist)
                <label for="name">\(t("field.name"))</label>
                <input id="name" name="name" required maxlength="200" value="\(values.name)"\(focusName)>
                <label for="national_id">\(t("field.national_id")) <span class="hint">\(t("field.optional"))</span></label>
                <input id="national_id" name="national_id" maxlength="20" value="\(values.nationalId)">
                <label for="phone">\(t("field.phone")) <span class="hint">\(t("field.optional"))</span></label>
                <input id="phone" name="phone" type="tel" maxlength="30" value="\(values.phone)">
                <label for="subject">\(t("field.subject"))</label>
                <input id="subject" name="subject" required maxlength="200" value="\(values.subject)">
                <label for="channel">\(t("field.channel"))</label>
                <select id="channel" name="channel">\(channels)</select>
                <button type="submit">\(t("desk.register"))</button>
                </form>
                """
            return c.layout.response(
                c.layout.page(
                    title: t("desk.new_title"), request: request, staff: session.staff, scripts: ["/js/desk.js"],
                    content: content),
                status: error == nil ? .ok : .unprocessableContent, request: request, private: true)
        }
    }

    /// `POST /desk/cases`: files the walk-in case as the agent (channel desk, phone, mail or
    /// email), records the missing documents as a public note, and opens the receipt.
    func deskRegister(_ request: Request) throws -> Response {
        try desk(request) {
            let form = try request.formBody()
            let session = try deskSession(request, form: form)
            let values = FilingForm(form)
            let t = context(request).t
            let office = session.user.office ?? ""
            let submission = SubmissionRequest(
                office: office, service: values.service, subject: values.subject,
                description: values.description.isEmpty ? values.subject : values.description,
                applicant: values.applicant(), channel: form["channel"] ?? "desk", receivedAt: nil, language: t.language
            )
            do {
                let (result, _) = try workflow.submit(
                    submission, rawBody: Array("desk|\(values.service)|\(values.subject)|\(values.name)".utf8),
                    user: session.user, idempotencyKey: "desk-" + values.idempotency)
                let documents =
                    try workflow.database.read { connection in
                        try CatalogueStore(connection: connection).service(office: office, code: values.service)
                    }?.requiredDocuments ?? []
                let handed = Set(form.values("handed").compactMap(Int.init))
                let missing = documents.indices.filter { !handed.contains($0) }
                if !missing.isEmpty {
                    let names = missing.map { documents[$0].text(in: t.language) }.joined(
                        separator: t("list.separator"))
                    _ = try? workflow.addNote(
                        result.reference, CaseWorkflow.Note(text: t("desk.missing_note", names), public: true),
                        user: session.user)
                }
                return PageLayout.redirect(
                    HTML.url(
                        "/receipt",
                        [
                            ("reference", result.reference), ("key", result.trackingKey),
                            ("missing", missing.map(String.init).joined(separator: ",")),
                        ]), noReferrer: true)
            } catch let error as HTTPError {
                return try deskNew(request, error: Self.message(for: error, t))
            }
        }
    }
}
