/// The `Date` header's IMF-fixdate format (RFC 9110 §5.6.7), `Sun, 06 Nov 1994 08:49:37 GMT`,
/// computed with integer arithmetic (Howard Hinnant's `civil_from_days`) so the pure HTTP layer
/// needs neither Foundation nor the C library's `gmtime_r`.
public enum HTTPDate {
    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Formats seconds since 1970-01-01T00:00:00Z (negative before it) as an IMF-fixdate.
    public static func format(unixSeconds: Int64) -> String {
        let secondsPerDay: Int64 = 86_400
        var days = unixSeconds / secondsPerDay
        var secondOfDay = unixSeconds % secondsPerDay
        if secondOfDay < 0 {
            secondOfDay += secondsPerDay
            days -= 1
        }
        // 1970-01-01 was a Thursday (index 4 from Sunday).
        let weekday = Int(((days % 7) + 11) % 7)
        let (year, month, day) = civilFromDays(days)

        var bytes: [UInt8] = []
        bytes.reserveCapacity(29)
        bytes.append(contentsOf: weekdays[weekday].utf8)
        bytes.append(contentsOf: ", ".utf8)
        appendTwoDigits(Int(day), to: &bytes)
        bytes.append(ASCII.sp)
        bytes.append(contentsOf: months[Int(month) - 1].utf8)
        bytes.append(ASCII.sp)
        appendFourDigits(year, to: &bytes)
        bytes.append(ASCII.sp)
        appendTwoDigits(Int(secondOfDay / 3600), to: &bytes)
        bytes.append(ASCII.colon)
        appendTwoDigits(Int(secondOfDay / 60 % 60), to: &bytes)
        bytes.append(ASCII.colon)
        appendTwoDigits(Int(secondOfDay % 60), to: &bytes)
        bytes.append(contentsOf: " GMT".utf8)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Year, month (1–12) and day (1–31) of a day count since 1970-01-01, proleptic Gregorian.
    static func civilFromDays(_ days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    private static func appendTwoDigits(_ value: Int, to bytes: inout [UInt8]) {
        bytes.append(ASCII.zero + UInt8(value / 10))
        bytes.append(ASCII.zero + UInt8(value % 10))
    }

    /// Four digits, clamped to 0000–9999: IMF-fixdate has no room for other years.
    private static func appendFourDigits(_ value: Int64, to bytes: inout [UInt8]) {
        let year = Int(min(max(value, 0), 9999))
        appendTwoDigits(year / 100, to: &bytes)
        appendTwoDigits(year % 100, to: &bytes)
    }
}

/// Keeps the last formatted `Date` so an event loop formats it once per second, not per response.
/// One per loop (it is a value, not shared).
public struct HTTPDateCache: Sendable {
    private var second: Int64 = .min
    private var formatted = ""

    /// An empty cache.
    public init() {}

    /// The IMF-fixdate for `unixSeconds`, re-formatted only when the second changed.
    public mutating func string(unixSeconds: Int64) -> String {
        if unixSeconds != second {
            second = unixSeconds
            formatted = HTTPDate.format(unixSeconds: unixSeconds)
        }
        return formatted
    }
}
