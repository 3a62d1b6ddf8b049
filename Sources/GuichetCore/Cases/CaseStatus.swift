/// Where a case stands. Raw values are the API's snake_case spellings.
///
/// The allowed moves between statuses are in ``StatusTransition``.
public enum CaseStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// Registered; the office owes an answer and the deadline runs.
    case received
    /// An agent is working on it; the deadline runs.
    case inProgress = "in_progress"
    /// The office waits for the citizen (missing documents); the deadline is paused.
    case awaitingCitizen = "awaiting_citizen"
    /// Answered favourably, with a public message.
    case resolved
    /// Answered unfavourably, with a public message saying why.
    case rejected
    /// Filed after an answer; nothing more happens.
    case closed
    /// Withdrawn by the citizen; nothing more happens.
    case withdrawn
    /// A petition gathering signatures before it is received; no deadline yet.
    case collectingSignatures = "collecting_signatures"
    /// A petition whose signature period ended below the threshold; nothing more happens.
    case lapsed

    /// Whether a case in this status may move to `target` (see ``StatusTransition``).
    public func canTransition(to target: CaseStatus) -> Bool {
        StatusTransition.canTransition(from: self, to: target)
    }

    /// Whether no transition leaves this status.
    public var isTerminal: Bool {
        switch self {
        case .closed, .withdrawn, .lapsed: true
        default: false
        }
    }

    /// Whether the office still owes an answer, so the case counts toward deadlines
    /// (running, or paused while awaiting the citizen).
    public var isOpen: Bool {
        switch self {
        case .received, .inProgress, .awaitingCitizen: true
        default: false
        }
    }

    /// Whether the deadline clock runs in this status (open and not waiting for the citizen).
    public var isClockRunning: Bool {
        self == .received || self == .inProgress
    }

    /// Whether the office has answered (resolved or rejected, possibly closed since): judged met or missed.
    public var isAnswered: Bool {
        switch self {
        case .resolved, .rejected, .closed: true
        default: false
        }
    }

    /// Whether entering this status needs a public message, so the citizen is always told why.
    public var requiresPublicMessage: Bool {
        self == .resolved || self == .rejected
    }
}
