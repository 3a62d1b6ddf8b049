import Foundation
import XCTest

@testable import GuichetCore

final class CaseReferenceTests: XCTestCase {
    func testFormatsAndRoundTrips() throws {
        let office = try XCTUnwrap(OfficeCode("TUN"))
        let reference = try XCTUnwrap(CaseReference(office: office, year: 2026, sequence: 42))
        XCTAssertEqual(reference.description, "TUN-2026-000042")
        XCTAssertEqual(CaseReference(parsing: "TUN-2026-000042"), reference)
        for text in ["AB-1999-000001", "RABATAGD-2026-999999", "CASA-2027-100000"] {
            XCTAssertEqual(CaseReference(parsing: text)?.description, text)
        }
        let data = try JSONEncoder().encode([reference])
        XCTAssertEqual(String(decoding: data, as: UTF8.self), #"["TUN-2026-000042"]"#)
        XCTAssertEqual(try JSONDecoder().decode([CaseReference].self, from: data), [reference])
    }

    func testRefusesMalformedReferences() {
        let malformed: [(String, String)] = [
            ("empty", ""), ("lowercase office", "tun-2026-000042"), ("one-letter office", "T-2026-000042"),
            ("nine-letter office", "ABCDEFGHI-2026-000042"), ("digit in office", "TU1-2026-000042"),
            ("short year", "TUN-26-000042"), ("year with leading zero", "TUN-0999-000042"),
            ("short sequence", "TUN-2026-42"), ("long sequence", "TUN-2026-0000042"),
            ("sequence zero", "TUN-2026-000000"), ("sign in sequence", "TUN-2026-+00042"),
            ("spaces", "TUN-2026-000042 "), ("extra part", "TUN-2026-000042-1"), ("underscores", "TUN_2026_000042"),
            ("missing part", "TUN-2026"), ("double hyphen", "TUN--2026-000042"),
            ("arabic digits", "TUN-٢٠٢٦-000042"), ("fullwidth letters", "ＴＵＮ-2026-000042"),
        ]
        for (label, text) in malformed {
            XCTAssertNil(CaseReference(parsing: text), label)
        }
        XCTAssertThrowsError(try JSONDecoder().decode([CaseReference].self, from: Data(#"["tun-2026-1"]"#.utf8)))
    }

    func testRangesAndOrder() throws {
        let office = try XCTUnwrap(OfficeCode("TUN"))
        XCTAssertNil(CaseReference(office: office, year: 2026, sequence: 0))
        XCTAssertNil(CaseReference(office: office, year: 2026, sequence: 1_000_000))
        XCTAssertNil(CaseReference(office: office, year: 999, sequence: 1))
        let first = try XCTUnwrap(CaseReference(parsing: "TUN-2026-000009"))
        let second = try XCTUnwrap(CaseReference(parsing: "TUN-2026-000010"))
        XCTAssertLessThan(first, second)
    }

    func testOfficeCodes() {
        for good in ["TN", "TUN", "RABATAGD"] { XCTAssertNotNil(OfficeCode(good), good) }
        for bad in ["", "T", "ABCDEFGHI", "Tun", "TU-N", "TÜN", "TU N"] { XCTAssertNil(OfficeCode(bad), bad) }
    }
}
