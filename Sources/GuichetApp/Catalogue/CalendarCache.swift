import Foundation
import GuichetCore
import Postgres
import Synchronization

/// Office calendars kept in memory for a few seconds, so showing a due state does not re-read the
/// holidays on every request. Writes that change a calendar invalidate this instance's copy at
/// once; other instances see the change within `lifetime` (deadline *dates* are stored on the case
/// and recomputed in the writing transaction, so only the display of due states can lag).
final class CalendarCache: Sendable {
    private struct Entry {
        let office: Office
        let calendar: WorkingCalendar
        let loadedAt: Date
    }

    private let entries = Mutex<[String: Entry]>([:])
    private let lifetime: TimeInterval

    init(lifetime: TimeInterval = 5) {
        self.lifetime = lifetime
    }

    /// The office and its calendar, loaded through `connection` when missing or stale.
    func calendar(for code: String, connection: PostgresConnection) throws -> (Office, WorkingCalendar)? {
        let now = Date()
        if let entry = entries.withLock({ $0[code] }), now.timeIntervalSince(entry.loadedAt) < lifetime {
            return (entry.office, entry.calendar)
        }
        let store = CatalogueStore(connection: connection)
        guard let office = try store.office(code) else { return nil }
        let calendar = try store.calendar(for: office)
        entries.withLock { $0[code] = Entry(office: office, calendar: calendar, loadedAt: now) }
        return (office, calendar)
    }

    func invalidate(_ code: String) {
        _ = entries.withLock { $0.removeValue(forKey: code) }
    }
}
