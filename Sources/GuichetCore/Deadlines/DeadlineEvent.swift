import Foundation

/// One entry of a case's timeline that matters to its deadline, decoupled from how the app stores events.
public struct DeadlineEvent: Sendable, Hashable {
    /// What happened.
    public enum Kind: Sendable, Hashable {
        /// The case was registered; its instant is `received_at` when back-dated. Petitions start in
        /// `collecting_signatures`, everything else in `received`.
        case submitted(initialStatus: CaseStatus)
        /// The status changed (pauses, resumes, answers, reopenings and a petition's move to `received`).
        case statusChanged(from: CaseStatus, to: CaseStatus)
        /// A supervisor extended the deadline by `days` working days, with a public reason.
        case extended(days: Int, reason: String)
    }

    /// When it happened.
    public let at: Date
    /// What happened.
    public let kind: Kind

    /// Makes an event.
    public init(at: Date, kind: Kind) {
        self.at = at
        self.kind = kind
    }

    /// The registration event, at submission or at the back-dated `received_at`.
    public static func submitted(at: Date, initialStatus: CaseStatus = .received) -> DeadlineEvent {
        DeadlineEvent(at: at, kind: .submitted(initialStatus: initialStatus))
    }

    /// A status change.
    public static func statusChanged(from: CaseStatus, to: CaseStatus, at: Date) -> DeadlineEvent {
        DeadlineEvent(at: at, kind: .statusChanged(from: from, to: to))
    }

    /// The extension.
    public static func extended(days: Int, reason: String, at: Date) -> DeadlineEvent {
        DeadlineEvent(at: at, kind: .extended(days: days, reason: reason))
    }
}
