import Foundation
import XCTest

@testable import GuichetCore

final class CaseValidationTests: XCTestCase {
    private let now = instant("2026-11-23T09:00:00Z")

    private func makeDraft(
        subject: String? = "Extrait de naissance", description: String? = "Pour un dossier de bourse.",
        applicant: CaseDraft.Applicant? = .init(name: "Amina Ben Salah", phone: "+216 71 123 456"),
        channel: String? = nil, receivedAt: Date? = nil
    ) -> CaseDraft {
        CaseDraft(
            subject: subject, description: description, applicant: applicant, channel: channel, receivedAt: receivedAt)
    }

    private func issues(_ draft: CaseDraft, isStaff: Bool = false) -> [String] {
        do {
            _ = try CaseValidation.validate(draft, now: now, isStaff: isStaff)
            return []
        } catch {
            return error.issues.map { "\($0.field) \($0.code.rawValue)" }
        }
    }

    func testAcceptsAGoodDraftAndTrims() throws {
        let draft = makeDraft(subject: "  طلب مضمون ولادة  ")
        let valid = try CaseValidation.validate(draft, now: now, isStaff: false)
        XCTAssertEqual(valid.subject, "طلب مضمون ولادة")
        XCTAssertEqual(valid.channel, .web)
        XCTAssertEqual(valid.receivedAt, now)
        XCTAssertFalse(valid.isBackdated)
        XCTAssertNil(valid.email)
    }

    func testEachRuleHasItsCode() {
        let cases: [(String, CaseDraft, Bool, [String])] = [
            ("missing subject", makeDraft(subject: nil), false, ["subject required"]),
            ("blank subject", makeDraft(subject: " \n "), false, ["subject required"]),
            ("subject 201", makeDraft(subject: String(repeating: "a", count: 201)), false, ["subject too_long"]),
            (
                "description 5001", makeDraft(description: String(repeating: "ب", count: 5001)), false,
                ["description too_long"]
            ),
            ("control in subject", makeDraft(subject: "a\u{0}b"), false, ["subject invalid_format"]),
            ("no applicant", makeDraft(applicant: nil), false, ["applicant required"]),
            ("no name", makeDraft(applicant: .init(name: nil)), false, ["applicant.name required"]),
            (
                "long name", makeDraft(applicant: .init(name: String(repeating: "x", count: 201))), false,
                ["applicant.name too_long"]
            ),
            (
                "bad phone", makeDraft(applicant: .init(name: "A", phone: "call me")), false,
                ["applicant.phone invalid_format"]
            ),
            (
                "short phone", makeDraft(applicant: .init(name: "A", phone: "12345")), false,
                ["applicant.phone invalid_format"]
            ),
            (
                "bad email", makeDraft(applicant: .init(name: "A", email: "a@b")), false,
                ["applicant.email invalid_format"]
            ),
            (
                "bad id", makeDraft(applicant: .init(name: "A", nationalId: "12-34")), false,
                ["applicant.national_id invalid_format"]
            ),
            ("unknown channel", makeDraft(channel: "fax"), true, ["channel invalid_value"]),
            ("desk by anonymous", makeDraft(channel: "desk"), false, ["channel invalid_value"]),
            ("open311 claimed by staff", makeDraft(channel: "open311"), true, ["channel invalid_value"]),
            ("open311 claimed by anonymous", makeDraft(channel: "open311"), false, ["channel invalid_value"]),
            ("received_at by anonymous", makeDraft(receivedAt: now), false, ["received_at invalid_value"]),
            ("future", makeDraft(receivedAt: now.addingTimeInterval(1)), true, ["received_at out_of_range"]),
            (
                "31 days back", makeDraft(receivedAt: now.addingTimeInterval(-30 * 86_400 - 1)), true,
                ["received_at out_of_range"]
            ),
            (
                "several at once", makeDraft(subject: "", description: nil, channel: "fax"), false,
                ["subject required", "description required", "channel invalid_value"]
            ),
        ]
        for (label, draft, isStaff, expected) in cases {
            XCTAssertEqual(issues(draft, isStaff: isStaff), expected, label)
        }
    }

    func testLimitsAreInclusive() {
        XCTAssertEqual(issues(makeDraft(subject: String(repeating: "a", count: 200))), [])
        XCTAssertEqual(issues(makeDraft(description: String(repeating: "a", count: 5000))), [])
        XCTAssertEqual(issues(makeDraft(receivedAt: now.addingTimeInterval(-30 * 86_400)), isStaff: true), [])
        XCTAssertEqual(issues(makeDraft(receivedAt: now), isStaff: true), [])
        XCTAssertEqual(issues(makeDraft(description: "line one\nline two\ttab")), [])
    }

    func testFieldFormats() {
        for good in ["+216 71 123 456", "0522-12-34-56", "+212 6.12.34.56.78", "71123456"] {
            XCTAssertTrue(CaseValidation.isPhone(good), good)
        }
        for bad in ["+", "++21671123456", "1234567890123456", "71 123 456 ext 2", "٧١١٢٣٤٥٦"] {
            XCTAssertFalse(CaseValidation.isPhone(bad), bad)
        }
        for good in ["a@b.tn", "amina.bensalah+guichet@commune-tunis.gov.tn"] {
            XCTAssertTrue(CaseValidation.isEmail(good), good)
        }
        for bad in ["", "a", "@b.tn", "a@", "a@b", "a@@b.tn", "a@b..tn", "a b@c.tn", "a@.tn", "a@b.tn."] {
            XCTAssertFalse(CaseValidation.isEmail(bad), bad)
        }
        for good in ["01234567", "BE123456", "A123456"] { XCTAssertTrue(CaseValidation.isNationalId(good), good) }
        for bad in ["1234", "ABC123456", "12345678901", "12 345 678", ""] {
            XCTAssertFalse(CaseValidation.isNationalId(bad), bad)
        }
    }

    func testDecodesTheAPIsJSON() throws {
        let json = #"""
            {"subject":"S","description":"D","channel":"desk","received_at":"2026-11-20T08:00:00Z",
             "applicant":{"name":"N","national_id":"be123456","email":"n@x.ma"}}
            """#
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let draft = try decoder.decode(CaseDraft.self, from: Data(json.utf8))
        let valid = try CaseValidation.validate(draft, now: now, isStaff: true)
        XCTAssertEqual(valid.nationalId, "BE123456")
        XCTAssertEqual(valid.channel, .desk)
        XCTAssertEqual(valid.receivedAt, instant("2026-11-20T08:00:00Z"))
        XCTAssertTrue(valid.isBackdated)
    }

    func testErrorDescriptionHoldsNoValues() {
        let error = ValidationError(issues: [.init(field: "applicant.email", code: .invalidFormat, message: "m")])
        XCTAssertEqual(error.description, "validation failed: applicant.email invalid_format")
    }
}
