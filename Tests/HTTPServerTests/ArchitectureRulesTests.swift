import Foundation
import XCTest

/// The dependency rules of docs/ARCHITECTURE.md, checked on the source text: only
/// `HTTPServer/System/` imports Glibc; HTTPServer, Postgres and GuichetCore never import each
/// other; the pure HTTP/1 parser imports nothing at all.
final class ArchitectureRulesTests: XCTestCase {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources")

    /// Every Swift file under `Sources/` with the modules it imports.
    func importsByFile() throws -> [(path: String, modules: Set<String>)] {
        let enumerator = FileManager.default.enumerator(atPath: Self.sources.path)
        var result: [(String, Set<String>)] = []
        while let path = enumerator?.nextObject() as? String {
            guard path.hasSuffix(".swift") else { continue }
            let text = try String(contentsOf: Self.sources.appendingPathComponent(path), encoding: .utf8)
            var modules = Set<String>()
            for line in text.split(separator: "\n") {
                for prefix in ["import ", "@testable import ", "@preconcurrency import "] where line.hasPrefix(prefix) {
                    modules.insert(String(line.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces))
                }
            }
            result.append((path, modules))
        }
        XCTAssertGreaterThan(result.count, 50, "found too few sources; is the path right?")
        return result
    }

    func testOnlyTheSystemLayerImportsGlibc() throws {
        for (path, modules) in try importsByFile() where modules.contains("Glibc") {
            XCTAssertTrue(path.hasPrefix("HTTPServer/System/"), "\(path) imports Glibc")
        }
    }

    func testTheThreeLayersNeverImportEachOther() throws {
        let forbidden: [String: Set<String>] = [
            "HTTPServer/": ["Postgres", "GuichetCore", "GuichetApp", "CLibPQ", "CCrypt"],
            "Postgres/": ["HTTPServer", "GuichetCore", "GuichetApp", "CLinux", "CZlib", "CCrypt"],
            "GuichetCore/": ["HTTPServer", "Postgres", "GuichetApp", "CLibPQ", "CLinux", "CZlib", "CCrypt", "Glibc"],
            "Locking/": ["HTTPServer", "Postgres", "GuichetCore", "GuichetApp", "CLibPQ", "CLinux", "CZlib", "CCrypt"],
        ]
        for (path, modules) in try importsByFile() {
            for (folder, banned) in forbidden where path.hasPrefix(folder) {
                XCTAssertTrue(modules.isDisjoint(with: banned), "\(path) imports \(modules.intersection(banned))")
            }
        }
    }

    /// Every lock in the server is `Locked` (docs/ARCHITECTURE.md, `Locking`): the standard
    /// library's `Mutex` hands a released lock to a waiter that may not be running, a convoy this
    /// machine's profile showed. `Synchronization` stays for atomics.
    func testLocksAreLockedNotMutex() throws {
        let enumerator = FileManager.default.enumerator(atPath: Self.sources.path)
        while let path = enumerator?.nextObject() as? String {
            guard path.hasSuffix(".swift") else { continue }
            let text = try String(contentsOf: Self.sources.appendingPathComponent(path), encoding: .utf8)
            XCTAssertFalse(text.contains("Mutex<") || text.contains("Mutex("), "\(path) uses Mutex; use Locked")
        }
    }

    func testTheHTTP1ParserIsPure() throws {
        for (path, modules) in try importsByFile() where path.hasPrefix("HTTPServer/HTTP1/") {
            XCTAssertTrue(modules.isEmpty, "\(path) imports \(modules): the fuzzer compiles HTTP1/ alone")
        }
    }
}
