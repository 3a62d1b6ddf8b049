import Foundation
import XCTest

@testable import HTTPServer

final class StaticFileHandlerTests: XCTestCase {
    private var tree: StaticTree!
    private var handler: StaticFileHandler!

    override func setUpWithError() throws {
        tree = try StaticTree.make()
        handler = try StaticFileHandler(root: tree.root)
    }

    override func tearDown() {
        tree?.remove()
    }

    private func get(
        _ path: String, method: HTTPMethod = .get, headers: [(String, String)] = []
    ) -> Response {
        var fields: HeaderFields = ["Host": "example.test"]
        for (name, value) in headers { fields.add(name, value) }
        return handler.respond(to: makeRoutedRequest(method, path, headers: fields))
    }

    private func file(_ relative: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: tree.root + "/" + relative)))
    }

    func testServesFilesWithTheirTypes() throws {
        let table: [(path: String, file: String, type: String)] = [
            ("/", "index.html", "text/html; charset=utf-8"),
            ("/index.html", "index.html", "text/html; charset=utf-8"),
            ("/css/site.css", "css/site.css", "text/css; charset=utf-8"),
            ("/small.txt", "small.txt", "text/plain; charset=utf-8"),
            ("/img/logo.png", "img/logo.png", "image/png"),
            ("/sub/", "sub/index.html", "text/html; charset=utf-8"),
            ("/sub", "sub/index.html", "text/html; charset=utf-8"),
            ("//css//site.css", "css/site.css", "text/css; charset=utf-8"),
            ("/css/site%2Ecss", "css/site.css", "text/css; charset=utf-8"),
            ("/index.html?v=3", "index.html", "text/html; charset=utf-8"),
            ("/.well-known/security.txt", ".well-known/security.txt", "text/plain; charset=utf-8"),
        ]
        for row in table {
            let response = get(row.path)
            XCTAssertEqual(response.status, .ok, row.path)
            XCTAssertEqual(response.headers["Content-Type"], row.type, row.path)
            XCTAssertEqual(response.headers["X-Content-Type-Options"], "nosniff", row.path)
            XCTAssertEqual(response.bodyBytes, try file(row.file), row.path)
        }
    }

    func testTraversalAttemptsNeverEscape() {
        let table: [(label: String, path: String, status: HTTPStatus)] = [
            ("plain dot-dot", "/../etc/passwd", .notFound),
            ("dot-dot to a sibling", "/../outside/secret.txt", .notFound),
            ("encoded dots", "/%2e%2e/outside/secret.txt", .notFound),
            ("encoded dots and slash", "/%2E%2E%2Foutside%2Fsecret.txt", .notFound),
            ("dot-dot encoded slash", "/..%2foutside/secret.txt", .notFound),
            ("mixed", "/.%2e/outside/secret.txt", .notFound),
            ("climb after a segment", "/a/../../outside/secret.txt", .notFound),
            ("climb to root dir", "/a/../../", .notFound),
            ("single dot", "/./index.html", .notFound),
            ("backslash", "/..\\outside\\secret.txt", .notFound),
            ("encoded backslash", "/..%5coutside%5csecret.txt", .notFound),
            ("encoded NUL", "/%00", .badRequest),
            ("NUL before an extension", "/index.html%00.txt", .badRequest),
            ("bad escape", "/%zz", .badRequest),
            ("overlong UTF-8 dot", "/%C0%AE%C0%AE/outside/secret.txt", .badRequest),
            ("double-encoded dots stay literal", "/%252e%252e/outside/secret.txt", .notFound),
            ("dotfile", "/.env", .notFound),
            ("encoded dotfile", "/%2eenv", .notFound),
            ("absolute symlink out", "/escape.txt", .notFound),
            ("directory symlink out", "/escape-dir/secret.txt", .notFound),
            ("sibling with the root as prefix", "/old/secret.txt", .notFound),
            ("missing file", "/nope.html", .notFound),
            ("directory without index", "/empty/", .notFound),
            ("absolute path in target", "//etc/passwd", .notFound),
            ("not origin-form", "http://evil.test/etc/passwd", .notFound),
        ]
        for row in table {
            let response = get(row.path)
            XCTAssertEqual(response.status, row.status, row.label)
            XCTAssertFalse(bodyText(response).contains(StaticTree.secret), row.label)
            XCTAssertFalse(bodyText(response).contains(tree.base), "reveals the root: \(row.label)")
        }
    }

    func testDoubleEncodingIsDecodedOnlyOnce() throws {
        // A directory literally named `%2e%2e` is reachable as `%252e%252e`: decoded once, never twice.
        let response = get("/%252e%252e/literal.txt")
        XCTAssertEqual(response.status, .ok)
        XCTAssertEqual(bodyText(response), "literal percent directory")
    }

    func testSymlinksInsideTheRootAreServed() throws {
        for path in ["/alias.css", "/sub/up.css"] {
            let response = get(path)
            XCTAssertEqual(response.status, .ok, path)
            XCTAssertEqual(response.bodyBytes, try file("css/site.css"), path)
            XCTAssertEqual(response.headers["Content-Type"], "text/css; charset=utf-8", path)
        }
    }

    func testOnlyGetAndHead() {
        let response = get("/index.html", method: .post)
        XCTAssertEqual(response.status, .methodNotAllowed)
        XCTAssertEqual(response.headers["Allow"], "GET, HEAD")
    }

    func testETagAnd304() throws {
        try tree.touch("css/site.css", seconds: 1_795_424_400)
        let first = get("/css/site.css")
        let etag = try XCTUnwrap(first.headers["ETag"])
        XCTAssertTrue(etag.hasPrefix("W/\""))
        XCTAssertEqual(first.headers["Last-Modified"], "Mon, 23 Nov 2026 09:00:00 GMT")
        XCTAssertEqual(first.headers["Cache-Control"], "public, max-age=3600")
        XCTAssertEqual(get("/").headers["Cache-Control"], "no-cache")

        let table: [(label: String, ifNoneMatch: String, status: HTTPStatus)] = [
            ("same tag", etag, .notModified),
            ("strong form of the weak tag", String(etag.dropFirst(2)), .notModified),
            ("in a list", "\"other\", \(etag)", .notModified),
            ("star", "*", .notModified),
            ("other tag", "W/\"nope\"", .ok),
        ]
        for row in table {
            for method in [HTTPMethod.get, .head] {
                let response = get("/css/site.css", method: method, headers: [("If-None-Match", row.ifNoneMatch)])
                XCTAssertEqual(response.status, row.status, row.label)
                if row.status == .notModified {
                    XCTAssertTrue(response.bodyBytes.isEmpty, row.label)
                    XCTAssertEqual(response.headers["ETag"], etag, row.label)
                    XCTAssertEqual(response.headers["Vary"], "Accept-Encoding", row.label)
                }
            }
        }

        // A changed file gets a new tag, so the old one no longer matches.
        try tree.touch("css/site.css", seconds: 1_795_424_401)
        let changed = get("/css/site.css", headers: [("If-None-Match", etag)])
        XCTAssertEqual(changed.status, .ok)
        XCTAssertNotEqual(changed.headers["ETag"], etag)
    }

    func testGzipRoundTrip() throws {
        let original = try file("css/site.css")
        let response = get("/css/site.css", headers: [("Accept-Encoding", "gzip, deflate, br")])
        XCTAssertEqual(response.status, .ok)
        XCTAssertEqual(response.headers["Content-Encoding"], "gzip")
        XCTAssertEqual(response.headers["Vary"], "Accept-Encoding")
        XCTAssertLessThan(response.bodyBytes.count, original.count)
        XCTAssertEqual(Array(response.bodyBytes.prefix(2)), [0x1F, 0x8B])
        XCTAssertEqual(try gunzip(response.bodyBytes), original)

        // Served again from the cache: the same bytes.
        XCTAssertEqual(get("/css/site.css", headers: [("Accept-Encoding", "gzip")]).bodyBytes, response.bodyBytes)
        // Arabic HTML too.
        let page = get("/", headers: [("Accept-Encoding", "gzip")])
        XCTAssertEqual(try gunzip(page.bodyBytes), try file("index.html"))
    }

    func testGzipNegotiation() {
        let table: [(label: String, path: String, acceptEncoding: String?, gzipped: Bool, vary: Bool)] = [
            ("no header", "/css/site.css", nil, false, true),
            ("gzip", "/css/site.css", "gzip", true, true),
            ("case and q", "/css/site.css", "GZIP;q=0.5", true, true),
            ("x-gzip", "/css/site.css", "x-gzip", true, true),
            ("refused", "/css/site.css", "gzip;q=0", false, true),
            ("refused with spaces", "/css/site.css", "br, gzip ; q=0", false, true),
            ("wildcard", "/css/site.css", "br, *;q=0.1", true, true),
            ("wildcard but gzip refused", "/css/site.css", "gzip;q=0, *", false, true),
            ("identity only", "/css/site.css", "identity", false, true),
            ("small file", "/small.txt", "gzip", false, true),
            ("incompressible type", "/img/logo.png", "gzip", false, false),
        ]
        for row in table {
            let headers = row.acceptEncoding.map { [("Accept-Encoding", $0)] } ?? []
            let response = get(row.path, headers: headers)
            XCTAssertEqual(response.status, .ok, row.label)
            XCTAssertEqual(response.headers["Content-Encoding"] == "gzip", row.gzipped, row.label)
            XCTAssertEqual(response.headers["Vary"] == "Accept-Encoding", row.vary, row.label)
        }
    }

    /// The handler answers HEAD like GET; the connection sends the headers (so the GET length) and
    /// drops the bytes — checked over a socket in GuichetAppTests.
    func testHeadHasTheSameHeadersAsGet() {
        for encoding in ["gzip", "identity"] {
            let get = self.get("/css/site.css", headers: [("Accept-Encoding", encoding)])
            let head = self.get("/css/site.css", method: .head, headers: [("Accept-Encoding", encoding)])
            XCTAssertEqual(head.status, .ok)
            XCTAssertEqual(head.bodyBytes.count, get.bodyBytes.count)
            XCTAssertEqual(head.headers.fields, get.headers.fields, encoding)
        }
    }

    func testEditedFileIsPickedUpDespiteTheCache() throws {
        XCTAssertEqual(bodyText(get("/small.txt")), "hello")
        try Data("hello, world".utf8).write(to: URL(fileURLWithPath: tree.root + "/small.txt"))
        try tree.touch("small.txt", seconds: 2_000_000_000)
        XCTAssertEqual(bodyText(get("/small.txt")), "hello, world")
    }

    func testWorksThroughTheRouterCatchAll() throws {
        var builder = RouterBuilder()
        let handler = self.handler!
        builder.get("/api/v1/offices", reply("offices"))
        builder.get("/{path...}") { request in handler.respond(to: request) }
        let router = try builder.build()
        XCTAssertEqual(router.handle(makeRoutedRequest(.get, "/css/site.css")).status, .ok)
        XCTAssertEqual(router.handle(makeRoutedRequest(.get, "/")).status, .ok)
        XCTAssertEqual(bodyText(router.handle(makeRoutedRequest(.get, "/api/v1/offices"))), "offices")
        XCTAssertEqual(router.handle(makeRoutedRequest(.get, "/%2e%2e/outside/secret.txt")).status, .notFound)
        XCTAssertEqual(router.handle(makeRoutedRequest(.get, "/%00")).status, .badRequest)
        let head = router.handle(makeRoutedRequest(.head, "/css/site.css"))
        XCTAssertEqual(head.status, .ok)
    }

    func testRootMustBeADirectory() {
        XCTAssertThrowsError(try StaticFileHandler(root: tree.base + "/missing")) { error in
            XCTAssertEqual((error as? StaticFileError)?.systemError?.call, "realpath")
        }
        XCTAssertThrowsError(try StaticFileHandler(root: tree.root + "/small.txt")) { error in
            XCTAssertNotNil(error as? StaticFileError)
            XCTAssertNil((error as? StaticFileError)?.systemError)
        }
    }

    func testRootGivenThroughASymlinkStillServes() throws {
        let link = tree.base + "/public-link"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: tree.root)
        let viaLink = try StaticFileHandler(root: link)
        XCTAssertEqual(viaLink.root, handler.root)
        XCTAssertEqual(viaLink.respond(to: makeRoutedRequest(.get, "/small.txt")).status, .ok)
        XCTAssertEqual(viaLink.respond(to: makeRoutedRequest(.get, "/escape.txt")).status, .notFound)
    }
}
