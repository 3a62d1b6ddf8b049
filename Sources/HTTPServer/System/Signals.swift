import Dispatch
import Glibc

/// Process signals: SIGPIPE ignored (a vanished client must be an EPIPE error, not a dead server),
/// SIGTERM and SIGINT turned into a callback for graceful shutdown.
public enum Signals {
    /// Ignores SIGPIPE for the whole process.
    public static func ignoreBrokenPipe() {
        signal(SIGPIPE, SIG_IGN)
    }

    /// Calls `handler` once per SIGTERM or SIGINT. The sources must be kept alive by the caller.
    public static func onTermination(_ handler: @escaping @Sendable (Int32) -> Void) -> [any DispatchSourceSignal] {
        [SIGTERM, SIGINT].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { handler(number) }
            source.resume()
            return source
        }
    }
}
