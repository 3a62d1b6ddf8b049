/// A status change the transition table forbids; the API answers it with `409 invalid_transition`.
public struct InvalidTransitionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The stable API code.
    public static let code = "invalid_transition"

    /// The case's current status.
    public let from: CaseStatus
    /// The status that was asked for.
    public let to: CaseStatus

    /// Makes the error for a refused move from `from` to `to`.
    public init(from: CaseStatus, to: CaseStatus) {
        self.from = from
        self.to = to
    }

    /// The statuses that would have been allowed, for the problem's detail.
    public var allowed: [CaseStatus] {
        CaseStatus.allCases.filter { StatusTransition.canTransition(from: from, to: $0) }
    }

    /// A description for logs and the problem's `detail`; statuses are not personal data.
    public var description: String {
        "a case cannot move from \(from.rawValue) to \(to.rawValue)"
    }
}
