/// Proleptic Gregorian calendar arithmetic on day numbers, as PostgreSQL's `date2j`/`j2date`
/// do, without Foundation's `Calendar` (slow, and locale- and time-zone-dependent).
///
/// The algorithms are Howard Hinnant's `days_from_civil` / `civil_from_days`: exact for every
/// year, including year 0 and negative years (astronomical numbering: 1 BC is year 0).
enum CivilDate {
    /// Days since 1970-01-01 for a year, month (1–12) and day (1–31).
    static func days(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let marchMonth = (month + 9) % 12
        let dayOfYear = (153 * marchMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The year, month and day of a day number counted from 1970-01-01.
    static func civil(days: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let marchMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * marchMonth + 2) / 5 + 1
        let month = marchMonth < 10 ? marchMonth + 3 : marchMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    /// The number of days in a month of the proleptic Gregorian calendar.
    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// `YYYY-MM-DD`, with PostgreSQL's ` BC` suffix for years before 1.
    static func format(year: Int, month: Int, day: Int) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(16)
        appendDate(year: year, month: month, day: day, to: &text, era: true)
        return String(decoding: text, as: UTF8.self)
    }

    /// `YYYY-MM-DD`, and ` BC` for years before 1 when `era` (a timestamp puts it after its offset).
    static func appendDate(year: Int, month: Int, day: Int, to text: inout [UInt8], era: Bool) {
        appendPadded(year > 0 ? year : 1 - year, 4, to: &text)
        text.append(UInt8(ascii: "-"))
        appendPadded(month, 2, to: &text)
        text.append(UInt8(ascii: "-"))
        appendPadded(day, 2, to: &text)
        if era && year <= 0 { text.append(contentsOf: " BC".utf8) }
    }

    /// A non-negative number's decimal digits, zero-padded to `width`.
    static func appendPadded(_ value: Int, _ width: Int, to text: inout [UInt8]) {
        var digits = 1
        var scale = 1
        while value / scale >= 10 {
            scale *= 10
            digits += 1
        }
        for _ in digits..<max(width, digits) { text.append(UInt8(ascii: "0")) }
        while scale > 0 {
            text.append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: value / scale % 10))
            scale /= 10
        }
    }
}

/// Reads the ASCII text PostgreSQL writes for dates and times, one field at a time.
struct DateTimeScanner {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0

    /// Scans `bytes`, which must outlive the scanner.
    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    var isAtEnd: Bool { index == bytes.count }

    /// Consumes `byte` if it is next.
    mutating func skip(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    /// Consumes `text` if it comes next.
    mutating func skip(_ text: StaticString) -> Bool {
        let expected = UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
        guard bytes.count - index >= expected.count, bytes[index..<index + expected.count].elementsEqual(expected)
        else { return false }
        index += expected.count
        return true
    }

    /// Consumes between `minimum` and `maximum` decimal digits; nil if fewer are there.
    mutating func digits(minimum: Int, maximum: Int) -> (value: Int, count: Int)? {
        var value = 0
        var count = 0
        while count < maximum, index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
            value = value * 10 + Int(bytes[index] - 0x30)
            index += 1
            count += 1
        }
        return count >= minimum ? (value, count) : nil
    }

    /// Reads `YYYY-MM-DD` (a year of four or more digits), validating the month and day.
    mutating func date() -> (year: Int, month: Int, day: Int)? {
        guard let year = digits(minimum: 4, maximum: 9), skip(UInt8(ascii: "-")),
            let month = digits(minimum: 2, maximum: 2), skip(UInt8(ascii: "-")),
            let day = digits(minimum: 2, maximum: 2),
            (1...12).contains(month.value),
            (1...CivilDate.daysInMonth(year: year.value, month: month.value)).contains(day.value)
        else { return nil }
        return (year.value, month.value, day.value)
    }

    /// Reads the optional ` BC` suffix and turns a displayed year into an astronomical one.
    mutating func era(_ year: Int) -> Int {
        skip(" BC") ? 1 - year : year
    }
}
