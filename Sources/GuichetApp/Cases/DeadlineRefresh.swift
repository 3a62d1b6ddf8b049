import Foundation
import GuichetCore

/// What a case's deadline is computed from besides its timeline: the service's delays as recorded
/// on the case, when it was received and what kind of case it is. The full row (`CaseRecord`) and
/// the tracking look-up's slice of it (`TrackedCase`) both carry them.
protocol CaseDelayInputs {
    var kind: CaseKind { get }
    var receivedAt: Date { get }
    var responseDays: Int { get }
    var extensionDays: Int { get }
}

extension CaseRecord: CaseDelayInputs {}

/// Recomputes a case's deadline from its timeline and its office's calendar — the one way a
/// deadline is ever set, so it can always be explained and recomputed.
struct DeadlineRefresh {
    let calendar: WorkingCalendar

    func evaluate(_ record: some CaseDelayInputs, events: [CaseEvent]) throws -> DeadlineEvaluation {
        let delay = try ServiceDelay(responseDays: record.responseDays, extensionDays: record.extensionDays)
        let timeline = try CaseTimeline(
            CaseEvent.deadlineEvents(events, receivedAt: record.receivedAt, initialStatus: record.kind.initialStatus))
        return try DeadlineCalculator(calendar: calendar, delay: delay).evaluate(timeline)
    }

    func dueStatus(_ state: DeadlineState, record: some CaseDelayInputs, now: Date) throws -> DueStatus {
        let delay = try ServiceDelay(responseDays: record.responseDays, extensionDays: record.extensionDays)
        return DeadlineCalculator(calendar: calendar, delay: delay).dueStatus(of: state, now: now)
    }
}
