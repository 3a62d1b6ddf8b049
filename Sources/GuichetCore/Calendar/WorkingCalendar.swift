import Foundation

/// An office's working-day calendar: which weekdays are weekend days, which dates are holidays,
/// and the IANA time zone that turns instants into local dates.
///
/// Deadlines are counted in this calendar's working days. A calendar always has at least one
/// working weekday (checked when it is built), so every search for a working day ends; holidays
/// are a finite table, so a run of them is crossed in at most its length plus a week.
public struct WorkingCalendar: Sendable, Hashable {
    /// The IANA time-zone identifier, e.g. `Africa/Tunis`.
    public let timeZoneIdentifier: String
    /// The weekdays on which the office is closed every week.
    public let weekendDays: Set<Weekday>
    /// The office's dated holidays and their names (movable feasts are data, not formulas).
    public let holidays: [LocalDate: String]
    /// The Foundation zone for ``timeZoneIdentifier``; its offsets follow this machine's tzdata.
    public let timeZone: TimeZone
    /// The same facts in the form the day-by-day walks test fastest (every tracking answer walks
    /// its deadline): bit `rawValue` set for a weekend day, and the holidays' day numbers sorted.
    private let weekendMask: UInt8
    private let holidayDayNumbers: [Int]
    /// The zone's offsets, looked up without ICU (every tracking answer converts several instants).
    private let offsets: ZoneOffsets

    /// The IANA identifiers this machine knows, read once: calendars are built per request.
    private static let knownZones = Set(TimeZone.knownTimeZoneIdentifiers)

    /// Builds a calendar, refusing an unknown zone or a week with no working day.
    public init(
        timeZoneIdentifier: String, weekendDays: Set<Weekday>, holidays: [LocalDate: String] = [:]
    ) throws(CalendarError) {
        // Foundation also accepts made-up names such as "UTC+1"; an office's zone must be a real IANA one.
        let isKnown =
            Self.knownZones.contains(timeZoneIdentifier)
            || timeZoneIdentifier == "UTC" || timeZoneIdentifier == "Etc/UTC"
        guard isKnown, let zone = TimeZone(identifier: timeZoneIdentifier) else {
            throw .unknownTimeZone(identifier: timeZoneIdentifier)
        }
        guard weekendDays.count < Weekday.allCases.count else { throw .noWorkingWeekday }
        self.timeZoneIdentifier = timeZoneIdentifier
        self.weekendDays = weekendDays
        self.holidays = holidays
        self.timeZone = zone
        self.weekendMask = weekendDays.reduce(0) { $0 | UInt8(1) << UInt8($1.rawValue) }
        self.holidayDayNumbers = holidays.keys.map(\.daysSinceEpoch).sorted()
        self.offsets = ZoneOffsets.table(for: zone)
    }

    /// Calendars are equal when their zone, weekend and holidays are: the rest is derived from them.
    public static func == (lhs: WorkingCalendar, rhs: WorkingCalendar) -> Bool {
        lhs.timeZoneIdentifier == rhs.timeZoneIdentifier && lhs.weekendDays == rhs.weekendDays
            && lhs.holidays == rhs.holidays
    }

    /// Hashes what `==` compares.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(timeZoneIdentifier)
        hasher.combine(weekendDays)
        hasher.combine(holidays)
    }

    /// Whether the office works on `date`: not a weekend day and not a holiday.
    public func isWorkingDay(_ date: LocalDate) -> Bool {
        let day = date.daysSinceEpoch
        return !isWeekend(day) && !isHoliday(day)
    }

    /// Why `date` is not a working day, or nil when it is one.
    public func closure(on date: LocalDate) -> DayClosure? {
        closure(onDay: date.daysSinceEpoch)
    }

    /// `closure(on:)` for a day number (days since 1970-01-01).
    private func closure(onDay day: Int) -> DayClosure? {
        if isHoliday(day), let name = holidays[LocalDate(daysSinceEpoch: day)] { return .holiday(name: name) }
        if isWeekend(day) { return .weekend }
        return nil
    }

    private func isWeekend(_ day: Int) -> Bool {
        // 1970-01-01 was a Thursday (ISO 4); 1 = Monday … 7 = Sunday, as `Weekday`.
        let weekday = ((day + 3) % 7 + 7) % 7 + 1
        return weekendMask & (UInt8(1) << UInt8(weekday)) != 0
    }

    private func isHoliday(_ day: Int) -> Bool {
        var low = 0
        var high = holidayDayNumbers.count
        while low < high {
            let middle = (low + high) / 2
            if holidayDayNumbers[middle] < day { low = middle + 1 } else { high = middle }
        }
        return low < holidayDayNumbers.count && holidayDayNumbers[low] == day
    }

    /// The `n`-th working day strictly after `date` (`n` ≥ 1; for `n` ≤ 0, the first working day
    /// on or after `date`, the rule for a "same day" service and for resuming with nothing left).
    public func nthWorkingDay(after date: LocalDate, n: Int) -> LocalDate {
        guard n > 0 else { return firstWorkingDay(onOrAfter: date) }
        var current = date
        var counted = 0
        // The `max` check ends the search at year 9999 instead of spinning on a clamped date.
        while counted < n && current < .max {
            current = current.adding(days: 1)
            if isWorkingDay(current) { counted += 1 }
        }
        return current
    }

    /// The first working day on or after `date`.
    public func firstWorkingDay(onOrAfter date: LocalDate) -> LocalDate {
        var current = date
        while !isWorkingDay(current) && current < .max { current = current.adding(days: 1) }
        return current
    }

    /// The number of working days strictly after `start` up to and including `end` (0 when `end` ≤ `start`).
    public func workingDays(after start: LocalDate, through end: LocalDate) -> Int {
        guard end > start else { return 0 }
        let first = start.daysSinceEpoch
        let last = end.daysSinceEpoch
        let span = last - first
        // Whole weeks are counted arithmetically so a long overdue case costs no more than a short one.
        let workingWeekdays = Weekday.allCases.count - weekendDays.count
        var count = (span / 7) * workingWeekdays
        var current = first + (span / 7) * 7
        while current < last {
            current += 1
            if !isWeekend(current) { count += 1 }
        }
        for holiday in holidayDayNumbers where holiday > first && holiday <= last && !isWeekend(holiday) {
            count -= 1
        }
        return count
    }

    /// Walks from `date` to the `n`-th working day after it (the first on or after it when `n` ≤ 0)
    /// and records every day on the way: the data behind "why this date".
    public func walk(after date: LocalDate, n: Int) -> WorkingDayWalk {
        // Stepped as day numbers: a `LocalDate` is made only for the days recorded (every tracking
        // answer walks its deadline, and converting each step both ways cost more than the walk).
        var walk = WorkingDayWalk(end: date)
        let last = LocalDate.max.daysSinceEpoch
        var day = date.daysSinceEpoch
        if n <= 0 {
            while day < last, let closure = closure(onDay: day) {
                walk.record(LocalDate(daysSinceEpoch: day), closure)
                day += 1
            }
            walk.end = LocalDate(daysSinceEpoch: day)
            return walk
        }
        var counted = 0
        while counted < n && day < last {
            day += 1
            if let closure = closure(onDay: day) {
                walk.record(LocalDate(daysSinceEpoch: day), closure)
            } else {
                counted += 1
                walk.counted.append(LocalDate(daysSinceEpoch: day))
            }
        }
        walk.end = LocalDate(daysSinceEpoch: day)
        return walk
    }

    /// The office's local date at `instant`.
    public func localDate(of instant: Date) -> LocalDate {
        // Clamped before the conversion to Int, which would trap on an absurd instant.
        let days = (localSeconds(of: instant) / 86_400).rounded(.down)
        return LocalDate(daysSinceEpoch: Int(Swift.min(Swift.max(days, -1e7), 1e7)))
    }

    /// The instant `date` ends in the office's zone, the next local midnight, as a UTC `Date`.
    ///
    /// The offset is the zone's offset at that very instant, so a change of offset earlier in the day
    /// (Casablanca's Ramadan change, European summer time) is accounted for. Where a zone skips local
    /// midnight, the day ends at the first instant of the next local day.
    public func endOfDay(_ date: LocalDate) -> Date {
        let midnight = Double(date.adding(days: 1).daysSinceEpoch) * 86_400
        // Two rounds of "local minus offset at the guess" settle on the instant for every real zone.
        var guess = midnight - Double(offsets.secondsFromGMT(at: midnight))
        guess = midnight - Double(offsets.secondsFromGMT(at: guess))
        if localSeconds(of: Date(timeIntervalSince1970: guess)) == midnight {
            return Date(timeIntervalSince1970: guess)
        }
        // Local midnight does not exist that day (a gap): find the first instant at or past it.
        var low = midnight - 30 * 3600
        var high = midnight + 30 * 3600
        while high - low > 1 {
            let middle = ((low + high) / 2).rounded(.down)
            if localSeconds(of: Date(timeIntervalSince1970: middle)) >= midnight { high = middle } else { low = middle }
        }
        return Date(timeIntervalSince1970: high)
    }

    /// Seconds since 1970-01-01T00:00 local time, the zone's offset at `instant` applied.
    private func localSeconds(of instant: Date) -> Double {
        instant.timeIntervalSince1970 + Double(offsets.secondsFromGMT(at: instant.timeIntervalSince1970))
    }
}
