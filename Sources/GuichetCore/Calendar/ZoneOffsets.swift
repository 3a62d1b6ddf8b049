import Foundation
import Locking

/// A time zone's offsets from UTC from 2000 to 2100, read from Foundation once per zone and
/// process, so that turning an instant into an office's local time is a binary search.
///
/// Foundation answers every `secondsFromGMT(for:)` through ICU under a lock the zone's users
/// share: about 1,300 instructions a call, seven calls per tracking answer, and a lock the
/// workers queued on. Between two transitions ICU reports, a zone's offset does not change, so the
/// transitions are the whole table; outside the window the zone is asked as before.
struct ZoneOffsets: Sendable {
    /// 2000-01-01T00:00Z and 2100-01-01T00:00Z, in seconds since 1970.
    static let window: Range<Double> = 946_684_800..<4_102_444_800

    private let zone: TimeZone
    /// The instants at which the offset changes, ascending, within `window`.
    private let changes: [Double]
    /// `offsets[i]` holds before `changes[i]` (and from the one before it); the last one after
    /// the last change.
    private let offsets: [Int]

    private static let tables = Locked<[String: ZoneOffsets]>([:])

    /// The table for `zone`, built on first use (calendars are rebuilt every few seconds).
    static func table(for zone: TimeZone) -> ZoneOffsets {
        if let known = tables.withLock({ $0[zone.identifier] }) { return known }
        let built = ZoneOffsets(zone: zone)
        tables.withLock { $0[zone.identifier] = built }
        return built
    }

    init(zone: TimeZone) {
        self.zone = zone
        var changes: [Double] = []
        var offsets = [zone.secondsFromGMT(for: Date(timeIntervalSince1970: Self.window.lowerBound))]
        var cursor = Date(timeIntervalSince1970: Self.window.lowerBound)
        while let next = zone.nextDaylightSavingTimeTransition(after: cursor), next > cursor,
            Self.window.contains(next.timeIntervalSince1970)
        {
            let offset = zone.secondsFromGMT(for: next)
            if offset != offsets.last {
                changes.append(next.timeIntervalSince1970)
                offsets.append(offset)
            }
            cursor = next
        }
        self.changes = changes
        self.offsets = offsets
    }

    /// The zone's offset from UTC at `instant` (seconds since 1970), in seconds.
    func secondsFromGMT(at instant: Double) -> Int {
        guard Self.window.contains(instant) else {
            return zone.secondsFromGMT(for: Date(timeIntervalSince1970: instant))
        }
        // The number of changes at or before `instant` is the index of the offset in force.
        var low = 0
        var high = changes.count
        while low < high {
            let middle = (low + high) / 2
            if changes[middle] <= instant { low = middle + 1 } else { high = middle }
        }
        return offsets[low]
    }
}
