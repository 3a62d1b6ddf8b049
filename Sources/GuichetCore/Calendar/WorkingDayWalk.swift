/// The days met while counting working days from one date to another: what was counted and
/// what was skipped. ``WorkingCalendar/walk(after:n:)`` makes it; explanations are built from it.
public struct WorkingDayWalk: Sendable, Hashable {
    /// The date the walk ended on: the deadline it computed.
    public var end: LocalDate
    /// The working days counted, in order.
    public var counted: [LocalDate] = []
    /// The weekend days skipped, in order.
    public var skippedWeekendDays: [LocalDate] = []
    /// The holidays skipped, in order, with their names.
    public var skippedHolidays: [NamedHoliday] = []

    /// Starts an empty walk ending at `end`.
    public init(end: LocalDate) {
        self.end = end
    }

    /// Records a skipped day under its reason.
    mutating func record(_ date: LocalDate, _ closure: DayClosure) {
        switch closure {
        case .weekend: skippedWeekendDays.append(date)
        case .holiday(let name): skippedHolidays.append(NamedHoliday(date: date, name: name))
        }
    }
}
