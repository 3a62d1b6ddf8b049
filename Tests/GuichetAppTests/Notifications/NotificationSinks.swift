import Foundation
import Glibc
import TestSupport

/// The two real receivers of the notification tests, each a local process: an SMTP server
/// (aiosmtpd, Tests/notify/smtp_sink.py) and an SMS gateway stub (Tests/notify/sms_gateway.py),
/// each appending what it received as JSON lines to a file the test reads.
final class NotificationSinks: @unchecked Sendable {
    struct StartError: Error, CustomStringConvertible {
        let description: String
    }

    let smtpPort: Int
    let gatewayPort: Int
    private let folder: URL
    private let processes: [Process]

    var smtpURL: String { "smtp://127.0.0.1:\(smtpPort)" }
    var gatewayURL: String { "http://127.0.0.1:\(gatewayPort)/sms/send" }

    /// Server flags for a Guichet that delivers to these sinks.
    func serverArguments(extra: [String] = []) -> [String] {
        ["--smtp-url", smtpURL, "--mail-from", "guichet@tunis.example.tn", "--sms-gateway-url", gatewayURL] + extra
    }

    /// Starts both; each waits `replyDelay` seconds after recording a message before answering.
    init(replyDelay: Double = 0) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("guichet-notify-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let python = try Self.python()
        let scripts = ServerProcess.root + "/Tests/notify/"
        var started: [Process] = []
        var ports: [Int] = []
        for (script, out) in [("smtp_sink.py", "mail.jsonl"), ("sms_gateway.py", "sms.jsonl")] {
            let (process, port) = try Self.start(
                python,
                [scripts + script, "--out", folder.appendingPathComponent(out).path, "--reply-delay", "\(replyDelay)"])
            started.append(process)
            ports.append(port)
        }
        processes = started
        smtpPort = ports[0]
        gatewayPort = ports[1]
    }

    deinit { stop() }

    func stop() {
        for process in processes where process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: folder)
    }

    /// Messages the SMTP server accepted, in order.
    var mail: [[String: Any]] { records("mail.jsonl") }
    /// Requests the gateway received, in order, each with its `outcome`.
    var sms: [[String: Any]] { records("sms.jsonl") }
    /// Gateway requests that delivered an SMS.
    var deliveredSMS: [[String: Any]] { sms.filter { $0["outcome"] as? String == "delivered" } }

    /// Tells the gateway to answer 500 to the next `count` requests.
    func failNextGatewayRequests(_ count: Int) throws {
        let client = try RawHTTPClient(port: gatewayPort, timeout: 5)
        let body = "{\"fail_next\": \(count)}"
        client.send(
            Array(
                ("POST /_control HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)").utf8))
        _ = try client.readResponse(head: false)
    }

    /// Waits up to `timeout` seconds for `condition`; false if it never held.
    func wait(timeout: Double = 20, until condition: () throws -> Bool) rethrows -> Bool {
        try waitUntil(timeout: timeout, condition)
    }

    private func records(_ name: String) -> [[String: Any]] {
        guard let text = try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8) else {
            return []
        }
        return text.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
        }
    }

    /// The venv's python with aiosmtpd, made on first use by scripts/notify-venv.sh.
    private static func python() throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ServerProcess.root + "/scripts/notify-venv.sh")
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let path = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard process.terminationStatus == 0, !path.isEmpty else {
            throw StartError(description: "scripts/notify-venv.sh failed (\(process.terminationStatus))")
        }
        return path
    }

    private static func start(_ python: String, _ arguments: [String]) throws -> (Process, Int) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        var line = Data()
        let handle = output.fileHandleForReading
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self)
        guard text.hasPrefix("listening "),
            let port = Int(text.dropFirst("listening ".count).trimmingCharacters(in: .whitespacesAndNewlines))
        else {
            process.terminate()
            throw StartError(description: "\(arguments[0]) did not start: \(text)")
        }
        return (process, port)
    }
}
