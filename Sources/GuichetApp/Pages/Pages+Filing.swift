import Foundation
import GuichetCore
import HTTPServer

extension Pages {
    /// The values of the filing form, kept when it is shown again with an error.
    struct FilingForm {
        var service = ""
        var subject = ""
        var description = ""
        var name = ""
        var nationalId = ""
        var phone = ""
        var email = ""
        var address = ""
        var idempotency = SecureToken.generate()

        init() {}

        init(_ form: QueryParameters) {
            service = form["service"] ?? ""
            subject = form["subject"] ?? ""
            description = form["description"] ?? ""
            name = form["name"] ?? ""
            nationalId = form["national_id"] ?? ""
            phone = form["phone"] ?? ""
            email = form["email"] ?? ""
            address = form["address"] ?? ""
            idempotency = form["idempotency"].flatMap { $0.isEmpty ? nil : $0 } ?? SecureToken.generate()
        }

        func applicant() -> CaseDraft.Applicant {
            func value(_ text: String) -> String? {
                let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
                return trimmed.isEmpty ? nil : trimmed
            }
            return CaseDraft.Applicant(
                name: value(name), nationalId: value(nationalId), phone: value(phone), email: value(email),
                address: value(address))
        }
    }

    /// `GET /file?office=TUN&service=…`: the online filing form.
    func fileForm(_ request: Request) throws -> Response {
        let query = try request.query
        var form = FilingForm()
        form.service = query["service"] ?? ""
        return try renderFiling(request, office: query["office"] ?? "", form: form, error: nil)
    }

    private func renderFiling(_ request: Request, office code: String, form: FilingForm, error: String?) throws
        -> Response
    {
        let c = context(request)
        let t = c.t
        guard let (office, services, _) = try catalogue(office: code) else { return try notFound(request) }
        let options = services.filter(\.active).map { service -> HTML in
            "<option value=\"\(service.code)\"\(HTML.selected(service.code == form.service))>\(service.name.text(in: t.language))</option>"
        }
        let alert: HTML = error.map { Self.alert($0) } ?? .empty
        let content: HTML = """
            <h1>\(t("file.title"))</h1>
            <p class="lead">\(t("file.lead", office.name.text(in: t.language)))</p>
            \(alert)
            <form method="post" action="/file" class="stack">
            <input type="hidden" name="office" value="\(office.code)">
            <input type="hidden" name="idempotency" value="\(form.idempotency)">
            <label for="service">\(t("field.service"))</label>
            <select id="service" name="service" required><option value="">\(t("field.choose"))</option>\(options)</select>
            <label for="subject">\(t("field.subject"))</label>
            <input id="subject" name="subject" required maxlength="200" value="\(form.subject)">
            <label for="description">\(t("field.description"))</label>
            <textarea id="description" name="description" rows="4" required maxlength="5000">\(form.description)</textarea>
            <fieldset><legend>\(t("file.applicant"))</legend>
            <label for="name">\(t("field.name"))</label>
            <input id="name" name="name" required maxlength="200" autocomplete="name" value="\(form.name)">
            <label for="national_id">\(t("field.national_id")) <span class="hint">\(t("field.optional"))</span></label>
            <input id="national_id" name="national_id" maxlength="20" inputmode="numeric" value="\(form.nationalId)">
            <label for="phone">\(t("field.phone")) <span class="hint">\(t("field.optional"))</span></label>
            <input id="phone" name="phone" type="tel" maxlength="30" autocomplete="tel" value="\(form.phone)">
            <label for="email">\(t("field.email")) <span class="hint">\(t("field.optional"))</span></label>
            <input id="email" name="email" type="email" maxlength="200" autocomplete="email" value="\(form.email)">
            <label for="address">\(t("field.address")) <span class="hint">\(t("field.optional"))</span></label>
            <input id="address" name="address" maxlength="300" autocomplete="street-address" value="\(form.address)">
            </fieldset>
            <p class="hint">\(t("file.privacy"))</p>
            <button type="submit">\(t("file.submit"))</button>
            </form>
            """
        return c.layout.response(
            c.layout.page(title: t("file.title"), request: request, content: content),
            status: error == nil ? .ok : .unprocessableContent, request: request)
    }

    /// `POST /file`: files the case through the same workflow as `POST /api/v1/cases`, then
    /// `303` to the receipt. A resubmitted form (same hidden idempotency key) gives the same case.
    func file(_ request: Request) throws -> Response {
        let form = try request.formBody()
        let values = FilingForm(form)
        let office = form["office"] ?? ""
        let language = PageLanguage.resolve(request).language
        let submission = SubmissionRequest(
            office: office, service: values.service, subject: values.subject, description: values.description,
            applicant: values.applicant(), channel: nil, receivedAt: nil, language: language)
        do {
            let (result, _) = try workflow.database.counted(
                workflow.limits.filings, client: request.remoteAddress, now: workflow.clock.now(),
                givesBack: { $0.replayed }
            ) {
                try workflow.submit(
                    submission,
                    rawBody: Array("page|\(office)|\(values.service)|\(values.subject)|\(values.name)".utf8),
                    user: nil, idempotencyKey: "page-" + values.idempotency)
            }
            return PageLayout.redirect(
                HTML.url(
                    "/receipt", [("reference", result.reference), ("key", result.trackingKey), ("missing", "all")]),
                noReferrer: true)
        } catch let error as HTTPError {
            return try renderFiling(
                request, office: office, form: values, error: Self.message(for: error, context(request).t))
        }
    }
}
