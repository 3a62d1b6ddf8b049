import Foundation
import GuichetCore
import Postgres

extension CaseWorkflow {
    /// After an office's holidays or weekend changed (the caller holds the office row with
    /// `lockOfficeForCalendarChange` from before the change): re-derives the deadline of each of its open
    /// cases and records a public `deadline_changed` event on each whose date moved. Runs in the
    /// transaction that changed the calendar, so the change and its consequences commit together.
    @discardableResult
    func recomputeOpenDeadlines(office code: String, actor: String, connection: PostgresConnection) throws -> Int {
        calendars.invalidate(code)
        let catalogue = CatalogueStore(connection: connection)
        guard let office = try catalogue.office(code, lock: .update) else { return 0 }
        let calendar = try catalogue.calendar(for: office)
        let store = CaseStore(connection: connection)
        let open = try connection.query(
            """
            SELECT \(unsafeSQL: CaseRecord.columns) FROM cases c
             WHERE c.office = \(code) AND c.status IN ('received', 'in_progress', 'awaiting_citizen')
             ORDER BY c.reference FOR UPDATE
            """
        ).map(CaseRecord.init(row:))
        var moved = 0
        let now = clock.now()
        for var record in open {
            let events = try store.events(office: record.office, reference: record.reference)
            let state = try DeadlineRefresh(calendar: calendar).evaluate(record.tracked, events: events).state
            let newDate = state.deadlineDate
            guard newDate != record.deadlineDate || state.deadlineAt != record.deadlineAt else { continue }
            var data: [String: String] = [:]
            if let old = record.deadlineDate { data["from"] = old.description }
            if let newDate { data["to"] = newDate.description }
            let changed = newDate != record.deadlineDate
            record.deadlineDate = newDate
            record.deadlineAt = state.deadlineAt
            record.paused = state.paused
            try store.update(record)
            if changed {
                let event = CaseEvent(
                    seq: 0, at: now, actor: actor, type: "deadline_changed", isPublic: true, data: data)
                let seq = try store.append(office: record.office, reference: record.reference, event)
                try queueNotifications(for: event, seq: seq, on: record, connection: connection)
                moved += 1
            }
        }
        calendars.invalidate(code)
        return moved
    }
}

extension CaseWorkflow {
    /// Takes the office row for a calendar change before anything changes, so filings and status
    /// changes computing deadlines wait until the change and its recomputation commit.
    func lockOfficeForCalendarChange(_ code: String, connection: PostgresConnection) throws -> Office {
        guard let office = try CatalogueStore(connection: connection).office(code, lock: .update) else {
            throw Problems.notFound("office")
        }
        return office
    }
}
