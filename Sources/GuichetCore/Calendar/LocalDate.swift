/// A calendar date without a time or a time zone: the day an office's wall calendar shows.
///
/// Deadlines are counted in local dates, so this type carries all the date arithmetic. It uses
/// Howard Hinnant's days-from-civil algorithm on the proleptic Gregorian calendar instead of
/// Foundation's `Calendar`: it is exact, allocation-free and does not depend on locale or time zone.
/// It encodes to and decodes from JSON as the string `"YYYY-MM-DD"`.
public struct LocalDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The supported years. Four-digit years keep the `YYYY-MM-DD` form unambiguous.
    public static let yearRange: ClosedRange<Int> = 1...9999

    /// The year, 1…9999.
    public let year: Int
    /// The month, 1…12.
    public let month: Int
    /// The day of the month, 1…28/29/30/31.
    public let day: Int

    /// Makes a date from its parts, or returns nil when they do not name a real day.
    public init?(year: Int, month: Int, day: Int) {
        guard Self.yearRange.contains(year), (1...12).contains(month),
            day >= 1, day <= Self.daysInMonth(year: year, month: month)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The earliest supported date, 0001-01-01.
    public static let min = LocalDate(daysSinceEpoch: -719_162)
    /// The latest supported date, 9999-12-31.
    public static let max = LocalDate(daysSinceEpoch: 2_932_896)

    /// Makes the date `days` days after 1970-01-01 (negative: before).
    ///
    /// Days outside ``yearRange`` are clamped to ``min`` and ``max`` rather than trapping: an absurd
    /// instant from a client must give a refusal further on, not crash the server.
    public init(daysSinceEpoch days: Int) {
        let clamped = Swift.min(Swift.max(days, -719_162), 2_932_896)
        // civil_from_days, http://howardhinnant.github.io/date_algorithms.html
        let z = clamped + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    /// Parses exactly `YYYY-MM-DD` (ASCII digits, zero-padded), or returns nil.
    ///
    /// Nothing else is accepted: no time part, no surrounding spaces, no `2026-2-3`, no 30 February.
    public init?(parsing text: some StringProtocol) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The number of days from 1970-01-01 to this date (negative before it).
    public var daysSinceEpoch: Int {
        // days_from_civil, http://howardhinnant.github.io/date_algorithms.html
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The ISO 8601 weekday of this date.
    public var weekday: Weekday {
        // 1970-01-01 was a Thursday (ISO 4); the modulo is kept non-negative for dates before it.
        let index = ((daysSinceEpoch + 3) % 7 + 7) % 7  // 0 = Monday
        return Weekday(rawValue: index + 1) ?? .monday
    }

    /// The date `days` days later (earlier when negative).
    public func adding(days: Int) -> LocalDate {
        LocalDate(daysSinceEpoch: daysSinceEpoch + days)
    }

    /// The number of days from `self` to `other`: positive when `other` is later.
    public func days(to other: LocalDate) -> Int {
        other.daysSinceEpoch - daysSinceEpoch
    }

    /// The `YYYY-MM-DD` form used everywhere dates cross the API.
    public var description: String {
        // Written digit by digit into the string's own (small, inline) storage: dates fill every
        // tracking answer and report row. `yearRange` keeps the year to four digits.
        String(unsafeUninitializedCapacity: 10) { text in
            let zero = UInt8(ascii: "0")
            let dash = UInt8(ascii: "-")
            text[0] = zero + UInt8(year / 1000)
            text[1] = zero + UInt8(year / 100 % 10)
            text[2] = zero + UInt8(year / 10 % 10)
            text[3] = zero + UInt8(year % 10)
            text[4] = dash
            text[5] = zero + UInt8(month / 10)
            text[6] = zero + UInt8(month % 10)
            text[7] = dash
            text[8] = zero + UInt8(day / 10)
            text[9] = zero + UInt8(day % 10)
            return 10
        }
    }

    /// Whether `year` is a Gregorian leap year.
    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// The number of days in `month` of `year` (0 for a month outside 1…12).
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 1, 3, 5, 7, 8, 10, 12: return 31
        case 4, 6, 9, 11: return 30
        case 2: return isLeapYear(year) ? 29 : 28
        default: return 0
        }
    }

    /// Orders dates chronologically.
    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// Decodes the `"YYYY-MM-DD"` string form.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = LocalDate(parsing: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "expected a date as YYYY-MM-DD")
        }
        self = date
    }

    /// Encodes the `"YYYY-MM-DD"` string form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
