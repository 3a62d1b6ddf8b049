import Foundation
import GuichetCore
import XCTest

@testable import GuichetApp

/// The hand-written tracking JSON must be the very document the Codable form would give.
final class TrackingJSONTests: XCTestCase {
    func makeView(explanation: DeadlineExplanation?) -> TrackingView {
        TrackingView(
            reference: "TUN-2026-000042", office: "TUN", service: "birth-certificate",
            serviceName: Trilingual(ar: "مضمون ولادة", fr: "Extrait \"de\" naissance", en: "Birth\ncertificate"),
            kind: "application", status: "awaiting_citizen", submittedAt: Date(timeIntervalSince1970: 1_795_424_400.75),
            receivedAt: Date(timeIntervalSince1970: -86_401), deadlineDate: LocalDate(year: 2026, month: 12, day: 3),
            deadlineAt: nil, dueState: "paused", daysOverdue: 0, deadlineExplanation: explanation,
            timeline: [
                .init(at: Date(timeIntervalSince1970: 1_795_424_400), type: "submitted", fromStatus: nil, toStatus: "received",
                    message: nil),
                .init(at: Date(timeIntervalSince1970: 1_795_510_800.5), type: "status_changed", fromStatus: "received",
                    toStatus: "awaiting_citizen", message: "Apportez la \\ pièce « 2 »"),
            ],
            feedbackAllowed: false)
    }

    func testHandWrittenJSONEqualsTheCodableDocument() throws {
        var explanation = DeadlineExplanation(responseDays: 3)
        explanation.startDate = LocalDate(year: 2026, month: 11, day: 23)
        explanation.countedDays = [LocalDate(year: 2026, month: 11, day: 24)].compactMap { $0 }
        explanation.skippedWeekendDays = [LocalDate(year: 2026, month: 11, day: 28)].compactMap { $0 }
        if let date = LocalDate(year: 2026, month: 12, day: 17) {
            explanation.skippedHolidays = [NamedHoliday(date: date, name: "Fête de la Révolution")]
        }
        explanation.deadlineDate = LocalDate(year: 2026, month: 12, day: 3)
        for candidate in [makeView(explanation: explanation), makeView(explanation: nil)] {
            let expected = try JSONSerialization.jsonObject(with: JSONCoding.encoder.encode(candidate)) as? NSDictionary
            let written = try JSONSerialization.jsonObject(with: Data(candidate.jsonBytes())) as? NSDictionary
            XCTAssertEqual(written, expected)
        }
    }

    func testTimestampsAreWholeSecondsInUTC() {
        XCTAssertEqual(RFC3339.string(Date(timeIntervalSince1970: 1_795_424_400.999)), "2026-11-23T09:00:00Z")
        XCTAssertEqual(RFC3339.string(Date(timeIntervalSince1970: -1)), "1969-12-31T23:59:59Z")
        XCTAssertEqual(RFC3339.string(Date(timeIntervalSince1970: 951_782_400)), "2000-02-29T00:00:00Z")
        // An absurd instant keeps the four-digit form: the day clamps as LocalDate's does.
        XCTAssertEqual(RFC3339.string(Date(timeIntervalSince1970: 86_400 * 11_574_074 + 3_600)), "9999-12-31T01:00:00Z")
        XCTAssertEqual(RFC3339.string(Date(timeIntervalSince1970: -86_400 * 11_574_075)), "0001-01-01T00:00:00Z")
    }
}
