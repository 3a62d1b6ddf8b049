import Foundation
import TestSupport
import XCTest

/// Static files through the real binary and a real socket: traversal with encoded dots and
/// symlinks, types, ETag/304, gzip with Vary, HEAD.
final class StaticFilesOverSocketTests: XCTestCase {
    var database: TestDatabase!
    var server: ServerProcess!
    var publicDirectory: URL!
    var outside: URL!

    override func setUpWithError() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("guichet-static-\(UUID().uuidString)")
        publicDirectory = base.appendingPathComponent("Public")
        outside = base.appendingPathComponent("outside")
        try FileManager.default.createDirectory(at: publicDirectory.appendingPathComponent("css"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try Data("secret".utf8).write(to: outside.appendingPathComponent("secret.txt"))
        try Data(("<!doctype html><title>t</title>" + String(repeating: "<p>guichet</p>", count: 200)).utf8)
            .write(to: publicDirectory.appendingPathComponent("index.html"))
        try Data(String(repeating: "body{color:#000}\n", count: 200).utf8)
            .write(to: publicDirectory.appendingPathComponent("css/site.css"))
        try FileManager.default.createSymbolicLink(
            at: publicDirectory.appendingPathComponent("escape"), withDestinationURL: outside)
        try FileManager.default.createSymbolicLink(
            at: publicDirectory.appendingPathComponent("leak.txt"), withDestinationURL: outside.appendingPathComponent("secret.txt"))
        // The pages need their translations wherever the public folder is.
        try FileManager.default.copyItem(
            atPath: ServerProcess.root + "/Public/i18n", toPath: publicDirectory.appendingPathComponent("i18n").path)
        database = try TestDatabase()
        server = try ServerProcess(databaseURL: database.url, arguments: ["--public-dir", publicDirectory.path])
    }

    override func tearDownWithError() throws {
        server?.stop()
        try database?.drop()
        try? FileManager.default.removeItem(at: publicDirectory.deletingLastPathComponent())
    }

    func testTraversalAttemptsNeverLeaveThePublicFolder() throws {
        let attempts = [
            "/../outside/secret.txt", "/%2e%2e/outside/secret.txt", "/%2E%2E%2Foutside%2Fsecret.txt",
            "/css/..%2f..%2foutside/secret.txt", "/css/%2e%2e/%2e%2e/outside/secret.txt", "/escape/secret.txt",
            "/leak.txt", "/%252e%252e/outside/secret.txt", "/css/..\\..\\outside\\secret.txt",
        ]
        for path in attempts {
            let response = try server.get(path)
            XCTAssertTrue([400, 404].contains(response.status), "\(path) → \(response.status)")
            XCTAssertFalse(response.text.contains("secret"), path)
        }
        XCTAssertEqual(try server.get("/%00").status, 400)
    }

    func testTypesETagAndNotModified() throws {
        let page = try server.get("/")
        XCTAssertEqual(page.status, 200)
        XCTAssertEqual(page.header("Content-Type"), "text/html; charset=utf-8")
        let css = try server.get("/css/site.css")
        XCTAssertEqual(css.header("Content-Type"), "text/css; charset=utf-8")
        let etag = try XCTUnwrap(css.header("ETag"))
        let again = try server.get("/css/site.css", headers: ["If-None-Match: \(etag)"])
        XCTAssertEqual(again.status, 304)
        XCTAssertTrue(again.body.isEmpty)
    }

    func testGzipWhenAcceptedWithVary() throws {
        let plain = try server.get("/css/site.css")
        let zipped = try server.get("/css/site.css", headers: ["Accept-Encoding: gzip, deflate"])
        XCTAssertEqual(zipped.header("Content-Encoding"), "gzip")
        XCTAssertEqual(zipped.header("Vary"), "Accept-Encoding")
        XCTAssertEqual(plain.header("Vary"), "Accept-Encoding")
        XCTAssertNil(plain.header("Content-Encoding"))
        XCTAssertLessThan(zipped.body.count, plain.body.count / 4)
        XCTAssertEqual(Array(zipped.body.prefix(2)), [0x1f, 0x8b], "gzip magic")
    }

    func testHeadSendsGetHeadersWithoutBody() throws {
        let client = try server.client()
        client.send("HEAD /css/site.css HTTP/1.1\r\nHost: x\r\n\r\n" + RawHTTPClient.get("/healthz"))
        let head = try client.readResponse(head: true)
        XCTAssertEqual(head.header("Content-Length"), String(17 * 200))
        XCTAssertEqual(try client.readResponse().text, "ok", "HEAD response carried a body")
    }
}
