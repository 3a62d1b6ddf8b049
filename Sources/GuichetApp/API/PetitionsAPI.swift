import Foundation
import GuichetCore
import HTTPServer

/// Petitions: the public list and page, signing online, and signing at the desk (staff).
struct PetitionsAPI: Sendable {
    let workflow: CaseWorkflow
    let authenticator: Authenticator

    func register(in router: inout RouterBuilder) {
        router.get("/api/v1/petitions") { request in try list(request) }
        router.get("/api/v1/petitions/{reference}") { request in
            try .json(workflow.petition(request.parameter("reference") ?? ""))
        }
        router.post("/api/v1/petitions/{reference}/signatures") { request in try signOnline(request) }
        router.post("/api/v1/cases/{reference}/signatures") { request in
            let user = try authenticator.require(request)
            let body: SignatureRequest = try request.decodeJSON()
            return try receipt(workflow.sign(request.parameter("reference") ?? "", body, user: user))
        }
    }

    private func list(_ request: Request) throws -> Response {
        let query = try request.query
        var limit = 50
        if let text = query["limit"] {
            guard let value = Int(text), (1...200).contains(value) else {
                throw Problems.invalidField("limit", code: "out_of_range", "limit must be between 1 and 200")
            }
            limit = value
        }
        let status = query["status"]
        if let status, CaseStatus(rawValue: status) == nil { throw Problems.invalidField("status", "unknown status") }
        return try .json(
            workflow.petitions(office: query["office"], status: status, limit: limit, cursor: query["cursor"]))
    }

    private func signOnline(_ request: Request) throws -> Response {
        let body: SignatureRequest = try request.decodeJSON()
        return try receipt(
            workflow.signOnline(request.parameter("reference") ?? "", body, client: request.remoteAddress))
    }

    private func receipt(_ receipt: SignatureReceipt) throws -> Response {
        var response = try Response.json(receipt, status: .created)
        response.headers.add("Cache-Control", "no-store")
        return response
    }
}
