import Foundation
import GuichetApp

/// `guichet migrate`: apply pending migrations and exit.
enum MigrateCommand {
    static func run(_ arguments: [String], environment: [String: String]) throws -> Int32 {
        var options = try CommandLineOptions(arguments, switchNames: [], environment: environment)
        guard let url = options.string("database-url") ?? environment["DATABASE_URL"] else {
            throw CommandLineOptions.UsageError(message: "--database-url (or DATABASE_URL) is required")
        }
        let directory = options.string("migrations-dir") ?? "Migrations"
        try options.rejectUnknown()
        let database = Database(url: url, size: 1, checkoutTimeout: .seconds(30))
        defer { database.pool.close() }
        let applied = try database.migrate(directory: directory)
        for migration in applied { Log.write("migrated \(migration.version)_\(migration.name)") }
        Log.write(applied.isEmpty ? "database is up to date" : "applied \(applied.count) migration(s)")
        return 0
    }
}
