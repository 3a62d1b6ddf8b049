/// Why an office is closed on a given day: the two kinds of day a deadline skips.
public enum DayClosure: Sendable, Hashable {
    /// One of the office's weekly weekend days.
    case weekend
    /// A holiday in the office's table, with its name as the administrator entered it.
    case holiday(name: String)
}
