/// A move of a case from one status to another, checked against DESIGN.md's table.
///
/// | from | to |
/// |---|---|
/// | received | in_progress, awaiting_citizen, resolved, rejected, withdrawn |
/// | in_progress | awaiting_citizen, resolved, rejected, withdrawn |
/// | awaiting_citizen | in_progress, resolved, rejected, withdrawn |
/// | resolved | closed, in_progress (reopen) |
/// | rejected | closed, in_progress (reopen on appeal) |
/// | collecting_signatures | received, lapsed, withdrawn |
/// | closed, withdrawn, lapsed | — (terminal) |
///
/// Staying in the same status is not a transition and is refused too.
public struct StatusTransition: Sendable, Hashable, Codable {
    /// The status the case leaves.
    public let from: CaseStatus
    /// The status the case enters.
    public let to: CaseStatus

    /// Makes a transition value without checking it; use ``validated(from:to:)`` to check.
    public init(from: CaseStatus, to: CaseStatus) {
        self.from = from
        self.to = to
    }

    /// The statuses a case in `status` may move to.
    public static func targets(from status: CaseStatus) -> Set<CaseStatus> {
        switch status {
        case .received: [.inProgress, .awaitingCitizen, .resolved, .rejected, .withdrawn]
        case .inProgress: [.awaitingCitizen, .resolved, .rejected, .withdrawn]
        case .awaitingCitizen: [.inProgress, .resolved, .rejected, .withdrawn]
        case .resolved, .rejected: [.closed, .inProgress]
        case .collectingSignatures: [.received, .lapsed, .withdrawn]
        case .closed, .withdrawn, .lapsed: []
        }
    }

    /// Whether a case may move from `from` to `to`.
    public static func canTransition(from: CaseStatus, to: CaseStatus) -> Bool {
        targets(from: from).contains(to)
    }

    /// Whether this transition is allowed.
    public var isAllowed: Bool { Self.canTransition(from: from, to: to) }

    /// Returns the transition when allowed, or throws ``InvalidTransitionError`` naming both statuses.
    public static func validated(from: CaseStatus, to: CaseStatus) throws(InvalidTransitionError) -> StatusTransition {
        guard canTransition(from: from, to: to) else { throw InvalidTransitionError(from: from, to: to) }
        return StatusTransition(from: from, to: to)
    }
}
