/// A case's ``DueState`` at a given moment, with how many working days late it is.
public struct DueStatus: Sendable, Hashable, Codable {
    /// The due state.
    public let state: DueState
    /// Working days after the deadline date up to and including today's local date for an overdue
    /// case (0 on a weekend right after the deadline); for a missed case, the same count at the
    /// answer's local date; 0 otherwise.
    public let daysOverdue: Int

    /// Makes a due status.
    public init(state: DueState, daysOverdue: Int = 0) {
        self.state = state
        self.daysOverdue = daysOverdue
    }

    enum CodingKeys: String, CodingKey {
        case state = "due_state"
        case daysOverdue = "days_overdue"
    }
}
