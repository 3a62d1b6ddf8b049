import Foundation

/// `Date` as `timestamptz`, to the microsecond (PostgreSQL's resolution).
///
/// The connection sets `TimeZone = 'UTC'` and `DateStyle = 'ISO, YMD'`, so the server writes
/// `2026-11-23 09:00:00.5+00`; other offsets (`+05:30`, `-03:00:15`) are still understood,
/// in case a session changes its time zone. `infinity` has no `Date` and is `.invalidValue`.
extension Date: PostgresEncodable, PostgresDecodable {
    private static let microsecondsPerDay: Int64 = 86_400_000_000

    /// `timestamptz`.
    public static var postgresDataType: PostgresDataType { .timestamptz }

    /// `YYYY-MM-DD HH:MM:SS.ffffff+00`, rounded to the microsecond.
    public func postgresText() throws -> String? {
        let micros = (timeIntervalSince1970 * 1_000_000).rounded()
        guard micros.isFinite, micros.magnitude < 9.0e18 else {
            throw PostgresError(.encodingFailed(bind: 0, type: "Date"))
        }
        let total = Int64(micros)
        let dayNumber = total >= 0 ? total / Self.microsecondsPerDay : (total + 1) / Self.microsecondsPerDay - 1
        let inDay = total - dayNumber * Self.microsecondsPerDay
        let civil = CivilDate.civil(days: Int(dayNumber))
        let seconds = Int(inDay / 1_000_000)
        let fraction = Int(inDay % 1_000_000)
        // Digit by digit into one buffer: built from padded Strings it was 7.6k instructions a
        // date, and a report binds a dozen (callgrind, the department counts).
        var text: [UInt8] = []
        text.reserveCapacity(36)
        CivilDate.appendDate(year: civil.year, month: civil.month, day: civil.day, to: &text, era: false)
        text.append(UInt8(ascii: " "))
        CivilDate.appendPadded(seconds / 3600, 2, to: &text)
        text.append(UInt8(ascii: ":"))
        CivilDate.appendPadded(seconds / 60 % 60, 2, to: &text)
        text.append(UInt8(ascii: ":"))
        CivilDate.appendPadded(seconds % 60, 2, to: &text)
        if fraction != 0 {
            text.append(UInt8(ascii: "."))
            CivilDate.appendPadded(fraction, 6, to: &text)
        }
        text.append(contentsOf: "+00".utf8)
        // The era suffix goes after the offset, as PostgreSQL writes it.
        if civil.year <= 0 { text.append(contentsOf: " BC".utf8) }
        return String(decoding: text, as: UTF8.self)
    }

    /// `timestamptz`, or `timestamp` (read as UTC, the session's time zone).
    public init(postgresText text: String, type: PostgresDataType) throws(PostgresError.DecodingFailure) {
        self = try decodingUTF8(text) { bytes throws(PostgresError.DecodingFailure) in
            try Date(postgresBytes: bytes, type: type)
        }
    }

    /// `timestamptz` or `timestamp`, read from the result's bytes.
    public init(postgresBytes bytes: UnsafeBufferPointer<UInt8>, type: PostgresDataType)
        throws(PostgresError.DecodingFailure)
    {
        guard type == .timestamptz || type == .timestamp else { throw .typeMismatch(type) }
        var scanner = DateTimeScanner(bytes)
        guard let date = scanner.date(), scanner.skip(UInt8(ascii: " ")),
            let hour = scanner.digits(minimum: 2, maximum: 2), scanner.skip(UInt8(ascii: ":")),
            let minute = scanner.digits(minimum: 2, maximum: 2), scanner.skip(UInt8(ascii: ":")),
            let second = scanner.digits(minimum: 2, maximum: 2),
            hour.value < 24, minute.value < 60, second.value < 61
        else { throw .invalidValue }
        var micros = 0
        if scanner.skip(UInt8(ascii: ".")) {
            guard let fraction = scanner.digits(minimum: 1, maximum: 6) else { throw .invalidValue }
            micros = fraction.value
            for _ in fraction.count..<6 { micros *= 10 }
        }
        var offsetSeconds = 0
        let sign = scanner.skip(UInt8(ascii: "+")) ? 1 : (scanner.skip(UInt8(ascii: "-")) ? -1 : 0)
        if sign != 0 {
            guard let hours = scanner.digits(minimum: 2, maximum: 2) else { throw .invalidValue }
            offsetSeconds = hours.value * 3600
            if scanner.skip(UInt8(ascii: ":")) {
                guard let minutes = scanner.digits(minimum: 2, maximum: 2) else { throw .invalidValue }
                offsetSeconds += minutes.value * 60
                if scanner.skip(UInt8(ascii: ":")) {
                    guard let seconds = scanner.digits(minimum: 2, maximum: 2) else { throw .invalidValue }
                    offsetSeconds += seconds.value
                }
            }
            offsetSeconds *= sign
        }
        let year = scanner.era(date.year)
        guard scanner.isAtEnd else { throw .invalidValue }
        let days = CivilDate.days(year: year, month: date.month, day: date.day)
        let wholeSeconds = days * 86_400 + hour.value * 3600 + minute.value * 60 + second.value - offsetSeconds
        // Whole seconds and microseconds are added separately so the fraction is not rounded
        // against a large magnitude before it is needed.
        self = Date(timeIntervalSince1970: TimeInterval(wholeSeconds) + TimeInterval(micros) / 1_000_000)
    }
}
