import Foundation

/// Operational messages to standard error, one line each, so standard output keeps only the
/// access log and the lines a script reads.
enum Log {
    static func write(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}
