import CZlib
import Foundation
import XCTest

@testable import HTTPServer

/// A temporary tree: `<base>/Public` is the root, `<base>/outside` and `<base>/Public-old` lie beside
/// it and hold secrets no request may reach. Removed by `remove()`.
struct StaticTree {
    let base: String
    var root: String { base + "/Public" }

    static let secret = "TOP-SECRET-OUTSIDE-ROOT"

    /// Builds the tree; `extra` adds files relative to the root.
    static func make(_ extra: [String: [UInt8]] = [:]) throws -> StaticTree {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("guichet-static-\(UUID().uuidString)")
            .path
        let tree = StaticTree(base: base)
        let css = Array(String(repeating: "body { color: #123456; margin: 0 auto; }\n", count: 100).utf8)
        var files: [String: [UInt8]] = [
            "Public/index.html": Array(("<!doctype html><title>Guichet</title>" + String(repeating: "<p>مرحبا</p>", count: 200)).utf8),
            "Public/css/site.css": css,
            "Public/small.txt": Array("hello".utf8),
            "Public/img/logo.png": [0x89, 0x50, 0x4E, 0x47] + Array(repeating: 0, count: 4000),
            "Public/sub/index.html": Array("<p>sub</p>".utf8),
            "Public/empty/.keep": [],
            "Public/.env": Array(secret.utf8),
            "Public/%2e%2e/literal.txt": Array("literal percent directory".utf8),
            "Public/.well-known/security.txt": Array("Contact: mailto:security@example.test".utf8),
            "outside/secret.txt": Array(secret.utf8),
            "Public-old/secret.txt": Array(secret.utf8),
        ]
        for (path, bytes) in extra { files["Public/" + path] = bytes }
        for (path, bytes) in files {
            let url = URL(fileURLWithPath: base + "/" + path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }
        let links: [(String, String)] = [
            ("Public/escape.txt", base + "/outside/secret.txt"),  // absolute, out
            ("Public/escape-dir", "../outside"),  // relative directory, out
            ("Public/old", "../Public-old"),  // a sibling sharing the root's name as prefix
            ("Public/alias.css", "css/site.css"),  // inside: served
            ("Public/sub/up.css", "../css/site.css"),  // inside through ..: served
        ]
        for (link, target) in links {
            try FileManager.default.createSymbolicLink(atPath: base + "/" + link, withDestinationPath: target)
        }
        return tree
    }

    func remove() { try? FileManager.default.removeItem(atPath: base) }

    /// Sets a file's modification time, so ETag tests need no sleep.
    func touch(_ relative: String, seconds: TimeInterval) throws {
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSince1970: seconds)], ofItemAtPath: root + "/" + relative)
    }
}

/// Inflates gzip (or zlib) data with zlib, independently of the code under test.
func gunzip(_ input: [UInt8]) throws -> [UInt8] {
    struct InflateFailed: Error { var code: Int32 }
    var stream = z_stream()
    // 15 + 32: detect the gzip or zlib header automatically.
    var result = inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
    guard result == Z_OK else { throw InflateFailed(code: result) }
    defer { inflateEnd(&stream) }
    var input = input
    var output: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 16 * 1024)
    try input.withUnsafeMutableBufferPointer { source in
        stream.next_in = source.baseAddress
        stream.avail_in = uInt(source.count)
        repeat {
            let produced: Int = chunk.withUnsafeMutableBufferPointer { destination in
                stream.next_out = destination.baseAddress
                stream.avail_out = uInt(destination.count)
                result = inflate(&stream, Z_NO_FLUSH)
                return destination.count - Int(stream.avail_out)
            }
            output.append(contentsOf: chunk[0..<produced])
            guard result == Z_OK || result == Z_STREAM_END else { throw InflateFailed(code: result) }
        } while result != Z_STREAM_END
    }
    return output
}
