import Foundation
import GuichetCore
import HTTPServer
import Postgres

/// `POST requests`: a client application, known by its API key, files a case for a citizen. The
/// form fields of GeoReport v2 become a ``SubmissionRequest`` that goes through the same intake as
/// `POST /api/v1/cases` (validation, numbering, deadline, timeline), on the `open311` channel.
///
/// The tracking key is not returned: the specification has no field for it and the client is a
/// third party; the citizen follows the request through `GET requests/{id}`, and the office can
/// issue a key at the counter.
struct Open311Filing {
    let api: Open311API
    var workflow: CaseWorkflow { api.workflow }

    /// The specification's limit on `description`.
    static let descriptionLimit = 4000

    func file(_ request: Request, format: Open311Format) throws -> Response {
        let mediaType = request.headers["Content-Type"]?.split(separator: ";").first?
            .trimmingCharacters(in: .whitespaces).lowercased()
        guard mediaType == "application/x-www-form-urlencoded" else {
            throw Open311Error(.badRequest, "Send the request as application/x-www-form-urlencoded")
        }
        let form = try QueryParameters(parsingBytes: request.body)
        guard let key = form["api_key"], !key.isEmpty else {
            throw Open311Error(.forbidden, "api_key was not provided")
        }
        let client = try SecureToken.isWellFormed(key) ? activeClient(key) : nil
        guard let client else {
            throw Open311Error(.forbidden, "Invalid api_key received -- can't proceed with create_request")
        }

        let (office, service): (String, Service) = try workflow.database.read { connection in
            let code = try filingOffice(for: client, given: form["jurisdiction_id"], connection: connection)
            guard let serviceCode = form["service_code"], !serviceCode.isEmpty else {
                throw Open311Error(.badRequest, "service_code was not provided")
            }
            guard let found = try CatalogueStore(connection: connection).service(office: code, code: serviceCode),
                found.active
            else { throw Open311Error(.notFound, "service_code was not found") }
            return (code, found)
        }
        let language = Language.preferred(query: form["lang"], acceptLanguage: request.headers["Accept-Language"])
        let submission = try submission(form, office: office, service: service, language: language)

        let bucket = client.id.uuidString.lowercased()
        let result: SubmissionResponse
        do {
            (result, _) = try workflow.database.counted(
                workflow.limits.open311Filings, client: bucket, now: workflow.clock.now()
            ) {
                try workflow.submit(
                    submission, rawBody: request.body, user: nil, idempotencyKey: nil,
                    integration: IntegrationFiling(channel: .open311, client: bucket))
            }
        } catch {
            throw Self.translate(error)
        }
        let created = Open311Value.object([
            ("service_request_id", .text(result.reference)),
            ("service_notice", .text(Self.notice(result, language: language))),
            ("account_id", .text(nil)),
        ])
        var response = format.response(.list(item: "request", [created]), root: "service_requests", status: .created)
        response.headers.add("Location", "/open311/v2/requests/\(result.reference).\(format.rawValue)")
        return response
    }

    private func activeClient(_ key: String) throws -> Open311ClientStore.Client? {
        try workflow.database.read { connection in
            try Open311ClientStore(connection: connection).activeClient(keyHash: SecureToken.hash(key))
        }
    }

    /// A client held to one office files there (`jurisdiction_id` may be left out); naming another
    /// office is `403`. Other clients name the office as every call does.
    private func filingOffice(
        for client: Open311ClientStore.Client, given: String?, connection: PostgresConnection
    ) throws -> String {
        guard let restricted = client.office else { return try api.jurisdiction(given, connection: connection) }
        if let given, !given.isEmpty, given != restricted {
            _ = try api.jurisdiction(given, connection: connection)
            throw Open311Error(.forbidden, "This api_key may not file requests with this jurisdiction_id")
        }
        return restricted
    }

    /// The form as Guichet's submission. The name is `first_name last_name`; the subject is the
    /// description's first line. A location (`address_string`, `address_id`, `lat`/`long`) and a
    /// `media_url` are appended to the description, which only staff read — except for petitions,
    /// whose text is public: there a location is not kept, as it could be a home.
    func submission(_ form: QueryParameters, office: String, service: Service, language: String) throws
        -> SubmissionRequest
    {
        var problems: [String] = []
        let text = (form["description"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if text.unicodeScalars.count > Self.descriptionLimit {
            problems.append("description: at most \(Self.descriptionLimit) characters")
        }
        var location: [String] = []
        if let address = Self.nonEmpty(form["address_string"]) {
            if address.unicodeScalars.count > 500 { problems.append("address_string: at most 500 characters") }
            location.append("address_string: \(address)")
        }
        if let addressID = Self.nonEmpty(form["address_id"]) {
            if addressID.unicodeScalars.count > 100 { problems.append("address_id: at most 100 characters") }
            location.append("address_id: \(addressID)")
        }
        switch (Self.nonEmpty(form["lat"]), Self.nonEmpty(form["long"])) {
        case (nil, nil): break
        case (let lat?, let long?):
            if let latitude = Double(lat), let longitude = Double(long), (-90...90).contains(latitude),
                (-180...180).contains(longitude)
            {
                location.append("lat/long: \(latitude), \(longitude)")
            } else {
                problems.append("lat, long: WGS84 degrees, -90 to 90 and -180 to 180")
            }
        default: problems.append("lat, long: give both or neither")
        }
        if let media = Self.nonEmpty(form["media_url"]) {
            let lower = media.lowercased()
            if media.unicodeScalars.count > 500 || !(lower.hasPrefix("https://") || lower.hasPrefix("http://")) {
                problems.append("media_url: an http or https URL of at most 500 characters")
            }
            location.append("media_url: \(media)")
        }
        guard problems.isEmpty else { throw Open311Error(.badRequest, descriptions: problems) }

        var description = text
        if service.kind != .petition && !location.isEmpty {
            description += (description.isEmpty ? "" : "\n\n") + "[Open311]\n" + location.joined(separator: "\n")
        }
        let name = [form["first_name"], form["last_name"]].compactMap(Self.nonEmpty).joined(separator: " ")
        return SubmissionRequest(
            office: office, service: service.code, subject: Self.subject(text),
            description: text.isEmpty ? nil : description,
            applicant: CaseDraft.Applicant(
                name: name.isEmpty ? nil : name, phone: Self.nonEmpty(form["phone"]),
                email: Self.nonEmpty(form["email"])),
            channel: nil, receivedAt: nil, language: language)
    }

    /// The first line of the description, cut to the subject's limit.
    static func subject(_ description: String) -> String? {
        guard let line = description.split(whereSeparator: \.isNewline).first.map(String.init) else { return nil }
        let limit = CaseValidation.Limits.subject
        guard line.unicodeScalars.count > limit else { return line }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: line.unicodeScalars.prefix(limit - 1))
        return String(scalars).trimmingCharacters(in: .whitespaces) + "…"
    }

    static func nonEmpty(_ value: String?) -> String? {
        guard let trimmed = value?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else { return nil }
        return trimmed
    }

    /// Guichet's field names as the form's (`applicant.email` → `email`). The subject is taken from
    /// the description, so its problems are the description's own and are not repeated.
    static let fieldNames = [
        "applicant.name": "first_name, last_name", "applicant.email": "email", "applicant.phone": "phone",
        "description": "description",
    ]

    /// The intake's refusals in the specification's terms: invalid fields are `400` (one error per
    /// field, named as in the form), an unknown service `404`.
    static func translate(_ error: any Error) -> any Error {
        guard let problem = error as? HTTPError else { return error }
        switch problem.code {
        case ValidationError.code:
            guard case .array(let issues)? = problem.extensions["errors"] else {
                return Open311Error(.badRequest, problem.detail)
            }
            // One error per form field.
            var descriptions: [String] = []
            var seen: Set<String> = []
            for case .object(let members) in issues {
                var field = "", message = ""
                for (key, value) in members {
                    if key == "field", case .string(let text) = value { field = text }
                    if key == "message", case .string(let text) = value { message = text }
                }
                guard field != "subject" else { continue }
                let name = fieldNames[field] ?? field
                if seen.insert(name).inserted { descriptions.append("\(name): \(message)") }
            }
            return Open311Error(.badRequest, descriptions: descriptions)
        case "unknown_service": return Open311Error(.notFound, "service_code was not found")
        case "unknown_office": return Open311Error(.notFound, "jurisdiction_id was not found")
        default: return problem
        }
    }

    /// What the office will do: the reference and, when the clock runs, the date an answer is due.
    static func notice(_ result: SubmissionResponse, language: String) -> String {
        let reference = result.reference
        guard let due = result.deadlineDate else {
            return switch language {
            case "ar": "سُجّل الطلب تحت عدد \(reference)."
            case "en": "Registered as \(reference)."
            default: "Enregistré sous le numéro \(reference)."
            }
        }
        return switch language {
        case "ar": "سُجّل الطلب تحت عدد \(reference)؛ الرد في أجل أقصاه \(due)."
        case "en": "Registered as \(reference); an answer is due by \(due)."
        default: "Enregistré sous le numéro \(reference) ; réponse due au plus tard le \(due)."
        }
    }
}
