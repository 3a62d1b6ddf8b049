import Foundation
import GuichetCore
import HTTPServer
import Postgres

/// The staff endpoints on cases. Every one checks the caller's office: another office's case is
/// `404`, exactly as if it did not exist.
struct StaffCasesAPI: Sendable {
    let workflow: CaseWorkflow
    let authenticator: Authenticator

    func register(in router: inout RouterBuilder) {
        router.get("/api/v1/cases") { request in
            let user = try authenticator.require(request)
            return try .json(workflow.list(CaseListQuery(request.query), user: user))
        }
        router.get("/api/v1/cases/{reference}") { request in
            let user = try authenticator.require(request)
            return try noStore(.json(workflow.view(reference(request), user: user)))
        }
        router.post("/api/v1/cases/{reference}/status") { request in
            let user = try authenticator.require(request)
            let change: CaseWorkflow.StatusChange = try request.decodeJSON()
            return try updated(workflow.changeStatus(reference(request), change, user: user), user: user)
        }
        router.post("/api/v1/cases/{reference}/notes") { request in
            let user = try authenticator.require(request)
            let note: CaseWorkflow.Note = try request.decodeJSON()
            return try updated(workflow.addNote(reference(request), note, user: user), user: user, status: .created)
        }
        router.post("/api/v1/cases/{reference}/assign") { request in
            let user = try authenticator.require(request)
            let assignment: CaseWorkflow.Assignment = try request.decodeJSON()
            return try updated(workflow.assign(reference(request), assignment, user: user), user: user)
        }
        router.post("/api/v1/cases/{reference}/extension") { request in
            let user = try authenticator.require(request)
            let extensionRequest: CaseWorkflow.ExtensionRequest = try request.decodeJSON()
            return try updated(workflow.extend(reference(request), extensionRequest, user: user), user: user)
        }
        router.post("/api/v1/cases/{reference}/tracking-key") { request in
            let user = try authenticator.require(request)
            let key = try workflow.reissueKey(reference(request), user: user)
            return try noStore(.json(["tracking_key": key], status: .created))
        }
    }

    private func reference(_ request: Request) -> String { request.parameter("reference") ?? "" }

    private func updated(_ record: CaseRecord, user: StaffUser, status: HTTPStatus = .ok) throws -> Response {
        let view = try workflow.database.read { connection in
            try workflow.view(record, connection: connection, now: workflow.clock.now(), withTimeline: true)
        }
        return try noStore(.json(view, status: status))
    }

    private func noStore(_ response: Response) -> Response {
        var response = response
        response.headers.add("Cache-Control", "no-store")
        return response
    }
}
