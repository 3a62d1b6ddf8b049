/// Why a deadline could not be computed from a timeline, or an extension cannot be granted: an
/// extension the rules do not allow. `index` is the event's position in the timeline, nil when the
/// extension was checked before being recorded. (Shape problems are ``TimelineError``s.)
public enum DeadlineError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A second extension; a case may be extended once.
    case extensionAlreadyUsed(index: Int?)
    /// An extension of `days` outside 1…`limit` (the service's `extension_days`).
    case extensionOutOfRange(index: Int?, days: Int, limit: Int)
    /// An extension of a case that is not open (answered, withdrawn, or a petition still collecting).
    case extensionNotOpen(index: Int?, status: CaseStatus)

    /// The stable API code.
    public var code: String {
        switch self {
        case .extensionAlreadyUsed: "extension_already_used"
        case .extensionOutOfRange: "extension_out_of_range"
        case .extensionNotOpen: "extension_not_allowed"
        }
    }

    /// A description for logs and problem details.
    public var description: String {
        func at(_ index: Int?) -> String { index.map { "event \($0): " } ?? "" }
        switch self {
        case .extensionAlreadyUsed(let index): return at(index) + "the deadline was already extended once"
        case .extensionOutOfRange(let index, let days, let limit):
            return at(index) + "an extension is 1 to \(limit) working days, got \(days)"
        case .extensionNotOpen(let index, let status):
            return at(index) + "a case in \(status.rawValue) cannot be extended"
        }
    }
}
