import Foundation
import Glibc
import TestSupport

/// Debian's nginx in front of Guichet instances, configured from `ops/nginx/guichet.conf` (the
/// template scripts/cluster.sh renders too) and run unprivileged from a scratch prefix, so a test
/// needs neither root nor the system's nginx service.
final class NginxProcess: @unchecked Sendable {
    struct StartError: Error, CustomStringConvertible {
        let description: String
    }

    let port: Int
    let prefix: URL
    private let process = Process()

    /// Starts nginx on a free port with one upstream `server` per port in `upstreams`.
    init(upstreams: [Int]) throws {
        prefix = FileManager.default.temporaryDirectory.appendingPathComponent("guichet-nginx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: prefix, withIntermediateDirectories: true)
        port = try Self.freePort()
        let template = try String(
            contentsOfFile: ServerProcess.root + "/ops/nginx/guichet.conf", encoding: .utf8)
        let servers = upstreams.map { "        server 127.0.0.1:\($0) max_fails=1 fail_timeout=2s;" }
        let configuration =
            template
            .replacingOccurrences(of: "@USER@", with: getuid() == 0 ? "user root;" : "")
            .replacingOccurrences(of: "@PREFIX@", with: prefix.path)
            .replacingOccurrences(of: "@LISTEN@", with: String(port))
            .replacingOccurrences(of: "@SERVERS@", with: servers.joined(separator: "\n"))
        let file = prefix.appendingPathComponent("nginx.conf")
        try configuration.write(to: file, atomically: true, encoding: .utf8)
        let log = prefix.appendingPathComponent("nginx.err")
        guard FileManager.default.createFile(atPath: log.path, contents: nil) else {
            throw StartError(description: "cannot create \(log.path)")
        }
        process.executableURL = URL(fileURLWithPath: "/usr/sbin/nginx")
        process.arguments = ["-p", prefix.path, "-c", file.path, "-e", "stderr"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if (try? RawHTTPClient(port: port, timeout: 1)) != nil { return }
            if !process.isRunning { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        stop()
        throw StartError(description: "nginx did not start: \(errors)")
    }

    deinit { stop() }

    /// What nginx wrote to its error log (its own errors and upstream failures).
    var errors: String {
        (try? String(contentsOf: prefix.appendingPathComponent("nginx.err"), encoding: .utf8)) ?? ""
    }

    /// Fast shutdown (SIGTERM), then the prefix is removed.
    func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGTERM)
            let deadline = Date().addingTimeInterval(10)
            while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        }
        try? FileManager.default.removeItem(at: prefix)
    }

    /// A port nothing listens on now (bound and released; the race with other binders is benign
    /// for a test).
    static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw StartError(description: "socket: errno \(errno)") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(descriptor, generic, length) == 0 && getsockname(descriptor, generic, &length) == 0
            }
        }
        guard bound else { throw StartError(description: "bind: errno \(errno)") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
