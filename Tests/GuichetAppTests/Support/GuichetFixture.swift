import Foundation
import GuichetApp
import TestSupport
import XCTest

/// A running Guichet (the real binary) on a fresh database seeded with the demo catalogue and
/// accounts, plus a small JSON client. One per test class, or per test where state matters.
final class GuichetFixture: @unchecked Sendable {
    let database: TestDatabase
    let server: ServerProcess
    let accounts: [String: String]
    /// Where requests go: the server's own port, or a proxy in front of it (nginx).
    let entryPort: Int

    /// Generous limits so tests are not throttled; rate-limit tests pass their own.
    static let relaxedLimits = [
        "--filing-limit", "100000", "--tracking-failure-limit", "100000", "--login-failure-limit", "100000",
    ]

    init(testClock: Bool = true, limits: [String] = GuichetFixture.relaxedLimits, extraArguments: [String] = []) throws
    {
        database = try TestDatabase()
        let app = Database(url: database.url, size: 1, checkoutTimeout: .seconds(10))
        _ = try app.migrate(directory: ServerProcess.root + "/Migrations")
        let seeded = try DemoSeeder.seed(app)
        app.pool.close()
        var accounts: [String: String] = [:]
        for account in seeded { accounts[account.username] = account.password }
        self.accounts = accounts
        server = try ServerProcess(
            databaseURL: database.url, arguments: (testClock ? ["--test-clock"] : []) + limits + extraArguments)
        entryPort = server.port
    }

    /// A second handle on another server process sharing `database` (multi-instance tests); with
    /// `entryPort`, requests go there (a proxy in front of the instances) instead of to `server`.
    init(attachingTo server: ServerProcess, database: TestDatabase, accounts: [String: String], entryPort: Int? = nil) {
        self.server = server
        self.database = database
        self.accounts = accounts
        self.entryPort = entryPort ?? server.port
    }

    func stop() {
        server.stop()
        try? database.drop()
    }

    /// A JSON response.
    struct Reply {
        let status: Int
        let headers: [(name: String, value: String)]
        let body: [UInt8]

        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:] }
        var text: String { String(decoding: body, as: UTF8.self) }
        var code: String? { json["code"] as? String }
        func header(_ name: String) -> String? { headers.first { $0.name.lowercased() == name.lowercased() }?.value }
        subscript(key: String) -> Any? { json[key] }
    }

    /// Sends one request on a new connection.
    @discardableResult
    func request(
        _ method: String, _ path: String, json: Any? = nil, rawBody: String? = nil,
        form: KeyValuePairs<String, String>? = nil, token: String? = nil, headers: [String: String] = [:]
    ) throws -> Reply {
        var body: [UInt8] = []
        var lines = ["\(method) \(path) HTTP/1.1", "Host: 127.0.0.1:\(entryPort)", "Connection: close"]
        if let form {
            // What a browser posts from a page's form.
            var allowed = CharacterSet.alphanumerics
            allowed.insert(charactersIn: "-._~")
            let encoded = form.map { name, value in
                "\(name)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
            }
            body = Array(encoded.joined(separator: "&").utf8)
            lines.append("Content-Type: application/x-www-form-urlencoded")
        } else if let json {
            body = Array(try JSONSerialization.data(withJSONObject: json))
            lines.append("Content-Type: application/json")
        } else if let rawBody {
            body = Array(rawBody.utf8)
            lines.append("Content-Type: application/json")
        }
        if let token { lines.append("Authorization: Bearer \(token)") }
        for (name, value) in headers { lines.append("\(name): \(value)") }
        if !body.isEmpty || ["POST", "PUT", "PATCH"].contains(method) { lines.append("Content-Length: \(body.count)") }
        let client = try RawHTTPClient(port: entryPort)
        client.send(Array((lines.joined(separator: "\r\n") + "\r\n\r\n").utf8) + body)
        let response = try client.readResponse(head: method == "HEAD")
        return Reply(status: response.status, headers: response.headers, body: response.body)
    }

    /// Signs in and returns the bearer token.
    func signIn(_ username: String) throws -> String {
        let reply = try request(
            "POST", "/api/v1/session", json: ["username": username, "password": accounts[username] ?? ""])
        guard reply.status == 201, let token = reply["token"] as? String else {
            throw FixtureError(description: "sign-in of \(username) failed: \(reply.text)")
        }
        return token
    }

    /// Sets the server's test clock (signing the administrator in afresh: a session older than
    /// the jump may have expired on the simulated clock) and returns the sweeper's counts.
    @discardableResult
    func setClock(_ instant: String) throws -> Reply {
        let admin = try signIn("admin")
        let reply = try request("PUT", "/api/v1/test/clock", json: ["now": instant], token: admin)
        guard reply.status == 200 else { throw FixtureError(description: "clock: \(reply.text)") }
        return reply
    }

    /// Creates a service through the admin API (for deadline tests with chosen delays).
    func createService(
        office: String = "TUN", code: String, kind: String = "application", responseDays: Int, extensionDays: Int = 2
    ) throws {
        let admin = try signIn("admin")
        let reply = try request(
            "POST", "/api/v1/admin/services",
            json: [
                "office": office, "code": code, "kind": kind, "department": "etat-civil",
                "name": ["ar": "خدمة", "fr": "Service \(code)", "en": "Service \(code)"],
                "response_days": responseDays, "extension_days": extensionDays,
                "fee": ["amount": "0", "currency": "TND"],
            ], token: admin)
        guard reply.status == 201 else { throw FixtureError(description: "service: \(reply.text)") }
    }

    /// Changes a case's status as `username`.
    @discardableResult
    func changeStatus(_ reference: String, to status: String, as username: String = "tun.agent", message: String? = nil)
        throws -> Reply
    {
        let token = try signIn(username)
        var body: [String: Any] = ["status": status]
        if let message { body["public_message"] = message }
        return try request("POST", "/api/v1/cases/\(reference)/status", json: body, token: token)
    }

    /// The staff view of a case.
    func view(_ reference: String, as username: String = "tun.agent") throws -> Reply {
        try request("GET", "/api/v1/cases/\(reference)", token: try signIn(username))
    }

    /// Files a case and returns (reference, key).
    func file(
        office: String = "TUN", service: String = "birth-certificate", token: String? = nil,
        extra: [String: Any] = [:], headers: [String: String] = [:]
    ) throws -> (reference: String, key: String) {
        var body: [String: Any] = [
            "office": office, "service": service, "subject": "Extrait de naissance",
            "description": "Pour un dossier scolaire",
            "applicant": ["name": "Amira Ben Salah", "phone": "+216 71 000 000"],
        ]
        for (key, value) in extra { body[key] = value }
        let reply = try request("POST", "/api/v1/cases", json: body, token: token, headers: headers)
        guard reply.status == 201, let reference = reply["reference"] as? String,
            let key = reply["tracking_key"] as? String
        else { throw FixtureError(description: "filing failed: \(reply.text)") }
        return (reference, key)
    }

    struct FixtureError: Error, CustomStringConvertible {
        let description: String
    }
}
