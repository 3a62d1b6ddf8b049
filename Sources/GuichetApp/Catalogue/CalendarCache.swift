import Foundation
import GuichetCore
import Locking
import Postgres

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

    private let entries = Locked<[String: Entry]>([:])
    /// Which offices exist, for reports over all of them; as fresh as the calendars.
    private let officeCodes = Locked<(codes: [String], loadedAt: Date)?>(nil)
    private let lifetime: TimeInterval

    init(lifetime: TimeInterval = 5) {
        self.lifetime = lifetime
    }

    /// The office, its calendar and its holiday names, loaded through `connection` when missing or stale.
    func entry(for code: String, connection: PostgresConnection) throws -> Entry? {
        let now = Date()
        return try freshEntry(for: code, now: now) ?? load(code, connection: connection, now: now)
    }

    /// The office's entry if this instance holds a fresh one; nil means it must be loaded (which
    /// an event loop, never blocking on the database, leaves to a worker).
    func freshEntry(for code: String, now: Date = Date()) -> Entry? {
        guard let entry = entries.withLock({ $0[code] }), now.timeIntervalSince(entry.loadedAt) < lifetime else {
            return nil
        }
        return entry
    }

    /// Every office's entry, by code: the list of offices is re-read when stale, like a calendar,
    /// so a report over all offices costs no query per request for it.
    func allEntries(connection: PostgresConnection) throws -> [String: Entry] {
        let now = Date()
        var codes = freshOfficeCodes(now: now)
        if codes == nil {
            let loaded = try CatalogueStore(connection: connection).offices().map(\.code)
            officeCodes.withLock { $0 = (loaded, now) }
            codes = loaded
        }
        var found: [String: Entry] = [:]
        for code in codes ?? [] {
            if let entry = try entry(for: code, connection: connection) { found[code] = entry }
        }
        return found
    }

    /// What a report over `office` needs: that office's entry alone (none for an unknown office),
    /// or every office's when `office` is nil.
    func entries(office: String?, connection: PostgresConnection) throws -> [String: Entry] {
        guard let office else { return try allEntries(connection: connection) }
        return try entry(for: office, connection: connection).map { [office: $0] } ?? [:]
    }

    /// What `entries(office:connection:)` gives, if this instance holds it all fresh (the list of
    /// offices too, for every office); nil means something must be loaded, which an event loop
    /// leaves to a worker.
    func freshEntries(office: String?, now: Date = Date()) -> [String: Entry]? {
        if let office { return freshEntry(for: office, now: now).map { [office: $0] } }
        guard let codes = freshOfficeCodes(now: now) else { return nil }
        var found: [String: Entry] = [:]
        for code in codes {
            guard let entry = freshEntry(for: code, now: now) else { return nil }
            found[code] = entry
        }
        return found
    }

    /// The list of offices if this instance read it within `lifetime`.
    private func freshOfficeCodes(now: Date) -> [String]? {
        officeCodes.withLock { $0 }.flatMap { now.timeIntervalSince($0.loadedAt) < lifetime ? $0.codes : nil }
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

    /// Forgets an office's calendar (and the list of offices, which the change may have altered).
    func invalidate(_ code: String) {
        _ = entries.withLock { $0.removeValue(forKey: code) }
        officeCodes.withLock { $0 = nil }
    }
}
