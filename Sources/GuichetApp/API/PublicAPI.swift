import Foundation
import GuichetCore
import HTTPServer
import Postgres

/// The public endpoints: the service guide, filing a case, tracking it, and rating the answer.
struct PublicAPI: Sendable {
    let workflow: CaseWorkflow
    let authenticator: Authenticator

    func register(in router: inout RouterBuilder) {
        router.get("/api/v1/offices") { _ in try offices() }
        router.get("/api/v1/services") { request in try services(request) }
        router.post("/api/v1/cases") { request in try submit(request) }
        router.get("/api/v1/track/{reference}", execution: .evented(startTracking)) { request in try track(request) }
        router.post("/api/v1/track/{reference}/feedback") { request in try feedback(request) }
    }

    struct OfficeView: Codable {
        var code: String
        var name: Trilingual
        var timezone: String
        var weekendDays: [Int]
        var petitionThreshold: Int
        var departments: [Department]
    }

    private func offices() throws -> Response {
        let views = try workflow.database.read { connection in
            let store = CatalogueStore(connection: connection)
            return try store.offices().map { office in
                OfficeView(
                    code: office.code, name: office.name, timezone: office.timezone, weekendDays: office.weekendDays,
                    petitionThreshold: office.petitionThreshold, departments: try store.departments(office: office.code)
                )
            }
        }
        return try .json(["items": views])
    }

    private func services(_ request: Request) throws -> Response {
        let query = try request.query
        let kind = query["kind"]
        if let kind, CaseKind(rawValue: kind) == nil { throw Problems.invalidField("kind", "unknown kind") }
        let services = try workflow.database.read { connection in
            try CatalogueStore(connection: connection).services(office: query["office"], kind: kind)
        }
        return try .json(["items": services])
    }

    private func submit(_ request: Request) throws -> Response {
        let user = try authenticator.user(for: request)
        let body: SubmissionRequest = try request.decodeJSON()
        let key = request.headers["Idempotency-Key"]
        if let key, key.isEmpty || key.utf8.count > 200 {
            throw Problems.invalidField("Idempotency-Key", "the key must be 1 to 200 characters")
        }
        // Anonymous filings are counted before the work, atomically; a replayed retry or a refused
        // submission gives its attempt back.
        let file = { try workflow.submit(body, rawBody: request.body, user: user, idempotencyKey: key) }
        let (result, replayed) =
            try user == nil
            ? workflow.database.counted(
                workflow.limits.filings, client: request.remoteAddress, now: workflow.clock.now(),
                givesBack: { $0.replayed }, file)
            : file()
        var response = try Response.json(result, status: .created)
        response.headers.add("Location", "/api/v1/cases/\(result.reference)")
        response.headers.add("Cache-Control", "no-store")
        if replayed { response.headers.add("Idempotent-Replayed", "true") }
        return response
    }

    /// What a tracking look-up asks: the reference, the key (header, or `?key=`), the language.
    private static func trackingInput(_ request: Request) throws -> (reference: String, key: String?, language: String)
    {
        let query = try request.query
        return (
            request.parameter("reference") ?? "", request.headers["X-Tracking-Key"] ?? query["key"],
            Language.preferred(query: query["lang"], acceptLanguage: request.headers["Accept-Language"])
        )
    }

    private func track(_ request: Request) throws -> Response {
        let input = try Self.trackingInput(request)
        do {
            let view = try workflow.track(
                reference: input.reference, key: input.key, client: request.remoteAddress, language: input.language)
            return Self.trackingResponse(view)
        } catch let error as HTTPError {
            return Self.trackingResponse(error)
        }
    }

    /// The look-up's common case on the event loop, without a worker: one statement sent from the
    /// loop, answered there. Whatever it cannot settle alone goes to `track` on a worker, which
    /// answers it in full: a malformed reference or key, a calendar not in memory, no idle database
    /// connection, a wrong reference or key (failures are counted there), any error.
    private func startTracking(_ request: Request, _ reply: EventedReply) {
        guard let input = try? Self.trackingInput(request),
            let plan = workflow.planTracking(
                reference: input.reference, key: input.key, client: request.remoteAddress, language: input.language)
        else { return reply.decline() }
        workflow.database.query(onLoop: plan.query, reply: reply) { [workflow] rows in
            do {
                guard let view = try workflow.finishTracking(plan, rows: rows) else { return reply.decline() }
                reply.respond(Self.trackingResponse(view))
            } catch let error as HTTPError {
                reply.respond(Self.trackingResponse(error))
            } catch {
                reply.decline()
            }
        }
    }

    private static func trackingResponse(_ view: TrackingView) -> Response {
        privately(.json(bytes: view.jsonBytes()))
    }

    private static func trackingResponse(_ error: HTTPError) -> Response {
        privately(error.response)
    }

    /// The key may sit in the URL: keep it out of Referer headers and out of every cache.
    private static func privately(_ response: Response) -> Response {
        var response = response
        response.headers.add("Referrer-Policy", "no-referrer")
        response.headers.add("Cache-Control", "no-store")
        return response
    }

    struct FeedbackRequest: Decodable {
        var key: String?
        var rating: Int
        var comment: String?
    }

    private func feedback(_ request: Request) throws -> Response {
        let reference = request.parameter("reference") ?? ""
        let body: FeedbackRequest = try request.decodeJSON()
        let key = body.key ?? request.headers["X-Tracking-Key"]
        try workflow.recordFeedback(
            reference: reference, key: key, rating: body.rating, comment: body.comment, client: request.remoteAddress)
        var response = Response(status: .noContent)
        response.headers.add("Cache-Control", "no-store")
        return response
    }
}
