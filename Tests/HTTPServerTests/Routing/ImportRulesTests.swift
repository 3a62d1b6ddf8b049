import Foundation
import XCTest

/// Only `HTTPServer/System/` may import Glibc; `Routing/` sees stdlib and Foundation only, and
/// `StaticFiles/` reaches the system through `FileSystem` (plus zlib, and `Locking` for its cache).
final class ImportRulesTests: XCTestCase {
    func testRoutingAndStaticFilesImportNoSystemModule() throws {
        let sources = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/HTTPServer")
        let allowed: [String: Set<String>] = [
            "Routing": ["Foundation"],
            "StaticFiles": ["CZlib", "Locking"],
        ]
        for (folder, modules) in allowed {
            let directory = sources.appendingPathComponent(folder)
            let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".swift") }
            XCTAssertFalse(files.isEmpty, folder)
            for file in files {
                let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
                for line in text.split(separator: "\n") where line.hasPrefix("import ") {
                    let module = String(line.dropFirst("import ".count))
                    XCTAssertTrue(modules.contains(module), "\(folder)/\(file) imports \(module)")
                }
            }
        }
    }
}
