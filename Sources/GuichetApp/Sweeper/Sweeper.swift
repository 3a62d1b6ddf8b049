import Foundation
import GuichetCore
import Locking
import Postgres

/// Records, once per case and per deadline, a `due_soon` event when a case becomes due soon and an
/// `escalated` event when it becomes overdue; and lapses petitions whose signature period ended. Runs in the server every minute and at each test-clock
/// setting. Safe with several instances on one database: each event is claimed by a conditional
/// UPDATE of the case row (`escalated_for IS DISTINCT FROM deadline_date`), which only one
/// transaction can win.
final class Sweeper: Sendable {
    /// What one sweep did.
    struct Result: Sendable {
        var dueSoon = 0
        var escalated = 0
        /// Petitions whose signature period ended below the threshold.
        var lapsed = 0
    }

    /// Figures for `/metrics`.
    struct Stats: Sendable {
        var runs = 0
        var lastRun: Date?
        var lastDuration: TimeInterval = 0
        var lastError: Bool = false
        var dueSoonRecorded = 0
        var escalationsRecorded = 0
    }

    let workflow: CaseWorkflow
    let interval: TimeInterval
    private let stats = Locked(Stats())
    private let running = Locked(false)
    private let log: @Sendable (String) -> Void

    init(workflow: CaseWorkflow, interval: TimeInterval = 60, log: @escaping @Sendable (String) -> Void) {
        self.workflow = workflow
        self.interval = interval
        self.log = log
    }

    var currentStats: Stats { stats.withLock { $0 } }

    /// Sweeps every `interval` seconds of real time on a thread of its own.
    func start() {
        let thread = Thread { [weak self] in
            while let sweeper = self {
                sweeper.sweepLogged()
                Thread.sleep(forTimeInterval: sweeper.interval)
            }
        }
        thread.name = "guichet-sweeper"
        thread.start()
    }

    func sweepLogged() {
        do {
            _ = try sweep()
        } catch {
            log("sweeper: \(error)")
        }
    }

    /// One pass over every office at the workflow clock's "now". Passes do not overlap within an
    /// instance; across instances the conditional updates keep every event single.
    @discardableResult
    func sweep() throws -> Result {
        guard
            running.withLock({ busy in
                if busy { return false }
                busy = true
                return true
            })
        else { return Result() }
        defer { running.withLock { $0 = false } }
        let started = Date()
        let now = workflow.clock.now()
        var result = Result()
        do {
            let offices = try workflow.database.read { connection in
                try CatalogueStore(connection: connection).offices()
            }
            for office in offices {
                let partial = try sweep(office: office.code, now: now)
                result.dueSoon += partial.dueSoon
                result.escalated += partial.escalated
                result.lapsed += try workflow.lapseExpiredPetitions(office: office.code, now: now)
            }
            try housekeeping(now: now)
        } catch {
            stats.withLock { $0.lastError = true }
            throw error
        }
        stats.withLock { stats in
            stats.runs += 1
            stats.lastRun = started
            stats.lastDuration = Date().timeIntervalSince(started)
            stats.lastError = false
            stats.dueSoonRecorded += result.dueSoon
            stats.escalationsRecorded += result.escalated
        }
        return result
    }

    /// Forgets what only matters for a while: idempotency records after a day (a retry comes
    /// within minutes), rate-limit windows after a day, sessions once expired; and folds the open-case
    /// tally's deltas.
    private func housekeeping(now: Date) throws {
        let dayAgo = now.addingTimeInterval(-86_400)
        try workflow.database.read { connection in
            try connection.execute("DELETE FROM idempotency_keys WHERE created_at < \(dayAgo)")
            try connection.execute("DELETE FROM rate_limits WHERE window_start < \(dayAgo)")
            try connection.execute("DELETE FROM sessions WHERE expires_at < \(now)")
            try DepartmentSummary.foldTally(connection: connection)
        }
    }

    private struct Candidate {
        let reference: String
        let deadlineDate: LocalDate
        let deadlineAt: Date
        let dueSoonFor: LocalDate?
        let escalatedFor: LocalDate?
    }

    private func sweep(office code: String, now: Date) throws -> Result {
        let candidates: [Candidate] = try workflow.database.read { connection in
            guard let (_, calendar) = try workflow.calendars.calendar(for: code, connection: connection) else {
                return []
            }
            // Due soon means: the deadline date is today or the next working day.
            let today = calendar.localDate(of: now)
            let horizon = calendar.endOfDay(calendar.nthWorkingDay(after: today, n: 1))
            return try connection.query(
                """
                SELECT reference, deadline_date, deadline_at, due_soon_for, escalated_for FROM cases
                 WHERE office = \(code) AND status IN ('received', 'in_progress') AND deadline_at <= \(horizon)
                   AND escalated_for IS DISTINCT FROM deadline_date
                   AND (deadline_at <= \(now) OR due_soon_for IS DISTINCT FROM deadline_date)
                 ORDER BY deadline_at
                """
            ).map { row in
                Candidate(
                    reference: try row.decode(column: "reference"),
                    deadlineDate: try row.decode(column: "deadline_date"),
                    deadlineAt: try row.decode(column: "deadline_at"),
                    dueSoonFor: try row.decode(column: "due_soon_for"),
                    escalatedFor: try row.decode(column: "escalated_for"))
            }
        }
        var result = Result()
        for candidate in candidates {
            let overdue = now >= candidate.deadlineAt
            var recorded = Set<Escalation>()
            if candidate.escalatedFor == candidate.deadlineDate { recorded.insert(.escalated) }
            if candidate.dueSoonFor == candidate.deadlineDate { recorded.insert(.dueSoon) }
            let status = DueStatus(state: overdue ? .overdue : .dueSoon)
            for event in Escalation.events(for: status, alreadyRecorded: recorded) {
                if try claim(event, office: code, candidate: candidate, now: now) {
                    if event == .escalated { result.escalated += 1 } else { result.dueSoon += 1 }
                }
            }
        }
        return result
    }

    /// Marks the case and appends the event in one transaction, only if no one did it first.
    private func claim(_ event: Escalation, office: String, candidate: Candidate, now: Date) throws -> Bool {
        try workflow.database.write { connection in
            let column = event == .escalated ? "escalated_for" : "due_soon_for"
            let claimed = try connection.execute(
                """
                UPDATE cases SET \(unsafeSQL: column) = deadline_date
                 WHERE office = \(office) AND reference = \(candidate.reference)
                   AND status IN ('received', 'in_progress') AND deadline_date = \(candidate.deadlineDate)
                   AND \(unsafeSQL: column) IS DISTINCT FROM deadline_date
                """)
            guard claimed == 1 else { return false }
            try CaseStore(connection: connection).append(
                office: office, reference: candidate.reference,
                CaseEvent(
                    seq: 0, at: now, actor: "system", type: event.rawValue, isPublic: false,
                    data: ["deadline_date": candidate.deadlineDate.description]))
            return true
        }
    }
}
