import Foundation
import XCTest

/// Small helpers shared by the staff API tests: timelines, status changes and problem checks.
extension GuichetFixture {
    /// The staff view of a case.
    func staffView(_ reference: String, token: String) throws -> [String: Any] {
        let reply = try request("GET", "/api/v1/cases/\(reference)", token: token)
        guard reply.status == 200 else { throw FixtureError(description: "view of \(reference): \(reply.text)") }
        return reply.json
    }

    /// The staff timeline of a case.
    func timeline(_ reference: String, token: String) throws -> [[String: Any]] {
        try staffView(reference, token: token)["timeline"] as? [[String: Any]] ?? []
    }

    /// The public tracking view of a case.
    func track(_ reference: String, key: String) throws -> Reply {
        try request("GET", "/api/v1/track/\(reference)", headers: ["X-Tracking-Key": key])
    }

    /// Changes a case's status.
    @discardableResult
    func changeStatus(
        _ reference: String, to status: String, message: String? = nil, note: String? = nil, token: String
    ) throws -> Reply {
        var body: [String: Any] = ["status": status]
        if let message { body["public_message"] = message }
        if let note { body["internal_note"] = note }
        return try request("POST", "/api/v1/cases/\(reference)/status", json: body, token: token)
    }

    /// Signs in and returns the whole reply.
    func signInReply(_ username: String, password: String? = nil) throws -> Reply {
        try request("POST", "/api/v1/session", json: ["username": username, "password": password ?? accounts[username] ?? ""])
    }
}

/// Asserts that `reply` is the RFC 9457 problem `status`/`code`.
func XCTAssertProblem(
    _ reply: GuichetFixture.Reply, _ status: Int, _ code: String, _ message: @autoclosure () -> String = "",
    file: StaticString = #filePath, line: UInt = #line
) {
    let context = message()
    XCTAssertEqual(reply.status, status, "\(context): \(reply.text)", file: file, line: line)
    XCTAssertEqual(reply.code, code, "\(context): \(reply.text)", file: file, line: line)
    XCTAssertEqual(
        reply.header("Content-Type"), "application/problem+json", "\(context): not a problem", file: file, line: line)
}
