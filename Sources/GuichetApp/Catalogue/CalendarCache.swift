import Foundation
import GuichetCore
import Postgres
import Synchronization

/// Office calendars kept in memory for a few seconds, for *showing* due states and explanations
/// without re-reading the holidays on every request. Stored deadlines never come from here: they
/// are computed from a calendar read inside the writing transaction under a lock on the office row
/// (`CaseWorkflow.calendarForWrite`). A calendar change invalidates this instance's copy at once;
/// other instances show the change within `lifetime`.
final class CalendarCache: Sendable {
    /// One office's calendar as loaded: immutable and shared, so a look-up under the lock costs
    /// one reference count, not one per field (the tracking path takes it on every request).
    final class Entry: Sendable {
        let office: Office
        let calendar: WorkingCalendar
        let holidayNames: [LocalDate: Trilingual]
        let loadedAt: Date

        init(office: Office, calendar: WorkingCalendar, holidayNames: [LocalDate: Trilingual], loadedAt: Date) {
            self.office = office
            self.calendar = calendar
            self.holidayNames = holidayNames
            self.loadedAt = loadedAt
        }
    }

    private let entries = Mutex<[String: Entry]>([:])
    private let lifetime: TimeInterval

    init(lifetime: TimeInterval = 5) {
        self.lifetime = lifetime
    }

    /// The office, its calendar and its holiday names, loaded through `connection` when missing or stale.
    func entry(for code: String, connection: PostgresConnection) throws -> Entry? {
        let now = Date()
        if let entry = entries.withLock({ $0[code] }), now.timeIntervalSince(entry.loadedAt) < lifetime {
            return entry
        }
        return try load(code, connection: connection, now: now)
    }

    /// The office and its calendar, loaded through `connection` when missing or stale.
    func calendar(for code: String, connection: PostgresConnection) throws -> (Office, WorkingCalendar)? {
        try entry(for: code, connection: connection).map { ($0.office, $0.calendar) }
    }

    private func load(_ code: String, connection: PostgresConnection, now: Date) throws -> Entry? {
        let store = CatalogueStore(connection: connection)
        guard let office = try store.office(code) else { return nil }
        let holidays = try store.holidays(office: code)
        var names: [LocalDate: Trilingual] = [:]
        var french: [LocalDate: String] = [:]
        for holiday in holidays {
            names[holiday.date] = holiday.name
            french[holiday.date] = holiday.name.fr
        }
        let calendar = try WorkingCalendar(
            timeZoneIdentifier: office.timezone,
            weekendDays: Set(office.weekendDays.compactMap(Weekday.init(rawValue:))), holidays: french)
        let entry = Entry(office: office, calendar: calendar, holidayNames: names, loadedAt: now)
        entries.withLock { $0[code] = entry }
        return entry
    }

    func invalidate(_ code: String) {
        _ = entries.withLock { $0.removeValue(forKey: code) }
    }
}
