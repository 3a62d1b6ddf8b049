import Foundation
import GuichetApp

/// `guichet user add --username U --role admin|supervisor|agent [--office CODE] [--department D]
/// --password-stdin`: the password is read from standard input, never from the command line
/// (which other users of the machine can see).
enum UserCommand {
    static func run(_ arguments: [String], environment: [String: String]) throws -> Int32 {
        guard arguments.first == "add" else {
            throw CommandLineOptions.UsageError(
                message: "usage: guichet user add --username U --role R --password-stdin")
        }
        var options = try CommandLineOptions(
            Array(arguments.dropFirst()), switchNames: ["password-stdin"], environment: environment)
        guard let url = options.string("database-url") ?? environment["DATABASE_URL"] else {
            throw CommandLineOptions.UsageError(message: "--database-url (or DATABASE_URL) is required")
        }
        guard let username = options.string("username"), let role = options.string("role") else {
            throw CommandLineOptions.UsageError(message: "--username and --role are required")
        }
        let office = options.string("office")
        let department = options.string("department")
        guard options.flag("password-stdin") else {
            throw CommandLineOptions.UsageError(message: "--password-stdin is required (the password is read from it)")
        }
        try options.rejectUnknown()
        guard let line = readLine(strippingNewline: true), !line.isEmpty else {
            throw CommandLineOptions.UsageError(message: "no password on standard input")
        }
        let database = Database(url: url, size: 1, checkoutTimeout: .seconds(30))
        defer { database.pool.close() }
        try DemoSeeder.addUser(
            database, username: username, password: line, role: role, office: office, department: department)
        Log.write("user \(username.lowercased()) created (\(role))")
        return 0
    }
}
