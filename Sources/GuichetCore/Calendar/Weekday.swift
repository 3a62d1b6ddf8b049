/// A day of the week numbered as ISO 8601 does, the numbering the API uses for `weekend_days`.
public enum Weekday: Int, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// ISO weekday 1.
    case monday = 1
    /// ISO weekday 2.
    case tuesday = 2
    /// ISO weekday 3.
    case wednesday = 3
    /// ISO weekday 4.
    case thursday = 4
    /// ISO weekday 5.
    case friday = 5
    /// ISO weekday 6.
    case saturday = 6
    /// ISO weekday 7.
    case sunday = 7

    /// Orders Monday first, as ISO 8601 does.
    public static func < (lhs: Weekday, rhs: Weekday) -> Bool { lhs.rawValue < rhs.rawValue }
}
