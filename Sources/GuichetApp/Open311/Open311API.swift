import Foundation
import GuichetCore
import HTTPServer
import Postgres

/// The Open311 GeoReport v2 facade (docs/OPEN311.md): service discovery, the service list and
/// definitions, the public list of requests and one request, and filing a request with an API key.
/// Answers in XML (the required format) or JSON, chosen by the path's extension; errors use the
/// specification's `errors` document instead of problem+json.
struct Open311API: Sendable {
    let workflow: CaseWorkflow
    /// Filings per client key and hour.
    let filingLimit: RateLimit
    /// The discovery document's `contact`.
    let contact: String
    /// `test` in the discovery document when the server runs on a test clock, else `production`.
    let isTest: Bool
    /// Where unexpected errors go (the router's own logging never sees them: they are answered here).
    let log: @Sendable (String) -> Void

    static let specification = "http://wiki.open311.org/GeoReport_v2"
    /// The most `GET requests` returns, and the default window, as the specification sets them.
    static let maxRequests = 1000
    static let defaultWindow: TimeInterval = 90 * 86_400

    func register(in router: inout RouterBuilder) {
        for format in Open311Format.allCases {
            router.get("/open311/discovery.\(format.rawValue)") { request in
                answer(format) { try discovery(request, format: format) }
            }
            router.get("/open311/v2/services.\(format.rawValue)") { request in
                answer(format) { try services(request, format: format) }
            }
            router.get("/open311/v2/requests.\(format.rawValue)") { request in
                answer(format) { try requests(request, format: format) }
            }
            router.post("/open311/v2/requests.\(format.rawValue)") { request in
                answer(format) { try Open311Filing(api: self).file(request, format: format) }
            }
        }
        router.get("/open311/v2/services/{file}") { request in
            let (code, format) = Self.named(request.parameter("file"))
            return answer(format) { try definition(code, request: request, format: format) }
        }
        router.get("/open311/v2/requests/{file}") { request in
            let (id, format) = Self.named(request.parameter("file"))
            return answer(format) { try oneRequest(id, request: request, format: format) }
        }
    }

    /// `TUN-2026-000042.json` → the id and its format; without a known extension, the id is nil
    /// and errors come in XML, the format every client must read.
    static func named(_ segment: String?) -> (String?, Open311Format) {
        guard let segment, let (name, format) = Open311Format.split(segment) else { return (nil, .xml) }
        return (name, format)
    }

    /// Runs `body`, turning every refusal into the specification's error document in `format`.
    func answer(_ format: Open311Format, _ body: () throws -> Response) -> Response {
        do {
            var response = try body()
            response.headers.add("Cache-Control", "no-store")
            return response
        } catch let error as Open311Error {
            return format.errors(status: error.status, error.descriptions)
        } catch let error as HTTPError {
            return format.errors(status: error.status, [error.detail], headers: error.headers)
        } catch let error as any HTTPErrorConvertible {
            return format.errors(
                status: error.httpError.status, [error.httpError.detail], headers: error.httpError.headers)
        } catch {
            log("error in Open311 facade: \(error)")
            return format.errors(status: .internalServerError, ["The server could not complete the request."])
        }
    }

    // MARK: Discovery and services

    private func discovery(_ request: Request, format: Open311Format) throws -> Response {
        let changed = try workflow.database.read { connection in
            try Open311RequestStore(connection: connection).catalogueChangedAt()
        }
        let base = workflow.publicBaseURL.value
        let endpoint = Open311Value.object([
            ("specification", .text(Self.specification)),
            ("url", .text(base + "/open311/v2")),
            ("changeset", .instant(changed)),
            ("type", .text(isTest ? "test" : "production")),
            ("formats", .list(item: "format", Open311Format.allCases.map { .text($0.mediaType) })),
        ])
        let document = Open311Value.object([
            ("changeset", .instant(changed)),
            ("contact", .text(contact)),
            (
                "key_service",
                .text("Ask the administrators of this Guichet for an API key: they issue one per client application.")
            ),
            ("endpoints", .list(item: "endpoint", [endpoint])),
        ])
        return format.response(document, root: "discovery")
    }

    private func services(_ request: Request, format: Open311Format) throws -> Response {
        let query = try request.query
        let language = Language.preferred(query: query["lang"], acceptLanguage: request.headers["Accept-Language"])
        let items = try workflow.database.read { connection in
            let office = try jurisdiction(query["jurisdiction_id"], connection: connection)
            let catalogue = CatalogueStore(connection: connection)
            let departments = try catalogue.departments(office: office)
            return try catalogue.services(office: office, kind: nil).filter(\.active).map { service in
                Open311Views.service(
                    service, language: language,
                    departmentName: departments.first { $0.code == service.department }?.name.text(in: language))
            }
        }
        return format.response(.list(item: "service", items), root: "services")
    }

    private func definition(_ code: String?, request: Request, format: Open311Format) throws -> Response {
        let query = try request.query
        let service = try workflow.database.read { connection in
            let office = try jurisdiction(query["jurisdiction_id"], connection: connection)
            return try code.flatMap { try CatalogueStore(connection: connection).service(office: office, code: $0) }
        }
        guard let service, service.active else { throw Open311Error(.notFound, "service_code was not found") }
        return format.response(Open311Views.definition(service), root: "service_definition")
    }

    // MARK: Requests

    private func requests(_ request: Request, format: Open311Format) throws -> Response {
        let query = try request.query
        let language = Language.preferred(query: query["lang"], acceptLanguage: request.headers["Accept-Language"])
        var filter = Open311RequestStore.Filter(limit: Self.maxRequests)
        let ids = Self.commaList(query.values("service_request_id"))
        if !ids.isEmpty {
            guard ids.count <= Self.maxRequests else {
                throw Open311Error(.badRequest, "service_request_id lists at most \(Self.maxRequests) ids")
            }
            filter.references = ids
        } else {
            let codes = Self.commaList(query.values("service_code"))
            if !codes.isEmpty { filter.services = codes }
            let statuses = Self.commaList(query.values("status"))
            if !statuses.isEmpty {
                filter.statuses = try statuses.flatMap { status in
                    guard let mapped = Open311Views.statuses(open311: status) else {
                        throw Open311Error(.badRequest, "status must be open or closed")
                    }
                    return mapped
                }
            }
            let start = try query["start_date"].map { try Self.instant($0, field: "start_date") }
            let end = try query["end_date"].map { try Self.instant($0, field: "end_date") }
            let now = workflow.clock.now()
            switch (start, end) {
            case (nil, nil):
                (filter.receivedFrom, filter.receivedUntil) = (now.addingTimeInterval(-Self.defaultWindow), now)
            case (let start?, nil):
                (filter.receivedFrom, filter.receivedUntil) = (start, start.addingTimeInterval(Self.defaultWindow))
            case (nil, let end?):
                (filter.receivedFrom, filter.receivedUntil) = (end.addingTimeInterval(-Self.defaultWindow), end)
            case (let start?, let end?):
                guard start <= end else { throw Open311Error(.badRequest, "start_date must not be after end_date") }
                (filter.receivedFrom, filter.receivedUntil) = (start, end)
            }
        }
        let rows = try workflow.database.read { connection in
            let office = try jurisdiction(query["jurisdiction_id"], connection: connection)
            return try Open311RequestStore(connection: connection).requests(office: office, filter)
        }
        let items = rows.map { Open311Views.request($0, language: language) }
        return format.response(.list(item: "request", items), root: "service_requests")
    }

    /// One request. Its id names its office, so `jurisdiction_id` may be left out; when given, it
    /// must be that office.
    private func oneRequest(_ id: String?, request: Request, format: Open311Format) throws -> Response {
        let query = try request.query
        let language = Language.preferred(query: query["lang"], acceptLanguage: request.headers["Accept-Language"])
        let notFound = Open311Error(.notFound, "service_request_id was not found")
        guard let id, let reference = CaseReference(parsing: id) else { throw notFound }
        let rows = try workflow.database.read { connection in
            if let given = query["jurisdiction_id"] {
                guard try jurisdiction(given, connection: connection) == reference.office.rawValue else {
                    throw notFound
                }
            }
            return try Open311RequestStore(connection: connection).requests(
                office: reference.office.rawValue, .init(references: [id], limit: 1))
        }
        guard let row = rows.first else { throw notFound }
        return format.response(
            .list(item: "request", [Open311Views.request(row, language: language)]), root: "service_requests")
    }

    // MARK: Parameters

    /// The office a call is about. `jurisdiction_id` is required as soon as there is more than one
    /// office; an unknown one is `404`, as the specification's error list says.
    func jurisdiction(_ given: String?, connection: PostgresConnection) throws -> String {
        if let given, !given.isEmpty {
            // The calendar cache knows the offices (usually without a query).
            guard try workflow.calendars.entry(for: given, connection: connection) != nil else {
                throw Open311Error(.notFound, "jurisdiction_id was not found")
            }
            return given
        }
        let offices = try CatalogueStore(connection: connection).offices()
        guard offices.count == 1, let only = offices.first?.code else {
            throw Open311Error(.badRequest, "jurisdiction_id was not provided")
        }
        return only
    }

    /// Values that may be repeated or comma-separated (`status=open,closed`), without empties.
    static func commaList(_ values: [String]) -> [String] {
        values.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter {
            !$0.isEmpty
        }
    }

    /// A W3C date-time with its zone (`2010-01-01T00:00:00Z`, `…+01:00`, fractions allowed).
    static func instant(_ text: String, field: String) throws -> Date {
        if let date = HTTPServer.JSONCoding.parseDate(text) { return date }
        throw Open311Error(.badRequest, "\(field) must be a date-time such as 2010-01-01T00:00:00Z")
    }
}
