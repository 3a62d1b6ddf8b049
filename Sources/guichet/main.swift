import Foundation
import GuichetApp

/// `guichet serve | migrate | seed-demo | user add` — see README.md.
let usage = """
    usage: guichet serve [--host H] [--port N] [--database-url URL] [--public-dir D] [--migrations-dir D]
                         [--workers N] [--db-pool N] [--event-loops N] [--max-connections N]
                         [--no-migrate] [--test-clock] [--no-access-log]
                         [--public-url URL] [--secure-cookies] [--filing-limit N]
                         [--tracking-failure-limit N] [--login-failure-limit N] [--no-sweeper]
                         [--signature-limit N] [--opendata-threshold N]
                         [--smtp-url smtp://HOST:PORT --mail-from ADDRESS] [--sms-gateway-url http://HOST:PORT/PATH]
                         [--no-notifier] [--notify-retry-seconds N] [--notify-max-attempts N]
                         [--notify-lease-seconds N] [--notify-timeout-seconds N]
                         [--open311-filing-limit N] [--open311-contact TEXT]
           guichet migrate [--database-url URL] [--migrations-dir D]
           guichet seed-demo [--database-url URL] [--if-empty]
           guichet user add --username U --role admin|supervisor|agent [--office CODE] [--department D]
                            --password-stdin [--database-url URL]
    Each flag is also read from GUICHET_<FLAG> (e.g. GUICHET_PORT); the URL also from DATABASE_URL.
    """

let arguments = Array(CommandLine.arguments.dropFirst())
let environment = ProcessInfo.processInfo.environment
let status: Int32
do {
    switch arguments.first {
    case "serve": status = try ServeCommand.run(Array(arguments.dropFirst()), environment: environment)
    case "migrate": status = try MigrateCommand.run(Array(arguments.dropFirst()), environment: environment)
    case "seed-demo": status = try SeedDemoCommand.run(Array(arguments.dropFirst()), environment: environment)
    case "user": status = try UserCommand.run(Array(arguments.dropFirst()), environment: environment)
    case "help", "--help", "-h":
        print(usage)
        status = 0
    default:
        Log.write(usage)
        status = 2
    }
} catch let error as CommandLineOptions.UsageError {
    Log.write("guichet: \(error)\n\(usage)")
    status = 2
} catch {
    Log.write("guichet: \(error)")
    status = 1
}
exit(status)
