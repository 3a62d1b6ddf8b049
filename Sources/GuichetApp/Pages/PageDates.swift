import Foundation
import GuichetCore
import Locking

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
        return formatted(date, template: "EEEEdMMMMy")
    }

    /// `26 nov. 2026` for a calendar date, compact (lists).
    func shortDate(_ date: LocalDate?) -> String {
        guard let date else { return "—" }
        return formatted(date, template: "dMMMy")
    }

    private struct MemoKey: Hashable {
        let language: String
        let template: String
        let day: Int
    }

    /// Calendar dates already written, by language and form. A formatter costs tens of microseconds
    /// of ICU set-up (the profile of registration showed a fifth of its CPU in the notification's
    /// date), and offices talk about a few hundred distinct days at a time.
    private static let memo = Locked<[MemoKey: String]>([:])

    private func formatted(_ date: LocalDate, template: String) -> String {
        let key = MemoKey(language: language, template: template, day: date.daysSinceEpoch)
        if let known = Self.memo.withLock({ $0[key] }) { return known }
        let formatter = DateFormatter()
        formatter.locale = locale
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.setLocalizedDateFormatFromTemplate(template)
        let text = formatter.string(from: Date(timeIntervalSince1970: Double(date.daysSinceEpoch) * 86_400 + 43_200))
        Self.memo.withLock { memo in
            if memo.count >= 4_096 { memo.removeAll(keepingCapacity: true) }
            memo[key] = text
        }
        return text
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
