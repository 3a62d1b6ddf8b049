import Foundation
import GuichetCore
import XCTest

@testable import GuichetApp

/// Every key exists in ar, fr and en, and every key the pages use exists: a missing translation
/// fails here (and stops the server at start) instead of showing a key to a citizen.
final class TranslationsTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    func testEveryKeyInEveryLanguage() throws {
        XCTAssertNoThrow(try Translations(directory: Self.root + "/Public/i18n"))
    }

    func testMissingKeyIsRefused() {
        XCTAssertThrowsError(
            try Translations(tables: ["ar": ["a": "x"], "fr": ["a": "x", "b": "y"], "en": ["a": "x", "b": "y"]]))
    }

    func testEveryKeyUsedByThePagesExists() throws {
        let translations = try Translations(directory: Self.root + "/Public/i18n")
        let directory = Self.root + "/Sources/GuichetApp/Pages"
        var used: Set<String> = []
        let pattern = try NSRegularExpression(pattern: #"\bt\("([a-z0-9_.]+)""#)
        for file in try FileManager.default.contentsOfDirectory(atPath: directory) where file.hasSuffix(".swift") {
            let text = try String(contentsOfFile: directory + "/" + file, encoding: .utf8)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                used.insert(String(text[Range(match.range(at: 1), in: text)!]))
            }
        }
        XCTAssertGreaterThan(used.count, 100)
        // Keys built from stable codes.
        used.formUnion(CaseStatus.allCases.map { "status." + $0.rawValue })
        used.formUnion(DueState.allCases.map { "due." + $0.rawValue })
        used.formUnion(CaseChannel.allCases.map { "channel." + $0.rawValue })
        used.formUnion((1...5).map { "feedback.rating_\($0)" })
        used.formUnion(["event.other", "error.generic", "case.done", "currency.TND", "currency.MAD"])
        let missing = used.filter { !translations.has($0) }.sorted()
        XCTAssertEqual(missing, [])
    }

    func testEscapingByDefault() {
        let hostile = "<script>alert(\"x\")</script>&'"
        let html: HTML = "<p title=\"\(hostile)\">\(hostile)</p>"
        XCTAssertEqual(
            html.raw,
            "<p title=\"&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;\">"
                + "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;</p>")
    }

    func testNextIsOnlyADeskPath() {
        XCTAssertEqual(Pages.safeNext("//evil.example/desk/"), "/desk/new")
        XCTAssertEqual(Pages.safeNext("https://evil.example"), "/desk/new")
        XCTAssertEqual(Pages.safeNext("/desk/queue?status=received"), "/desk/queue?status=received")
    }
}
