import Foundation

/// A migration the migrator applied.
public struct AppliedMigration: Sendable, Hashable {
    /// The number before the first underscore of the file name.
    public var version: Int
    /// The rest of the file name, without `.sql`.
    public var name: String
    /// SHA-256 of the file's bytes, in hex, as recorded in `schema_migrations`.
    public var checksum: String

    /// A migration record.
    public init(version: Int, name: String, checksum: String) {
        self.version = version
        self.name = name
        self.checksum = checksum
    }
}

/// Applies `NNNN_name.sql` files in numeric order, each once and each in its own transaction,
/// recording them in `schema_migrations`.
///
/// Safe when several server instances start together: the whole run holds a session-level
/// advisory lock (`pg_advisory_lock`), so the second instance waits, then finds everything
/// applied. An applied file whose bytes changed is refused, naming the file — migrations are
/// history, and a new change needs a new file. Files run with the simple protocol, so one
/// file may hold many statements; statements that cannot run in a transaction block
/// (`CREATE INDEX CONCURRENTLY`) are therefore not supported.
public struct Migrator: Sendable {
    /// The advisory-lock key of the migrator: the bytes of "guichet\0" read as an integer.
    public static let advisoryLockKey: Int64 = 0x6775_6963_6865_7400

    /// The directory holding the `.sql` files.
    public let directory: URL

    /// A migrator for the files in `directory`.
    public init(directory: URL) {
        self.directory = directory
    }

    /// A migration file found on disk.
    struct File {
        let version: Int
        let name: String
        let fileName: String
        let bytes: [UInt8]
        let text: String
    }

    /// Applies the pending migrations and returns them (empty when all were applied already).
    @discardableResult
    public func migrate(_ connection: PostgresConnection) throws(PostgresError) -> [AppliedMigration] {
        let files = try readFiles()
        try connection.execute("SELECT pg_advisory_lock(\(Self.advisoryLockKey))")
        defer { _ = try? connection.execute("SELECT pg_advisory_unlock(\(Self.advisoryLockKey))") }

        try connection.execute(
            """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version int PRIMARY KEY,
                name text NOT NULL,
                checksum text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """)
        var recorded: [Int: String] = [:]
        for row in try connection.query("SELECT version, checksum FROM schema_migrations") {
            recorded[try row.decode(Int.self, column: "version")] = try row.decode(String.self, column: "checksum")
        }

        // Verify every applied file before applying anything, so a tampered history stops the
        // run with the schema untouched.
        var pending: [(File, String)] = []
        for file in files {
            let checksum = try Self.checksum(file.bytes, connection)
            if let applied = recorded[file.version] {
                guard applied == checksum else { throw PostgresError(.migrationChecksumMismatch(file: file.fileName)) }
            } else {
                pending.append((file, checksum))
            }
        }

        var applied: [AppliedMigration] = []
        for (file, checksum) in pending {
            do {
                try connection.transaction { connection in
                    try connection.executeScript(unsafeSQL: file.text)
                    try connection.execute(
                        """
                        INSERT INTO schema_migrations (version, name, checksum)
                        VALUES (\(file.version), \(file.name), \(checksum))
                        """)
                }
            } catch let error as PostgresError {
                throw error.withKind(.migrationFailed(file: file.fileName))
            } catch {
                throw PostgresError(.migrationFailed(file: file.fileName))
            }
            applied.append(AppliedMigration(version: file.version, name: file.name, checksum: checksum))
        }
        return applied
    }

    /// The `.sql` files, sorted by version; refuses badly named files and duplicate versions.
    func readFiles() throws(PostgresError) -> [File] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw PostgresError(.migrationFileUnreadable(file: directory.lastPathComponent))
        }
        var files: [File] = []
        for fileName in names.sorted() where fileName.hasSuffix(".sql") {
            let stem = fileName.dropLast(4)
            guard let underscore = stem.firstIndex(of: "_"),
                let version = Int(stem[..<underscore]), version >= 0,
                stem[..<underscore].allSatisfy({ $0.isASCII && $0.isNumber })
            else { throw PostgresError(.invalidMigrationName(file: fileName)) }
            let name = String(stem[stem.index(after: underscore)...])
            guard !name.isEmpty else { throw PostgresError(.invalidMigrationName(file: fileName)) }
            guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(fileName).path),
                let text = String(data: data, encoding: .utf8), !text.utf8.contains(0)
            else { throw PostgresError(.migrationFileUnreadable(file: fileName)) }
            files.append(File(version: version, name: name, fileName: fileName, bytes: Array(data), text: text))
        }
        files.sort { $0.version < $1.version }
        for (previous, next) in zip(files, files.dropFirst()) where previous.version == next.version {
            throw PostgresError(.duplicateMigrationVersion(next.version))
        }
        return files
    }

    /// SHA-256 in hex, computed by the server (`sha256(bytea)`): Foundation on Linux has no
    /// digest, and the module takes no third-party code.
    static func checksum(_ bytes: [UInt8], _ connection: PostgresConnection) throws(PostgresError) -> String {
        let rows = try connection.query("SELECT encode(sha256(\(bytes)), 'hex') AS checksum")
        guard let row = rows.first else { throw PostgresError(.queryFailed) }
        return try row.decode(String.self, column: "checksum")
    }
}
