import Foundation
import Glibc

/// The real `guichet` binary, started for an end-to-end test on a free port against a test
/// database, and stopped (SIGTERM by default) at the end. Its output is captured for assertions.
public final class ServerProcess: @unchecked Sendable {
    /// Why the server did not come up.
    public struct StartError: Error, CustomStringConvertible {
        public let description: String
    }

    /// The port it listens on.
    public private(set) var port = 0
    private let process = Process()
    private let output = Pipe()
    private let errors = Pipe()
    private let lock = NSLock()
    private var capturedOutput = Data()
    private var capturedErrors = Data()

    /// The checkout's root folder (where Package.swift is).
    public static var root: String {
        if let root = ProcessInfo.processInfo.environment["GUICHET_ROOT"] { return root }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
    }

    /// The debug binary built by `swift build`.
    public static var binary: String { root + "/.build/debug/guichet" }

    /// Starts `guichet serve` (or `command`) with `arguments` and waits for its "listening" line.
    public init(
        databaseURL: String, arguments: [String] = [], environment: [String: String] = [:], timeout: Double = 30
    ) throws {
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments =
            [
                "serve", "--port", "0", "--database-url", databaseURL,
                "--public-dir", Self.root + "/Public", "--migrations-dir", Self.root + "/Migrations",
                "--workers", "8", "--db-pool", "4",
            ] + arguments
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        process.standardOutput = output
        process.standardError = errors
        output.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            self?.lock.withLock { self?.capturedOutput.append(data) }
        }
        errors.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            self?.lock.withLock { self?.capturedErrors.append(data) }
        }
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let line = standardError.split(separator: "\n").first(where: { $0.contains("listening on http://") }),
                let colon = line.lastIndex(of: ":"), let port = Int(line[line.index(after: colon)...])
            {
                self.port = port
                return
            }
            if !process.isRunning { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        if process.isRunning { process.terminate() }
        throw StartError(description: "guichet did not start: \(standardError)")
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// Everything the server wrote to standard output so far (the access log).
    public var standardOutput: String { lock.withLock { String(decoding: capturedOutput, as: UTF8.self) } }
    /// Everything the server wrote to standard error so far.
    public var standardError: String { lock.withLock { String(decoding: capturedErrors, as: UTF8.self) } }

    /// The process id.
    public var pid: Int32 { process.processIdentifier }

    /// Whether it is still running.
    public var isRunning: Bool { process.isRunning }

    /// Sends `signal` and waits up to `timeout` seconds for the exit; returns the exit status.
    @discardableResult
    public func stop(signal: Int32 = SIGTERM, timeout: Double = 15) -> Int32? {
        guard process.isRunning else { return process.terminationStatus }
        kill(process.processIdentifier, signal)
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        if process.isRunning { return nil }
        Thread.sleep(forTimeInterval: 0.1)  // let the pipes drain
        return process.terminationStatus
    }

    /// A new raw client connected to this server.
    public func client(timeout: Double = 10) throws -> RawHTTPClient {
        try RawHTTPClient(port: port, timeout: timeout)
    }

    /// One GET on a new connection.
    public func get(_ path: String, headers: [String] = []) throws -> RawHTTPClient.Response {
        try client().request(RawHTTPClient.get(path, headers: headers), head: false)
    }
}
