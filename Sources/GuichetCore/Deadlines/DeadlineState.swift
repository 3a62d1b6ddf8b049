import Foundation

/// A case's deadline as its timeline and its office's calendar make it, at the end of the timeline.
///
/// Encodes with the API's snake_case keys. Recomputing it after a calendar change and comparing
/// ``deadlineDate`` tells the app whether to record a `deadline_changed` event.
public struct DeadlineState: Sendable, Hashable, Codable {
    /// The case's status after the last event.
    public let status: CaseStatus
    /// The local date counting started from (submission, `received_at`, or a petition's move to
    /// `received`); nil for a petition still collecting signatures.
    public let startDate: LocalDate?
    /// The deadline date; nil while paused (it depends on the resume date) and before counting starts.
    public let deadlineDate: LocalDate?
    /// The instant ``deadlineDate`` ends in the office's zone (next local midnight), in UTC.
    public let deadlineAt: Date?
    /// Whether the clock is stopped because the office awaits the citizen.
    public let paused: Bool
    /// While paused: R, the working days left, applied from the resume date.
    public let remainingWorkingDays: Int?
    /// Whether the one allowed extension was used.
    public let extensionUsed: Bool
    /// The first time the case was resolved or rejected: the instant it is judged by.
    public let answeredAt: Date?
    /// The deadline date the answer is judged against (for an answer given while paused,
    /// the date the case would have got if resumed at that moment).
    public let judgedDeadlineDate: LocalDate?
    /// The end of ``judgedDeadlineDate``, in UTC.
    public let judgedDeadlineAt: Date?

    /// Makes a state; the calculator is the normal source.
    public init(
        status: CaseStatus, startDate: LocalDate?, deadlineDate: LocalDate?, deadlineAt: Date?, paused: Bool,
        remainingWorkingDays: Int?, extensionUsed: Bool, answeredAt: Date?, judgedDeadlineDate: LocalDate?,
        judgedDeadlineAt: Date?
    ) {
        self.status = status
        self.startDate = startDate
        self.deadlineDate = deadlineDate
        self.deadlineAt = deadlineAt
        self.paused = paused
        self.remainingWorkingDays = remainingWorkingDays
        self.extensionUsed = extensionUsed
        self.answeredAt = answeredAt
        self.judgedDeadlineDate = judgedDeadlineDate
        self.judgedDeadlineAt = judgedDeadlineAt
    }

    /// Whether the answer (if any) came before the judged deadline ended; nil when not answered.
    public var wasMet: Bool? {
        guard let answeredAt, let judgedDeadlineAt else { return nil }
        return answeredAt < judgedDeadlineAt
    }

    enum CodingKeys: String, CodingKey {
        case status, paused
        case startDate = "start_date"
        case deadlineDate = "deadline_date"
        case deadlineAt = "deadline_at"
        case remainingWorkingDays = "remaining_working_days"
        case extensionUsed = "extension_used"
        case answeredAt = "answered_at"
        case judgedDeadlineDate = "judged_deadline_date"
        case judgedDeadlineAt = "judged_deadline_at"
    }
}
