import XCTest

@testable import HTTPServer

final class RouterTests: XCTestCase {
    private func makeRouter() throws -> Router {
        var builder = RouterBuilder()
        builder.get("/", reply("root"))
        builder.get("/api/v1/offices", reply("offices"))
        builder.post("/api/v1/cases", reply("create"))
        builder.get("/api/v1/cases/{reference}", reply("case"))
        builder.post("/api/v1/cases/{reference}/status", reply("status"))
        builder.get("/api/v1/cases/export", reply("export"))
        builder.get("/api/v1/track/{reference}") { request in
            Response.text("track \(request.parameter("reference") ?? "-") \(request.routePattern ?? "-")")
        }
        builder.patch("/api/v1/admin/services/{office}/{code}") { request in
            Response.text("\(request.parameter("office") ?? "-")/\(request.parameter("code") ?? "-")")
        }
        builder.add(.get, "/healthz", execution: .inline, reply("ok"))
        builder.get("/static/{path...}") { request in Response.text("static:\(request.parameter("path") ?? "-")") }
        builder.get("/a/b/c", reply("abc"))
        builder.get("/a/{x}/d", reply("axd"))
        return try builder.build()
    }

    private func found(_ match: RouteMatch, file: StaticString = #filePath, line: UInt = #line)
        -> (parameters: [String: String], pattern: String, execution: HandlerExecution)?
    {
        guard case .found(_, let execution, let parameters, let pattern) = match else {
            XCTFail("expected a match, got \(match)", file: file, line: line)
            return nil
        }
        return (parameters, pattern, execution)
    }

    func testMatchesLiteralAndParameterRoutes() throws {
        let router = try makeRouter()
        let table: [(label: String, method: HTTPMethod, path: String, pattern: String, parameters: [String: String])] = [
            ("root", .get, "/", "/", [:]),
            ("literal", .get, "/api/v1/offices", "/api/v1/offices", [:]),
            ("post literal", .post, "/api/v1/cases", "/api/v1/cases", [:]),
            ("parameter", .get, "/api/v1/cases/TUN-2026-000042", "/api/v1/cases/{reference}", ["reference": "TUN-2026-000042"]),
            ("literal beats parameter", .get, "/api/v1/cases/export", "/api/v1/cases/export", [:]),
            ("nested", .post, "/api/v1/cases/X1/status", "/api/v1/cases/{reference}/status", ["reference": "X1"]),
            ("two parameters", .patch, "/api/v1/admin/services/TUN/permit", "/api/v1/admin/services/{office}/{code}",
             ["office": "TUN", "code": "permit"]),
            ("catch-all", .get, "/static/css/site.css", "/static/{path...}", ["path": "css/site.css"]),
            ("catch-all empty", .get, "/static", "/static/{path...}", ["path": ""]),
            ("backtracks from literal", .get, "/a/b/d", "/a/{x}/d", ["x": "b"]),
            ("literal path wins", .get, "/a/b/c", "/a/b/c", [:]),
        ]
        for row in table {
            let match = router.match(method: row.method, path: row.path)
            guard let result = found(match) else { XCTFail(row.label); continue }
            XCTAssertEqual(result.pattern, row.pattern, row.label)
            XCTAssertEqual(result.parameters, row.parameters, row.label)
        }
    }

    /// A path without parameters is found by one hash of the raw path; everything else must still
    /// take the tree search and answer as before.
    func testTheLiteralShortcutAgreesWithTheTreeSearch() throws {
        var builder = RouterBuilder()
        builder.get("/healthz", reply("ok"))
        builder.post("/{path...}", reply("upload"))
        let router = try builder.build()
        XCTAssertEqual(found(router.match(method: .get, path: "/healthz"))?.pattern, "/healthz")
        XCTAssertEqual(found(router.match(method: .head, path: "/healthz"))?.pattern, "/healthz", "HEAD answered by GET")
        XCTAssertEqual(
            found(router.match(method: .post, path: "/healthz"))?.pattern, "/{path...}",
            "another method falls through to the catch-all")
        XCTAssertEqual(
            found(router.match(method: .get, path: "/heal%74hz"))?.pattern, "/healthz",
            "an escaped literal is decoded by the full search")
        guard case .methodNotAllowed(let allowed) = router.match(method: .get, path: "/healthz/") else {
            return XCTFail("a trailing slash is another path, which only the POST catch-all takes")
        }
        XCTAssertEqual(allowed, [.post])
    }

    func testNotFound() throws {
        let router = try makeRouter()
        for path in ["/nope", "/api/v1/offices/", "/api/v1/cases/", "/api/v1//offices", "", "*", "http://x/", "/a/b"] {
            guard case .notFound = router.match(method: .get, path: path) else {
                XCTFail("\(path) should be 404")
                continue
            }
        }
    }

    func testExecutionIsCarried() throws {
        let router = try makeRouter()
        guard case .inline? = found(router.match(method: .get, path: "/healthz"))?.execution else {
            return XCTFail("/healthz should run inline")
        }
        guard case .blocking? = found(router.match(method: .get, path: "/api/v1/offices"))?.execution else {
            return XCTFail("/api/v1/offices should run on the worker pool")
        }
    }

    func testParametersArePercentDecodedOnce() throws {
        let router = try makeRouter()
        let table: [(String, String)] = [
            ("/api/v1/track/TUN%2D2026", "TUN-2026"),
            ("/api/v1/track/caf%C3%A9", "café"),
            ("/api/v1/track/a%2Fb", "a/b"),
            ("/api/v1/track/%252e", "%2e"),
            ("/api/v1/track/a+b", "a+b"),
        ]
        for (path, expected) in table {
            XCTAssertEqual(found(router.match(method: .get, path: path))?.parameters["reference"], expected, path)
        }
        // Literal segments compare with the decoded text.
        XCTAssertEqual(found(router.match(method: .get, path: "/api/v%31/offices"))?.pattern, "/api/v1/offices")
    }

    func testInvalidEncodingIsRejected() throws {
        let router = try makeRouter()
        let table: [(String, PercentDecodingError.Reason)] = [
            ("/api/v1/track/%00", .nulByte),
            ("/api/v1/track/a%zz", .invalidEscape),
            ("/api/v1/track/a%4", .invalidEscape),
            ("/api/v1/track/%C3%28", .invalidUTF8),
            ("/api/v1/track/%FF", .invalidUTF8),
        ]
        for (path, reason) in table {
            guard case .invalidPath(let error) = router.match(method: .get, path: path) else {
                XCTFail("\(path) should be refused")
                continue
            }
            XCTAssertEqual(error.reason, reason, path)
        }
        let response = router.handle(makeRoutedRequest(.get, "/api/v1/track/%00"))
        XCTAssertEqual(response.status, .badRequest)
        XCTAssertEqual(problem(response)["code"] as? String, "invalid_path")
    }

    func testMethodNotAllowedListsAllowedMethods() throws {
        let router = try makeRouter()
        guard case .methodNotAllowed(let allowed) = router.match(method: .delete, path: "/api/v1/cases/X") else {
            return XCTFail("expected 405")
        }
        XCTAssertEqual(allowed, [.get, .head])
        guard case .methodNotAllowed(let onlyPost) = router.match(method: .get, path: "/api/v1/cases") else {
            return XCTFail("expected 405")
        }
        XCTAssertEqual(onlyPost, [.post])

        let response = router.handle(makeRoutedRequest(.put, "/api/v1/offices"))
        XCTAssertEqual(response.status, .methodNotAllowed)
        XCTAssertEqual(response.headers["Allow"], "GET, HEAD")
        XCTAssertEqual(response.headers["Content-Type"], "application/problem+json")
        XCTAssertEqual(problem(response)["code"] as? String, "method_not_allowed")
    }

    func testNotFoundProblem() throws {
        let response = try makeRouter().handle(makeRoutedRequest(.get, "/missing?key=secret"))
        XCTAssertEqual(response.status, .notFound)
        XCTAssertEqual(problem(response)["code"] as? String, "not_found")
        XCTAssertFalse(bodyText(response).contains("secret"))
    }

    func testHeadFallsBackToGet() throws {
        let router = try makeRouter()
        XCTAssertEqual(found(router.match(method: .head, path: "/api/v1/offices"))?.pattern, "/api/v1/offices")
        let response = router.handle(makeRoutedRequest(.head, "/api/v1/offices"))
        XCTAssertEqual(response.status, .ok)
        XCTAssertEqual(response.headers["Content-Type"], "text/plain; charset=utf-8")
        XCTAssertFalse(response.bodyBytes.isEmpty, "the connection, not the router, drops HEAD bodies")
        // HEAD does not fall back to POST.
        guard case .methodNotAllowed = router.match(method: .head, path: "/api/v1/cases") else {
            return XCTFail("expected 405")
        }
    }

    func testExplicitHeadRouteWins() throws {
        var builder = RouterBuilder()
        builder.get("/x", reply("get"))
        builder.add(.head, "/x") { _ in Response(status: .noContent) }
        let router = try builder.build()
        XCTAssertEqual(router.handle(makeRoutedRequest(.head, "/x")).status, .noContent)
    }

    func testHandleSetsParametersAndPattern() throws {
        let router = try makeRouter()
        let response = router.handle(makeRoutedRequest(.get, "/api/v1/track/TUN%2D1?key=abc"))
        XCTAssertEqual(bodyText(response), "track TUN-1 /api/v1/track/{reference}")
    }

    func testHTTPErrorBecomesItsProblem() throws {
        var builder = RouterBuilder()
        builder.get("/conflict") { _ in
            throw HTTPError(.conflict, code: "invalid_transition", detail: "A closed case cannot be reopened.")
        }
        let response = try builder.build().handle(makeRoutedRequest(.get, "/conflict"))
        XCTAssertEqual(response.status, .conflict)
        let body = problem(response)
        XCTAssertEqual(body["code"] as? String, "invalid_transition")
        XCTAssertEqual(body["status"] as? Int, 409)
        XCTAssertEqual(body["detail"] as? String, "A closed case cannot be reopened.")
    }

    func testOtherErrorsBecomeA500ThatHidesThem() throws {
        struct DatabaseExploded: Error, CustomStringConvertible {
            var description: String { "password=hunter2 at db.internal" }
        }
        let reported = Reported()
        var builder = RouterBuilder()
        builder.onUnexpectedError = { error, pattern in reported.record("\(error) @ \(pattern)") }
        builder.get("/boom/{id}") { _ in throw DatabaseExploded() }
        let response = try builder.build().handle(makeRoutedRequest(.get, "/boom/1"))
        XCTAssertEqual(response.status, .internalServerError)
        XCTAssertEqual(problem(response)["code"] as? String, "internal_error")
        XCTAssertFalse(bodyText(response).contains("hunter2"))
        XCTAssertFalse(bodyText(response).contains("DatabaseExploded"))
        XCTAssertEqual(reported.values, ["password=hunter2 at db.internal @ /boom/{id}"])
    }

    func testAllRoutesInRegistrationOrder() throws {
        var builder = RouterBuilder()
        builder.post("/b", reply("b"))
        builder.get("/a/{x}", reply("a"))
        builder.delete("/a/{x}", reply("a"))
        builder.put("/c", reply("c"))
        let routes = try builder.build().allRoutes
        XCTAssertEqual(routes.map { "\($0.0) \($0.1)" }, ["POST /b", "GET /a/{x}", "DELETE /a/{x}", "PUT /c"])
    }

    func testUnknownMethodIs405OnKnownPath() throws {
        let router = try makeRouter()
        guard case .methodNotAllowed(let allowed) = router.match(method: .other("BREW"), path: "/healthz") else {
            return XCTFail("expected 405")
        }
        XCTAssertEqual(allowed, [.get, .head])
    }
}

/// Collects what the error hook reports, safely across threads.
final class Reported: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []

    func record(_ value: String) {
        lock.lock()
        stored.append(value)
        lock.unlock()
    }

    var values: [String] {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
}
