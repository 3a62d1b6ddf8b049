import Foundation

/// "Why this date", as data the app and pages render in Arabic, French or English.
///
/// The counted and skipped days are those that make up the current deadline: days counted before a
/// pause stay, days that would have come after it are replaced by those counted after the resume.
public struct DeadlineExplanation: Sendable, Hashable, Codable {
    /// One stop of the clock while the office awaited the citizen.
    public struct Pause: Sendable, Hashable, Codable {
        /// The local date the case entered `awaiting_citizen`.
        public let pausedOn: LocalDate
        /// The local date it left (nil while still paused).
        public var resumedOn: LocalDate?
        /// R: working days strictly after ``pausedOn`` up to and including the deadline date then.
        public var remainingWorkingDays: Int

        enum CodingKeys: String, CodingKey {
            case pausedOn = "paused_on"
            case resumedOn = "resumed_on"
            case remainingWorkingDays = "remaining_working_days"
        }
    }

    /// The case's one extension.
    public struct Extension: Sendable, Hashable, Codable {
        /// Working days added.
        public let days: Int
        /// The supervisor's public reason.
        public let reason: String
        /// The local date it was granted.
        public let grantedOn: LocalDate
        /// The deadline date before it (nil when granted while paused: the days were added to R).
        public let previousDeadlineDate: LocalDate?

        enum CodingKeys: String, CodingKey {
            case days, reason
            case grantedOn = "granted_on"
            case previousDeadlineDate = "previous_deadline_date"
        }
    }

    /// The local date counting started from; nil for a petition still collecting signatures.
    public var startDate: LocalDate?
    /// The service's `response_days`.
    public var responseDays: Int
    /// The working days counted, in order.
    public var countedDays: [LocalDate] = []
    /// The weekend days skipped, in order.
    public var skippedWeekendDays: [LocalDate] = []
    /// The holidays skipped, with their names, in order.
    public var skippedHolidays: [NamedHoliday] = []
    /// The pauses, in order.
    public var pauses: [Pause] = []
    /// The extension, if granted.
    public var `extension`: Extension?
    /// The resulting deadline date (nil while paused or before counting starts).
    public var deadlineDate: LocalDate?

    /// Starts an explanation for a service of `responseDays`.
    public init(responseDays: Int) {
        self.responseDays = responseDays
    }

    /// Adds the days of a walk.
    mutating func append(_ walk: WorkingDayWalk) {
        countedDays += walk.counted
        skippedWeekendDays += walk.skippedWeekendDays
        skippedHolidays += walk.skippedHolidays
    }

    /// Forgets the days after `date`: at a pause, they are no longer part of the deadline.
    mutating func truncate(after date: LocalDate) {
        countedDays.removeAll { $0 > date }
        skippedWeekendDays.removeAll { $0 > date }
        skippedHolidays.removeAll { $0.date > date }
    }

    enum CodingKeys: String, CodingKey {
        case pauses, `extension`
        case startDate = "start_date"
        case responseDays = "response_days"
        case countedDays = "counted_days"
        case skippedWeekendDays = "skipped_weekend_days"
        case skippedHolidays = "skipped_holidays"
        case deadlineDate = "deadline_date"
    }
}
