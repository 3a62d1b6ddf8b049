import Foundation

/// Flags of one subcommand: `--name value`, `--name=value` and bare `--switch`, each also read from
/// the environment as `GUICHET_NAME` (dashes become underscores). A flag beats its variable.
struct CommandLineOptions {
    /// Why the command line was refused.
    struct UsageError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    private var values: [String: String] = [:]
    /// Every value of each flag, in order, for the few flags that may repeat (`--trusted-proxy`).
    private var allValues: [String: [String]] = [:]
    private var switches: Set<String> = []
    private let environment: [String: String]
    private var known: Set<String> = []

    /// Parses `arguments`; `switchNames` take no value.
    init(_ arguments: [String], switchNames: Set<String>, environment: [String: String]) throws(UsageError) {
        self.environment = environment
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            guard argument.hasPrefix("--"), argument.count > 2 else {
                throw UsageError(message: "unexpected argument '\(argument)'")
            }
            let body = argument.dropFirst(2)
            if let equals = body.firstIndex(of: "=") {
                values[String(body[..<equals])] = String(body[body.index(after: equals)...])
                allValues[String(body[..<equals]), default: []].append(String(body[body.index(after: equals)...]))
            } else if switchNames.contains(String(body)) {
                switches.insert(String(body))
            } else {
                index += 1
                guard index < arguments.count else { throw UsageError(message: "--\(body) needs a value") }
                values[String(body)] = arguments[index]
                allValues[String(body), default: []].append(arguments[index])
            }
            index += 1
        }
    }

    /// The flag's value, else its environment variable, else nil.
    mutating func string(_ name: String, environmentName: String? = nil) -> String? {
        known.insert(name)
        if let value = values[name] { return value }
        let variable = environmentName ?? "GUICHET_" + name.uppercased().replacingOccurrences(of: "-", with: "_")
        return environment[variable].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Every value of a repeatable flag, else its environment variable (`environmentName`), else empty.
    mutating func strings(_ name: String, environmentName: String) -> [String] {
        known.insert(name)
        if let given = allValues[name] { return given }
        return environment[environmentName].flatMap { $0.isEmpty ? nil : [$0] } ?? []
    }

    /// An integer flag within `range`.
    mutating func integer(_ name: String, default fallback: Int, in range: ClosedRange<Int>) throws(UsageError) -> Int {
        guard let text = string(name) else { return fallback }
        guard let value = Int(text), range.contains(value) else {
            throw UsageError(message: "--\(name) must be a whole number in \(range.lowerBound)...\(range.upperBound)")
        }
        return value
    }

    /// A switch: present on the command line, or its variable set to 1/true/yes.
    mutating func flag(_ name: String) -> Bool {
        known.insert(name)
        if switches.contains(name) { return true }
        if let value = values[name] { return ["1", "true", "yes"].contains(value.lowercased()) }
        let variable = "GUICHET_" + name.uppercased().replacingOccurrences(of: "-", with: "_")
        return ["1", "true", "yes"].contains(environment[variable]?.lowercased() ?? "")
    }

    /// Refuses flags the command did not ask for (a typo must not be silently ignored).
    func rejectUnknown() throws(UsageError) {
        let unknown = Set(values.keys).union(switches).subtracting(known)
        if let first = unknown.sorted().first { throw UsageError(message: "unknown option --\(first)") }
    }
}
