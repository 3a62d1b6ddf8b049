import Foundation
import GuichetApp

/// `guichet seed-demo [--if-empty]`: the demo offices, guide and accounts; passwords printed once.
enum SeedDemoCommand {
    static func run(_ arguments: [String], environment: [String: String]) throws -> Int32 {
        var options = try CommandLineOptions(arguments, switchNames: ["if-empty"], environment: environment)
        guard let url = options.string("database-url") ?? environment["DATABASE_URL"] else {
            throw CommandLineOptions.UsageError(message: "--database-url (or DATABASE_URL) is required")
        }
        let directory = options.string("migrations-dir") ?? "Migrations"
        let ifEmpty = options.flag("if-empty")
        try options.rejectUnknown()
        let database = Database(url: url, size: 1, checkoutTimeout: .seconds(30))
        defer { database.pool.close() }
        _ = try database.migrate(directory: directory)
        if ifEmpty, try !DemoSeeder.isEmpty(database) {
            Log.write("seed-demo: the database already has offices; nothing to do")
            return 0
        }
        let accounts = try DemoSeeder.seed(database)
        print("Demo offices TUN (Tunis) and TET (Tétouan) loaded with their holidays and service guides.")
        print("Demo accounts — the passwords are shown only now:")
        for account in accounts {
            print(
                "  \(account.username.padding(toLength: 16, withPad: " ", startingAt: 0)) \(account.role.padding(toLength: 11, withPad: " ", startingAt: 0)) \((account.office ?? "all").padding(toLength: 4, withPad: " ", startingAt: 0)) \(account.password)"
            )
        }
        return 0
    }
}
