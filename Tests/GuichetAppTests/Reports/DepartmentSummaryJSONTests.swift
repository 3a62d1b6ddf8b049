import Foundation
import HTTPServer
import XCTest

@testable import GuichetApp

/// The per-department report is written by hand (`DepartmentSummary.jsonBytes`): it must be the
/// document `Response.json` makes of the `Codable` rows, whatever the names hold.
final class DepartmentSummaryJSONTests: XCTestCase {
    private func parsed(_ bytes: [UInt8]) throws -> NSDictionary {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(bytes)) as? NSDictionary)
    }

    func testHandWrittenEqualsTheCodableDocument() throws {
        let awkward = ["etat-civil", "quote \" and \\ backslash", "tab\tnewline\n", "عربي ✓ 😀", "\u{1}\u{1F}", ""]
        var rows: [DepartmentSummary.Row] = []
        for (index, name) in awkward.enumerated() {
            rows.append(
                DepartmentSummary.Row(
                    office: index.isMultiple(of: 2) ? "TUN" : "RBA", department: name, open: index * 1_000_003,
                    paused: index, overdue: -index, dueSoon: Int.max - index))
        }
        for sample in [rows, [], Array(rows.prefix(1))] {
            let expected = try Response.json(["items": sample]).bodyBytes
            XCTAssertEqual(try parsed(DepartmentSummary.jsonBytes(sample)), try parsed(expected))
        }
    }

    func testKeysAreSortedAndNothingIsAdded() throws {
        let row = DepartmentSummary.Row(office: "TUN", department: "d", open: 3, paused: 1, overdue: 1, dueSoon: 1)
        XCTAssertEqual(
            String(decoding: DepartmentSummary.jsonBytes([row]), as: UTF8.self),
            #"{"items":[{"department":"d","due_soon":1,"office":"TUN","open":3,"overdue":1,"paused":1}]}"#)
    }
}
