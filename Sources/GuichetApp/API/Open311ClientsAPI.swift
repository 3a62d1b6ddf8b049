import Foundation
import GuichetCore
import HTTPServer
import Postgres

/// The administrators' endpoints for Open311 client applications: issue a key (shown once, stored
/// as its SHA-256), list the clients, revoke a key.
struct Open311ClientsAPI: Sendable {
    let workflow: CaseWorkflow
    let authenticator: Authenticator

    func register(in router: inout RouterBuilder) {
        router.post("/api/v1/admin/open311-clients") { request in try create(request) }
        router.get("/api/v1/admin/open311-clients") { request in try list(request) }
        router.delete("/api/v1/admin/open311-clients/{id}") { request in try revoke(request) }
    }

    struct ClientRequest: Decodable {
        var name: String
        var office: String?
    }

    /// The answer to issuing a key: the only time `api_key` is ever shown.
    struct IssuedClient: Encodable {
        var id: String
        var name: String
        var office: String?
        var apiKey: String
        var createdAt: Date
    }

    struct ClientView: Encodable {
        /// Lower case, as PostgreSQL writes a uuid.
        var id: String
        var name: String
        var office: String?
        var createdBy: String
        var createdAt: Date
        var revokedAt: Date?

        init(_ client: Open311ClientStore.Client) {
            (id, name, office) = (client.id.uuidString.lowercased(), client.name, client.office)
            (createdBy, createdAt, revokedAt) = (client.createdBy, client.createdAt, client.revokedAt)
        }
    }

    private func create(_ request: Request) throws -> Response {
        let admin = try authenticator.require(request, role: .admin)
        let body: ClientRequest = try request.decodeJSON()
        let name = body.name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...100).contains(name.unicodeScalars.count),
            !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else { throw Problems.invalidField("name", "1 to 100 characters, no control characters") }
        let key = SecureToken.generate()
        let now = workflow.clock.now()
        let client = try workflow.database.write { connection in
            if let office = body.office {
                guard try CatalogueStore(connection: connection).office(office) != nil else {
                    throw Problems.unknownOffice()
                }
            }
            return try Open311ClientStore(connection: connection).insert(
                id: UUID(), name: name, office: body.office, keyHash: SecureToken.hash(key),
                createdBy: admin.username, at: now)
        }
        var response = try Response.json(
            IssuedClient(
                id: client.id.uuidString.lowercased(), name: client.name, office: client.office, apiKey: key,
                createdAt: client.createdAt),
            status: .created)
        response.headers.add("Cache-Control", "no-store")
        return response
    }

    private func list(_ request: Request) throws -> Response {
        _ = try authenticator.require(request, role: .admin)
        let clients = try workflow.database.read { connection in try Open311ClientStore(connection: connection).all() }
        return try .json(["items": clients.map(ClientView.init)])
    }

    /// Revoking is final and idempotent: the key stops working at once, on every instance.
    private func revoke(_ request: Request) throws -> Response {
        _ = try authenticator.require(request, role: .admin)
        guard let id = request.parameter("id").flatMap(UUID.init(uuidString:)) else {
            throw Problems.notFound("client")
        }
        let now = workflow.clock.now()
        let revoked = try workflow.database.write { connection in
            try Open311ClientStore(connection: connection).revoke(id: id, at: now)
        }
        guard revoked != nil else { throw Problems.notFound("client") }
        return Response(status: .noContent)
    }
}
