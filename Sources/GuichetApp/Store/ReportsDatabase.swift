import Postgres
import Synchronization

/// Where the read-only reports read (overdue, performance, departments, open data, public
/// statistics): a streaming replica given with `--reports-database-url`, else the primary.
///
/// A replica lags the primary by its replay delay (usually well under a second), so a report may
/// miss the latest few changes; nothing that decides or writes ever reads here. When the replica
/// cannot be reached — a connect fails, or failed within the pool's cooldown — the report is read
/// from the primary instead and `fallbacks` counts it: a report is worth more than a `503`, and
/// reports are a small share of the primary's load. A replica that is reachable but saturated
/// (checkout timeout) or fails mid-report answers `503`, so that an overloaded replica never
/// turns into extra load on the primary.
public final class ReportsDatabase: Sendable {
    /// What the reports read from, as `/readyz` tells it.
    public enum Source: String, Sendable {
        /// No replica configured: reports read the primary.
        case primary
        /// The replica answers.
        case replica
        /// A replica is configured but cannot be reached: reports fall back to the primary.
        case replicaUnreachable = "replica_unreachable"
    }

    /// The database every write and every other read goes to.
    let primary: Database
    /// The replica, when one is configured.
    private let replica: Database?
    private let fallbackCount = Atomic<Int>(0)

    /// Reports read `replica` when given, else `primary`.
    public init(primary: Database, replica: Database?) {
        self.primary = primary
        self.replica = replica
    }

    /// Reports read from the primary because the replica could not be reached, since start.
    public var fallbacks: Int { fallbackCount.load(ordering: .relaxed) }

    /// Runs the read-only `body` on a replica connection, or on the primary when no replica is
    /// configured or none of its connections can be had. Only a failure to *get* a replica
    /// connection falls back: once `body` has started (and may have streamed bytes) its errors
    /// are the caller's.
    @discardableResult
    func read<Result>(_ body: (PostgresConnection) throws -> Result) throws -> Result {
        guard let replica else { return try primary.read(body) }
        var started = false
        do {
            return try replica.read { connection in
                started = true
                return try body(connection)
            }
        } catch let error as PostgresError where !started && error.kind == .unavailable {
            fallbackCount.add(1, ordering: .relaxed)
            return try primary.read(body)
        }
    }

    /// Where an event loop sends a report's statement (`Database.query(onLoop:reply:then:)`): the
    /// replica when one is configured. A replica that cannot be reached refuses the loan, and the
    /// blocking path then falls back to the primary, as `read` does.
    var loopDatabase: Database { replica ?? primary }

    /// True when no replica is configured: the reports read the database that holds the sessions,
    /// so a report's statement may check the caller's session itself (`DepartmentSummary`).
    var readsPrimary: Bool { replica == nil }

    /// Whether the replica answers now (for `/readyz`), by the same rule as `read`: only a replica
    /// that cannot be connected to is unreachable; a saturated one (checkout timeout) is not.
    public func source() -> Source {
        guard let replica else { return .primary }
        do {
            _ = try replica.pool.withConnection { connection in try connection.execute("SELECT 1") }
            return .replica
        } catch let error as PostgresError where error.kind == .unavailable {
            return .replicaUnreachable
        } catch {
            return .replica
        }
    }

    /// Closes the replica's pool (the primary's belongs to the application).
    func close() {
        replica?.pool.close()
    }
}
