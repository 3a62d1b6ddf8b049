import XCTest

@testable import HTTPServer

final class MediaTypeTests: XCTestCase {
    func testTypesByExtension() {
        let table: [(String, String, Bool)] = [
            ("/index.html", "text/html; charset=utf-8", true),
            ("/a/site.CSS", "text/css; charset=utf-8", true),
            ("/app.js", "text/javascript; charset=utf-8", true),
            ("/mod.mjs", "text/javascript; charset=utf-8", true),
            ("/i18n/ar.json", "application/json", true),
            ("/app.js.map", "application/json", true),
            ("/site.webmanifest", "application/manifest+json", true),
            ("/logo.svg", "image/svg+xml", true),
            ("/sitemap.xml", "application/xml; charset=utf-8", true),
            ("/robots.txt", "text/plain; charset=utf-8", true),
            ("/favicon.ico", "image/x-icon", true),
            ("/a.png", "image/png", false),
            ("/a.jpg", "image/jpeg", false),
            ("/a.jpeg", "image/jpeg", false),
            ("/a.webp", "image/webp", false),
            ("/f.woff2", "font/woff2", false),
            ("/form.pdf", "application/pdf", false),
            ("/archive.tar.gz", "application/octet-stream", false),
            ("/noextension", "application/octet-stream", false),
            ("/.hidden", "application/octet-stream", false),
            ("/dir.html/file", "application/octet-stream", false),
        ]
        for (path, type, compressible) in table {
            let mediaType = MediaType.forPath(path)
            XCTAssertEqual(mediaType.value, type, path)
            XCTAssertEqual(mediaType.isCompressible, compressible, path)
        }
    }
}

final class GzipTests: XCTestCase {
    func testRoundTrip() throws {
        var generator = SystemRandomNumberGenerator()
        let inputs: [[UInt8]] = [
            [],
            Array("a".utf8),
            Array(String(repeating: "Guichet unique — شباك موحد. ", count: 1000).utf8),
            (0..<100_000).map { _ in UInt8.random(in: 0...255, using: &generator) },  // incompressible: may grow
        ]
        for input in inputs {
            let compressed = try Gzip.compress(input)
            XCTAssertEqual(Array(compressed.prefix(3)), [0x1F, 0x8B, 0x08], "gzip magic and deflate method")
            XCTAssertEqual(try gunzip(compressed), input)
        }
    }

    func testLevels() throws {
        let input = Array(String(repeating: "abcdefgh", count: 10_000).utf8)
        for level: Int32 in [1, 6, 9] {
            XCTAssertEqual(try gunzip(Gzip.compress(input, level: level)), input)
        }
        XCTAssertThrowsError(try Gzip.compress(input, level: 42)) { error in
            XCTAssertEqual((error as? GzipError)?.call, "deflateInit2_")
        }
    }
}

final class FileCacheTests: XCTestCase {
    func testStaysWithinItsBounds() throws {
        let tree = try StaticTree.make([
            "a.txt": Array(repeating: 0x61, count: 3000), "b.txt": Array(repeating: 0x62, count: 3000),
            "c.txt": Array(repeating: 0x63, count: 3000), "big.txt": Array(repeating: 0x64, count: 9000),
        ])
        defer { tree.remove() }
        let cache = FileCache(maxFileBytes: 8000, maxTotalBytes: 7000)
        for name in ["a.txt", "b.txt", "c.txt", "big.txt", "a.txt"] {
            let path = tree.root + "/" + name
            let status = try FileSystem.fileStatus(path)
            let bytes = try cache.bytes(path, status: status)
            XCTAssertEqual(bytes.count, status.size, name)
            _ = cache.gzipped(path, status: status, bytes: bytes)
            XCTAssertLessThanOrEqual(cache.totalBytes, 7000, name)
        }
        XCTAssertGreaterThan(cache.totalBytes, 0)
    }
}

final class FileSystemTests: XCTestCase {
    func testWrappers() throws {
        let tree = try StaticTree.make()
        defer { tree.remove() }
        let real = try FileSystem.realPath(tree.root + "/sub/../alias.css")
        XCTAssertTrue(real.hasSuffix("/Public/css/site.css"), real)
        let status = try FileSystem.fileStatus(real)
        XCTAssertTrue(status.isRegularFile)
        XCTAssertFalse(status.isDirectory)
        XCTAssertEqual(try FileSystem.readFile(real).count, status.size)
        XCTAssertTrue(try FileSystem.fileStatus(tree.root).isDirectory)
        XCTAssertThrowsError(try FileSystem.realPath(tree.root + "/missing")) { error in
            XCTAssertEqual((error as? SystemError)?.call, "realpath")
            XCTAssertEqual((error as? SystemError)?.meansFileUnavailable, true)
        }
        XCTAssertThrowsError(try FileSystem.readFile(real, maxBytes: 10)) { error in
            XCTAssertEqual((error as? SystemError)?.meansFileUnavailable, true)
        }
    }
}

final class HTTPDateTests: XCTestCase {
    func testFormatting() {
        let table: [(Int, String)] = [
            (0, "Thu, 01 Jan 1970 00:00:00 GMT"),
            (784_111_777, "Sun, 06 Nov 1994 08:49:37 GMT"),
            (951_782_400, "Tue, 29 Feb 2000 00:00:00 GMT"),
            (1_795_424_400, "Mon, 23 Nov 2026 09:00:00 GMT"),
            (4_133_980_799, "Fri, 31 Dec 2100 23:59:59 GMT"), (4_107_542_399, "Sun, 28 Feb 2100 23:59:59 GMT"),
            (-1, "Wed, 31 Dec 1969 23:59:59 GMT"),
        ]
        for (seconds, text) in table {
            XCTAssertEqual(HTTPDate.format(secondsSinceEpoch: seconds), text, "\(seconds)")
        }
    }
}

final class StaticFileConcurrencyTests: XCTestCase {
    func testManyThreadsShareTheCache() throws {
        let tree = try StaticTree.make()
        defer { tree.remove() }
        let handler = try StaticFileHandler(root: tree.root)
        let expected = try gunzip(
            handler.respond(
                to: makeRequest(.get, "/css/site.css", headers: ["Host": "x", "Accept-Encoding": "gzip"])
            ).bodyBytes)
        let failures = Reported()
        DispatchQueue.concurrentPerform(iterations: 200) { index in
            let gzip = index.isMultiple(of: 2)
            var headers: HeaderFields = ["Host": "x"]
            if gzip { headers.add("Accept-Encoding", "gzip") }
            let path = ["/css/site.css", "/", "/small.txt", "/img/logo.png"][index % 4]
            let response = handler.respond(to: makeRequest(.get, path, headers: headers))
            if response.status != .ok { failures.record("\(path) \(response.status)") }
            if path == "/css/site.css" {
                let body = gzip ? ((try? gunzip(response.bodyBytes)) ?? []) : response.bodyBytes
                if body != expected { failures.record("\(path) body differs") }
            }
        }
        XCTAssertEqual(failures.values, [])
    }
}
