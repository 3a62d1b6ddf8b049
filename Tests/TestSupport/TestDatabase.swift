import Foundation
import Glibc
import Postgres

/// Why the test database could not be set up; the message says how to fix it.
public struct TestDatabaseError: Error, CustomStringConvertible {
    /// What went wrong and what to do.
    public let description: String
}

/// A fresh, empty database `guichet_test_<random>` on the test cluster, dropped by `drop()`.
///
/// The cluster is given by `GUICHET_TEST_DATABASE_URL` (an admin URL to the `postgres`
/// database), which `make test` always sets. Without it the tests fail loudly instead of
/// skipping: a green run that tested nothing is worse than a red one.
public final class TestDatabase: Sendable {
    /// The admin URL (`postgres` database).
    public let adminURL: String
    /// The new database's name.
    public let name: String
    /// A URL to the new database.
    public let url: String

    /// Creates the database.
    public init() throws {
        guard let admin = ProcessInfo.processInfo.environment["GUICHET_TEST_DATABASE_URL"], !admin.isEmpty else {
            throw TestDatabaseError(
                description: """
                    GUICHET_TEST_DATABASE_URL is not set. Run `make test`, or: scripts/db.sh start && \
                    GUICHET_TEST_DATABASE_URL="$(scripts/db.sh url postgres)" GUICHET_TEST_DB_CTL="$PWD/scripts/db.sh" swift test
                    """)
        }
        adminURL = admin
        name = "guichet_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        url = try Self.replacingDatabase(in: admin, with: name)
        let connection = try PostgresConnection(url: admin)
        // An identifier cannot be a bind; the name is generated above from hex digits only.
        try connection.execute(PostgresQuery(unsafeSQL: "CREATE DATABASE \"\(name)\""))
    }

    /// Drops the database, disconnecting whoever is still connected (`WITH (FORCE)`).
    public func drop() throws {
        let connection = try PostgresConnection(url: adminURL)
        try connection.execute(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \"\(name)\" WITH (FORCE)"))
    }

    /// A new connection to the test database.
    public func connect() throws -> PostgresConnection {
        try PostgresConnection(url: url)
    }

    /// `postgresql:///postgres?host=…` with another database name in the path.
    public static func replacingDatabase(in url: String, with database: String) throws -> String {
        guard var components = URLComponents(string: url) else {
            throw TestDatabaseError(description: "GUICHET_TEST_DATABASE_URL is not a URL")
        }
        components.path = "/" + database
        guard let result = components.string else {
            throw TestDatabaseError(description: "cannot build a URL for database \(database)")
        }
        return result
    }
}

/// Stops and starts the whole test cluster through `GUICHET_TEST_DB_CTL` (scripts/db.sh),
/// for tests of what happens when the database goes away.
public enum TestCluster {
    /// `db.sh stop immediate`: the server dies without a goodbye, like a crash.
    public static func stopImmediately() throws {
        try run(["stop", "immediate"])
    }

    /// `db.sh start`, waiting until the server accepts connections.
    public static func start() throws {
        try run(["start"])
    }

    /// `db.sh replica start`: a streaming replica of the test cluster (made with `pg_basebackup`
    /// unless one runs already), waiting until it accepts read-only connections.
    public static func startReplica() throws {
        try run(["replica", "start"])
    }

    /// `db.sh replica stop MODE` (`immediate`: like a crash).
    public static func stopReplica(mode: String = "fast") throws {
        try run(["replica", "stop", mode])
    }

    /// `db.sh replica destroy`: stops it and removes its data folder.
    public static func destroyReplica() throws {
        try run(["replica", "destroy"])
    }

    /// The URL of `database` on the replica (which holds every database of the cluster).
    public static func replicaURL(database: String) throws -> String {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("replica-url-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        try run(["replica", "url", database], standardOutput: output.path)
        return try String(contentsOf: output, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs `db.sh` with `posix_spawn` and `waitpid`, not Foundation's `Process`: `Process`
    /// notices the child's exit through a descriptor the child inherits, and the PostgreSQL
    /// server that `db.sh start` leaves behind inherits it too, so `waitUntilExit` never returns.
    /// Descriptors above stderr are closed in the child for the same reason.
    private static func run(_ arguments: [String], standardOutput: String? = nil) throws {
        guard let control = ProcessInfo.processInfo.environment["GUICHET_TEST_DB_CTL"], !control.isEmpty else {
            throw TestDatabaseError(description: "GUICHET_TEST_DB_CTL is not set (path of scripts/db.sh); run `make test`")
        }
        let argv = ([control] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // glibc ignores a close action on a descriptor that is not open (the listing's own).
        let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for descriptor in open.compactMap({ Int32($0) }) where descriptor > 2 {
            posix_spawn_file_actions_addclose(&actions, descriptor)
        }
        if let standardOutput {
            posix_spawn_file_actions_addopen(&actions, 1, standardOutput, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, control, &actions, nil, argv, environ)
        guard spawned == 0 else {
            throw TestDatabaseError(description: "cannot run \(control): error \(spawned)")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1, errno == EINTR {}
        // WIFEXITED and WEXITSTATUS are macros Swift does not import.
        guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else {
            throw TestDatabaseError(description: "\(control) \(arguments.joined(separator: " ")) failed (status \(status))")
        }
    }
}
