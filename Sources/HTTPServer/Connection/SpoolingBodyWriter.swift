/// The writer a streamed body's producer gets when it runs on the worker that ran its handler:
/// pieces gather in memory until `limit`, so a body that ends below it (an overdue report's first
/// page) goes out as one response with `Content-Length`, in one write, with no second hop through
/// the worker pool. Past the limit it opens the connection's `StreamChannel` and forwards the
/// gathered prefix and every later piece there, so a 100,000-row export still streams.
/// Used by the one producer thread only; `@unchecked` because `BodyWriter` must be `Sendable`.
final class SpoolingBodyWriter: BodyWriter, @unchecked Sendable {
    private let limit: Int
    private let openChannel: () -> StreamChannel
    private var spooled: [UInt8] = []
    private(set) var channel: StreamChannel?

    /// `openChannel` is called once, on the producer's thread, when the body outgrows `limit`.
    init(limit: Int, openChannel: @escaping () -> StreamChannel) {
        self.limit = limit
        self.openChannel = openChannel
    }

    /// The whole body, while it stayed below the limit.
    var body: [UInt8] { spooled }

    func write(_ bytes: [UInt8]) throws {
        if let channel {
            try channel.write(bytes)
            return
        }
        spooled += bytes
        guard spooled.count > limit else { return }
        let opened = openChannel()
        channel = opened
        let prefix = spooled
        spooled = []
        try opened.write(prefix)
    }
}
