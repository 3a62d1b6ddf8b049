import Foundation
import GuichetCore

/// Recomputes a case's deadline from its timeline and its office's calendar — the one way a
/// deadline is ever set, so it can always be explained and recomputed.
struct DeadlineRefresh {
    let calendar: WorkingCalendar

    func evaluate(_ record: TrackedCase, events: [CaseEvent]) throws -> DeadlineEvaluation {
        let delay = try ServiceDelay(responseDays: record.responseDays, extensionDays: record.extensionDays)
        let timeline = try CaseTimeline(
            CaseEvent.deadlineEvents(events, receivedAt: record.receivedAt, initialStatus: record.kind.initialStatus))
        return try DeadlineCalculator(calendar: calendar, delay: delay).evaluate(timeline)
    }

    func dueStatus(_ state: DeadlineState, record: TrackedCase, now: Date) throws -> DueStatus {
        let delay = try ServiceDelay(responseDays: record.responseDays, extensionDays: record.extensionDays)
        return DeadlineCalculator(calendar: calendar, delay: delay).dueStatus(of: state, now: now)
    }
}
