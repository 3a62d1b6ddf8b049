/// The sweeper's decision (DESIGN.md, "Escalation"): which timeline events a case's due status calls for.
///
/// The sweeper passes the escalation events already recorded for the case's *current* deadline (those
/// after its last `deadline_changed`, resume or extension), so each is recorded once per deadline and
/// several server instances agree. The database's uniqueness makes "once" hold under races.
public enum Escalation: String, Sendable, Hashable, Codable, CaseIterable {
    /// The case became due soon.
    case dueSoon = "due_soon"
    /// The case became overdue.
    case escalated

    /// The events to record now: `escalated` when overdue and not yet recorded; `due_soon` when due
    /// soon and neither is recorded. A case that jumps straight to overdue (a sweeper outage, a test
    /// clock set forward) gets only `escalated`: being told it is due soon would be stale news.
    public static func events(for status: DueStatus, alreadyRecorded: Set<Escalation>) -> [Escalation] {
        switch status.state {
        case .overdue where !alreadyRecorded.contains(.escalated):
            return [.escalated]
        case .dueSoon where alreadyRecorded.isDisjoint(with: [.dueSoon, .escalated]):
            return [.dueSoon]
        default:
            return []
        }
    }
}
