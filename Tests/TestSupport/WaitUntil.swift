import Foundation

/// Polls `condition` every 50 ms for up to `timeout` seconds; true as soon as it holds, else the
/// last answer. For what another process does in its own time (a replica replaying, a worker
/// delivering), where a fixed sleep would be either flaky or slow.
public func waitUntil(timeout: Double = 10, _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if try condition() { return true }
        Thread.sleep(forTimeInterval: 0.05)
    }
    return try condition()
}
