/// Why a ``WorkingCalendar`` could not be built from an office's settings.
public enum CalendarError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The time-zone identifier is not an IANA zone this machine knows.
    case unknownTimeZone(identifier: String)
    /// Every day of the week is a weekend day, so no deadline could ever be reached.
    case noWorkingWeekday

    /// The stable code the API reports for this error.
    public var code: String {
        switch self {
        case .unknownTimeZone: "unknown_time_zone"
        case .noWorkingWeekday: "no_working_weekday"
        }
    }

    /// A description for logs; the identifier is configuration, not personal data.
    public var description: String {
        switch self {
        case .unknownTimeZone(let identifier): "unknown IANA time zone \"\(identifier.prefix(64))\""
        case .noWorkingWeekday: "a calendar needs at least one working weekday"
        }
    }
}
