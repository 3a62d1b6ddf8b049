import Foundation

/// Computes a case's deadline from its timeline, its service's delay and its office's calendar
/// (DESIGN.md, "Deadlines"); pure, so a deadline can always be recomputed and explained.
///
/// - The deadline date is the N-th working day strictly after the local date counting starts from
///   (N = `response_days`; N = 0: the first working day on or after it). `deadline_at` is the end
///   of that local day, in UTC.
/// - Entering `awaiting_citizen` on local date P freezes R = working days strictly after P up to and
///   including the deadline date (0 if none); leaving it on local date D sets the deadline to the
///   R-th working day after D (R = 0: the first working day on or after D). An answer given while
///   paused resumes the clock at that moment, which is the deadline it is judged against.
/// - One extension adds 1…`extension_days` working days counted from the current deadline date
///   (while paused, they are added to R).
public struct DeadlineCalculator: Sendable {
    /// The office's calendar.
    public let calendar: WorkingCalendar
    /// The service's delays.
    public let delay: ServiceDelay

    /// Makes a calculator for one office and service.
    public init(calendar: WorkingCalendar, delay: ServiceDelay) {
        self.calendar = calendar
        self.delay = delay
    }

    /// The deadline date of a case counted from `instant` with no pause or extension (what the
    /// receipt shows at registration).
    public func initialDeadline(from instant: Date) -> LocalDate {
        calendar.nthWorkingDay(after: calendar.localDate(of: instant), n: delay.responseDays)
    }

    /// The deadline state at the end of `timeline`.
    public func state(of timeline: CaseTimeline) throws(DeadlineError) -> DeadlineState {
        try evaluate(timeline).state
    }

    /// The deadline state and its explanation at the end of `timeline`.
    public func evaluate(_ timeline: CaseTimeline) throws(DeadlineError) -> DeadlineEvaluation {
        var status = CaseStatus.received
        var explanation = DeadlineExplanation(responseDays: delay.responseDays)
        var deadline: LocalDate?
        var remaining: Int?
        var extensionUsed = false
        var answeredAt: Date?
        var judgedDeadline: LocalDate?

        func start(at instant: Date) {
            let day = calendar.localDate(of: instant)
            let walk = calendar.walk(after: day, n: delay.responseDays)
            explanation.startDate = day
            explanation.append(walk)
            deadline = walk.end
        }

        for (index, event) in timeline.events.enumerated() {
            let day = calendar.localDate(of: event.at)
            switch event.kind {
            case .submitted(let initial):
                status = initial
                if initial == .received { start(at: event.at) }

            case .statusChanged(let from, let to):
                if from == .collectingSignatures && to == .received { start(at: event.at) }
                if from == .awaitingCitizen, let frozen = remaining {
                    // Resuming, or answering while paused, which is judged as a resume at that moment.
                    let walk = calendar.walk(after: day, n: frozen)
                    explanation.append(walk)
                    if !explanation.pauses.isEmpty { explanation.pauses[explanation.pauses.count - 1].resumedOn = day }
                    deadline = walk.end
                    remaining = nil
                }
                if to == .awaitingCitizen, let current = deadline {
                    let frozen = calendar.workingDays(after: day, through: current)
                    explanation.truncate(after: day)
                    explanation.pauses.append(.init(pausedOn: day, resumedOn: nil, remainingWorkingDays: frozen))
                    remaining = frozen
                    deadline = nil
                }
                if (to == .resolved || to == .rejected) && answeredAt == nil {
                    answeredAt = event.at
                    judgedDeadline = deadline
                }
                status = to

            case .extended(let days, let reason):
                guard status.isOpen else { throw .extensionNotOpen(index: index, status: status) }
                guard !extensionUsed else { throw .extensionAlreadyUsed(index: index) }
                guard days >= 1, days <= delay.extensionDays else {
                    throw .extensionOutOfRange(index: index, days: days, limit: delay.extensionDays)
                }
                explanation.extension = .init(
                    days: days, reason: reason, grantedOn: day, previousDeadlineDate: deadline)
                if let current = deadline {
                    let walk = calendar.walk(after: current, n: days)
                    explanation.append(walk)
                    deadline = walk.end
                } else if let frozen = remaining {
                    remaining = frozen + days
                    if !explanation.pauses.isEmpty {
                        explanation.pauses[explanation.pauses.count - 1].remainingWorkingDays = frozen + days
                    }
                }
                extensionUsed = true
            }
        }

        explanation.deadlineDate = deadline
        let state = DeadlineState(
            status: status, startDate: explanation.startDate, deadlineDate: deadline,
            deadlineAt: deadline.map(calendar.endOfDay), paused: status == .awaitingCitizen,
            remainingWorkingDays: remaining, extensionUsed: extensionUsed, answeredAt: answeredAt,
            judgedDeadlineDate: judgedDeadline, judgedDeadlineAt: judgedDeadline.map(calendar.endOfDay))
        return DeadlineEvaluation(state: state, explanation: explanation)
    }

    /// The deadline date a paused case would get if resumed at `instant`; for a running case, its deadline.
    public func deadlineIfResumed(_ state: DeadlineState, at instant: Date) -> LocalDate? {
        guard let remaining = state.remainingWorkingDays else { return state.deadlineDate }
        return calendar.nthWorkingDay(after: calendar.localDate(of: instant), n: remaining)
    }

    /// Checks an extension of `days` before the app records it, with the same rules as ``evaluate(_:)``.
    public func checkExtension(days: Int, for state: DeadlineState) throws(DeadlineError) {
        guard state.status.isOpen else { throw .extensionNotOpen(index: nil, status: state.status) }
        guard !state.extensionUsed else { throw .extensionAlreadyUsed(index: nil) }
        guard days >= 1, days <= delay.extensionDays else {
            throw .extensionOutOfRange(index: nil, days: days, limit: delay.extensionDays)
        }
    }

    /// The case's due state at `now` (DESIGN.md, "Due state").
    public func dueStatus(of state: DeadlineState, now: Date) -> DueStatus {
        switch state.status {
        case .awaitingCitizen:
            return DueStatus(state: .paused)
        case .received, .inProgress:
            guard let deadlineDate = state.deadlineDate, let deadlineAt = state.deadlineAt else {
                return DueStatus(state: .none)
            }
            let today = calendar.localDate(of: now)
            if now >= deadlineAt {
                return DueStatus(
                    state: .overdue, daysOverdue: calendar.workingDays(after: deadlineDate, through: today))
            }
            if deadlineDate <= today || deadlineDate == calendar.nthWorkingDay(after: today, n: 1) {
                return DueStatus(state: .dueSoon)
            }
            return DueStatus(state: .onTime)
        case .resolved, .rejected, .closed:
            guard let answeredAt = state.answeredAt, let judgedDate = state.judgedDeadlineDate,
                let judgedAt = state.judgedDeadlineAt
            else { return DueStatus(state: .none) }
            if answeredAt < judgedAt { return DueStatus(state: .met) }
            let late = calendar.workingDays(after: judgedDate, through: calendar.localDate(of: answeredAt))
            return DueStatus(state: .missed, daysOverdue: late)
        case .withdrawn, .lapsed, .collectingSignatures:
            return DueStatus(state: .none)
        }
    }
}
