/// How a case stands against its deadline, shown everywhere a case is shown. Raw values are the API's.
public enum DueState: String, Sendable, Hashable, Codable, CaseIterable {
    /// Waiting for the citizen; the clock is stopped.
    case paused
    /// Open and past its deadline (now ≥ `deadline_at`).
    case overdue
    /// Open, and the deadline date is today or the next working day.
    case dueSoon = "due_soon"
    /// Open with more time left.
    case onTime = "on_time"
    /// Answered before its deadline ended.
    case met
    /// Answered after its deadline ended.
    case missed
    /// No deadline applies: withdrawn, lapsed, or a petition still collecting signatures.
    case none
}
