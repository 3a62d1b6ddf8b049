import Foundation
import Locking

/// One line per request, written in batches by a background thread so a request never waits on
/// the terminal. Lines carry the path without its query string (queries may hold tracking keys),
/// truncated and with control bytes replaced, so client bytes cannot forge log lines.
public final class AccessLog: ServerObserver {
    private let buffer = Locked<[UInt8]>([])
    private let sink: @Sendable ([UInt8]) -> Void

    /// Starts a log that hands batches of lines to `sink` (for example standard output) every
    /// 200 ms.
    public init(sink: @escaping @Sendable ([UInt8]) -> Void) {
        self.sink = sink
        let thread = Thread { [weak self] in
            while let log = self {
                log.flush()
                Thread.sleep(forTimeInterval: 0.2)
            }
        }
        thread.name = "guichet-access-log"
        thread.start()
    }

    /// Writes whatever is buffered now (at shutdown).
    public func flush() {
        let batch = buffer.withLock { bytes in
            let taken = bytes
            bytes.removeAll()
            return taken
        }
        if !batch.isEmpty { sink(batch) }
    }

    /// Logs a finished request.
    public func requestFinished(_ record: RequestRecord) {
        var line = Self.timestamp(Date())
        line += " "
        line += record.remoteAddress.isEmpty ? "-" : record.remoteAddress
        line += " \""
        line += record.method.description
        line += " "
        line += Self.sanitized(record.path)
        line += "\" "
        line += String(record.status.code)
        line += " "
        line += String(record.bytes)
        line += " "
        line += String(format: "%.3fms", Double(record.durationNanoseconds) / 1e6)
        line += "\n"
        let bytes = Array(line.utf8)
        buffer.withLock { $0.append(contentsOf: bytes) }
    }

    /// Logs a request the server refused itself.
    public func requestRejected(status: HTTPStatus, remoteAddress: String) {
        let line =
            "\(Self.timestamp(Date())) \(remoteAddress.isEmpty ? "-" : remoteAddress) \"-\" \(status.code) 0 refused\n"
        buffer.withLock { $0.append(contentsOf: line.utf8) }
    }

    /// The path, at most 256 bytes, with anything outside printable ASCII replaced by `?`.
    static func sanitized(_ path: String) -> String {
        var out = ""
        for byte in path.utf8.prefix(256) {
            out.unicodeScalars.append(byte >= 0x21 && byte < 0x7F && byte != 0x22 ? Unicode.Scalar(byte) : "?")
        }
        return out
    }

    /// RFC 3339 in UTC with milliseconds, computed without a formatter (cheap on the hot path).
    static func timestamp(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        let seconds = milliseconds / 1000
        var days = seconds / 86_400
        let secondOfDay = seconds - days * 86_400
        // civil-from-days (Howard Hinnant's algorithm).
        days += 719_468
        let era = (days >= 0 ? days : days - 146_096) / 146_097
        let dayOfEra = days - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthPrime = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthPrime + 2) / 5 + 1
        let month = monthPrime < 10 ? monthPrime + 3 : monthPrime - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return String(
            format: "%04lld-%02lld-%02lldT%02lld:%02lld:%02lld.%03lldZ", year, month, day, secondOfDay / 3600,
            secondOfDay % 3600 / 60, secondOfDay % 60, milliseconds % 1000)
    }
}

/// Passes every observation to each of several observers (metrics and the access log).
public struct ObserverGroup: ServerObserver {
    private let observers: [any ServerObserver]

    /// Groups observers; each sees every event, in order.
    public init(_ observers: [any ServerObserver]) { self.observers = observers }

    /// Forwards a finished request.
    public func requestFinished(_ record: RequestRecord) {
        for observer in observers { observer.requestFinished(record) }
    }

    /// Forwards a refused request.
    public func requestRejected(status: HTTPStatus, remoteAddress: String) {
        for observer in observers { observer.requestRejected(status: status, remoteAddress: remoteAddress) }
    }
}
