import Foundation
import HTTPServer
import XCTest

@testable import GuichetApp

/// docs/openapi.yaml is the API reference clients and test generators rely on, so it must list
/// exactly the routes the server registers: a route added without documentation, or documentation
/// left behind by a removed route, fails here. Needs no database: the pool connects lazily and
/// building the router runs no query.
final class OpenAPIRoutesTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func testEveryRouteIsDocumentedAndEveryDocumentedOperationExists() throws {
        let registered = try Self.registeredOperations()
        let yaml = try String(contentsOf: Self.root.appendingPathComponent("docs/openapi.yaml"), encoding: .utf8)
        let documented = try Self.documentedOperations(yaml)

        XCTAssertFalse(registered.isEmpty, "the router lists no routes")
        let undocumented = registered.subtracting(documented).sorted()
        let phantom = documented.subtracting(registered).sorted()
        XCTAssertTrue(
            undocumented.isEmpty,
            "routes the server registers but docs/openapi.yaml does not describe: \(undocumented)")
        XCTAssertTrue(
            phantom.isEmpty, "operations docs/openapi.yaml describes but the server does not register: \(phantom)")
    }

    /// The parser must see the shapes it relies on, else a broken parse could pass vacuously.
    func testParserReadsPathsAndMethodsAtTheirIndentation() throws {
        let yaml = """
            openapi: 3.1.0
            paths:
              /a/{x}:
                get:
                  responses: {}
                parameters: []
                delete:
                  summary: x
              /b:
                post:
                  description: |
                    get:
                      not an operation
            components:
              schemas:
                X:
                  get:
                    type: string
            """
        XCTAssertEqual(try Self.documentedOperations(yaml), ["GET /a/{x}", "DELETE /a/{x}", "POST /b"])
        XCTAssertThrowsError(try Self.documentedOperations("openapi: 3.1.0\npaths: {}\n"))
    }

    /// "METHOD /pattern" for every route of the application as `guichet serve --test-clock` builds
    /// it (the test-clock routes exist only then). HEAD is answered by GET routes, never registered
    /// apart; a catch-all `{name...}` is written `{name}` in OpenAPI, which has no such syntax.
    static func registeredOperations() throws -> Set<String> {
        var configuration = AppConfiguration()
        configuration.databaseURL = "postgresql://unused.invalid/never-connected"
        configuration.testClock = true
        configuration.accessLog = false
        configuration.publicDirectory = root.appendingPathComponent("Public").path
        let application = Application(configuration: configuration, log: { _ in })
        defer { application.shutdown() }
        let router = try application.makeRouter(secret: Array(repeating: 7, count: 32), publicBaseURL: PublicBaseURL())
        var operations: Set<String> = []
        for (method, pattern) in router.allRoutes where method != .head && isMachineInterface(pattern) {
            let path = pattern.replacingOccurrences(of: "...}", with: "}")
            let (inserted, _) = operations.insert("\(method) \(path)")
            XCTAssertTrue(inserted, "registered twice: \(method) \(path)")
        }
        return operations
    }

    /// The JSON API, the operations endpoints and the static files are described by OpenAPI; the
    /// HTML pages (`/guide`, `/track`, `/desk/…`) are not an API and are listed in the README.
    static func isMachineInterface(_ pattern: String) -> Bool {
        pattern.hasPrefix("/api/") || ["/healthz", "/readyz", "/metrics", "/{path...}"].contains(pattern)
    }

    /// "METHOD /path" for every operation of an OpenAPI document, read without a YAML library.
    ///
    /// Assumes the layout docs/openapi.yaml keeps: a top-level `paths:` line; each path at exactly
    /// two spaces of indentation, starting with `/`, ending with `:` (optionally quoted); each
    /// operation a method key (`get:`, `post:`, …) at exactly four spaces under its path. Other
    /// keys at four spaces (`parameters:`, `summary:`) are ignored; the section ends at the next
    /// line with no indentation. Flow style (`paths: {…}`), anchors for whole path items and other
    /// indentations are not understood: throws when it finds no path, so a changed layout fails
    /// loudly instead of comparing against nothing.
    static func documentedOperations(_ yaml: String) throws -> Set<String> {
        let methods: Set<String> = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]
        var operations: Set<String> = []
        var inPaths = false
        var currentPath: String?
        var pathCount = 0
        for rawLine in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let indent = line.prefix { $0 == " " }.count
            if indent == 0 {
                inPaths = line.hasPrefix("paths:") && trimmed == "paths:"
                currentPath = nil
                continue
            }
            guard inPaths else { continue }
            if indent == 2 {
                var key = trimmed
                guard key.hasSuffix(":") else {
                    throw ParseError("a line at two spaces under paths: is not a `/path:` key: \(trimmed)")
                }
                key.removeLast()
                if key.count >= 2, let first = key.first, first == "\"" || first == "'", key.last == first {
                    key = String(key.dropFirst().dropLast())
                }
                guard key.hasPrefix("/") else {
                    throw ParseError("a key at two spaces under paths: is not a path: \(key)")
                }
                currentPath = key
                pathCount += 1
            } else if indent == 4, let currentPath, trimmed.hasSuffix(":") {
                let key = String(trimmed.dropLast())
                if methods.contains(key) {
                    let (inserted, _) = operations.insert("\(key.uppercased()) \(currentPath)")
                    if !inserted { throw ParseError("documented twice: \(key.uppercased()) \(currentPath)") }
                }
            }
        }
        guard pathCount > 0, !operations.isEmpty else {
            throw ParseError(
                "found no paths/operations: expected `paths:` then `  /path:` then `    get:` (2 and 4 spaces)")
        }
        return operations
    }

    struct ParseError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
