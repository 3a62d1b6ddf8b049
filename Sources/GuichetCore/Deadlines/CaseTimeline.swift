/// The deadline-relevant events of one case, in the order they were appended, checked for shape.
///
/// Order is the append order, not the timestamps: the test clock may be set backwards and several
/// server instances' clocks differ slightly, so times are used for local dates, never for sorting.
public struct CaseTimeline: Sendable, Hashable {
    /// The events, registration first.
    public let events: [DeadlineEvent]
    /// The status after the last event.
    public let status: CaseStatus

    /// Checks that the timeline starts with exactly one registration in `received` or
    /// `collecting_signatures`, and that every status change starts from the current status
    /// and is allowed by ``StatusTransition``.
    public init(_ events: [DeadlineEvent]) throws(TimelineError) {
        guard let first = events.first, case .submitted(let initial) = first.kind else {
            throw .missingSubmission
        }
        guard initial == .received || initial == .collectingSignatures else {
            throw .invalidInitialStatus(initial)
        }
        var status = initial
        for (index, event) in events.enumerated().dropFirst() {
            switch event.kind {
            case .submitted:
                throw .duplicateSubmission(index: index)
            case .statusChanged(let from, let to):
                guard from == status else { throw .statusMismatch(index: index, expected: status, found: from) }
                guard StatusTransition.canTransition(from: from, to: to) else {
                    throw .invalidTransition(index: index, InvalidTransitionError(from: from, to: to))
                }
                status = to
            case .extended:
                continue
            }
        }
        self.events = events
        self.status = status
    }
}

/// Why a list of events is not a valid ``CaseTimeline``; names the event's position.
public enum TimelineError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The first event is not a registration (or the list is empty).
    case missingSubmission
    /// A case can only start in `received` or `collecting_signatures`.
    case invalidInitialStatus(CaseStatus)
    /// A second registration event.
    case duplicateSubmission(index: Int)
    /// A status change whose `from` is not the case's status at that point.
    case statusMismatch(index: Int, expected: CaseStatus, found: CaseStatus)
    /// A status change the transition table forbids.
    case invalidTransition(index: Int, InvalidTransitionError)

    /// A description for logs; statuses and positions only.
    public var description: String {
        switch self {
        case .missingSubmission: "a timeline starts with the case's registration"
        case .invalidInitialStatus(let status): "a case cannot start in \(status.rawValue)"
        case .duplicateSubmission(let index): "event \(index) registers the case a second time"
        case .statusMismatch(let index, let expected, let found):
            "event \(index) leaves \(found.rawValue) but the case is \(expected.rawValue)"
        case .invalidTransition(let index, let error): "event \(index): \(error)"
        }
    }
}
