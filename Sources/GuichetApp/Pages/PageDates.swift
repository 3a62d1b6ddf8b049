import Foundation
import GuichetCore

/// Dates as people read them: in the office's time zone and the reader's language, with the
/// Latin digits used in Tunisia and Morocco (ar-TN, fr-TN, en-GB conventions).
struct PageDates: Sendable {
    let language: String
    let timeZone: TimeZone

    init(language: String, timezone: String) {
        self.language = language
        timeZone = TimeZone(identifier: timezone) ?? TimeZone(secondsFromGMT: 0) ?? .current
    }

    private var locale: Locale {
        switch language {
        case "ar": Locale(identifier: "ar_TN")
        case "en": Locale(identifier: "en_GB")
        default: Locale(identifier: "fr_FR")
        }
    }

    /// `jeudi 26 novembre 2026` for a calendar date (no time zone shift: it is already local).
    func date(_ date: LocalDate?) -> String {
        guard let date else { return "—" }
        let formatter = DateFormatter()
        formatter.locale = locale
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.setLocalizedDateFormatFromTemplate("EEEEdMMMMy")
        return formatter.string(from: Date(timeIntervalSince1970: Double(date.daysSinceEpoch) * 86_400 + 43_200))
    }

    /// `26 nov. 2026` for a calendar date, compact (lists).
    func shortDate(_ date: LocalDate?) -> String {
        guard let date else { return "—" }
        let formatter = DateFormatter()
        formatter.locale = locale
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.setLocalizedDateFormatFromTemplate("dMMMy")
        return formatter.string(from: Date(timeIntervalSince1970: Double(date.daysSinceEpoch) * 86_400 + 43_200))
    }

    /// `23 nov. 2026, 10:00` in the office's time zone.
    func instant(_ instant: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = locale
        formatter.timeZone = timeZone
        formatter.setLocalizedDateFormatFromTemplate("dMMMyHHmm")
        return formatter.string(from: instant)
    }

    /// The machine-readable value of `<time datetime>`.
    static func iso(_ instant: Date) -> String { instant.ISO8601Format() }
}
