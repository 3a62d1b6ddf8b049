import Foundation
import Locking

/// One thread, one epoll instance, and the connections dealt to it. The first loop also owns the
/// listening socket: it accepts and deals new connections round-robin to every loop, so the load
/// spreads evenly even when all clients connect at once. Everything about those connections happens on this thread; other threads talk to it
/// only through `execute`, which queues a closure and rings the loop's eventfd.
///
/// Marked `@unchecked Sendable` because worker threads hold a reference to call `execute`; every
/// other member is touched only by the loop's own thread.
final class EventLoop: @unchecked Sendable {
    typealias Task = @Sendable (EventLoop, Int64) -> Void

    let index: Int
    let limits: Limits
    private let context: ServerContext
    private let epoll: Epoll
    private let bell: EventFD
    private var listener: Socket?
    private var connections = ConnectionTable()
    private var deadlines = DeadlineQueue()
    /// Evented requests started and not yet answered or declined.
    private var eventedInFlight = 0
    /// At most this many at once per loop; more go to the workers.
    static let eventedLimit = 2
    /// Descriptors evented handlers wait on (database sockets), by descriptor.
    private var watchers: [Int32: @Sendable () -> Void] = [:]
    private let mailbox = Locked<[Task]>([])
    private var dateCache = HTTPDateCache()
    private(set) var isDraining = false
    private var drainDeadline: Int64?
    /// One receive buffer shared by all connections of this loop, allocated once: a raw buffer,
    /// not an array, so handing it to a connection never copies it (copy-on-write would copy
    /// 64 KiB per read). The state machine copies only the bytes it keeps.
    let readBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 16)
    private let finishedSignal = DispatchSemaphore(value: 0)
    /// The loop's own thread, once it runs (written before any event is handled, read only on it
    /// or by `isCurrentThread`, whose answer for another thread is false either way).
    private nonisolated(unsafe) var thread: ThreadIdentity?

    deinit { readBuffer.deallocate() }

    /// Every loop of the server, itself included (set on the accepting loop only).
    var siblings: [EventLoop] = []
    private var nextSibling = 0

    private static let listenerToken = UInt64.max
    private static let bellToken = UInt64.max - 1

    init(index: Int, listener: Socket?, context: ServerContext) throws(SystemError) {
        self.index = index
        self.limits = context.limits
        self.context = context
        self.listener = listener
        epoll = try Epoll.make()
        bell = try EventFD.make()
        try epoll.add(bell.descriptor, events: .readable, token: Self.bellToken)
        if let listener {
            try epoll.add(listener.descriptor, events: .readable, token: Self.listenerToken)
        }
    }

    // MARK: Cross-thread entry points

    /// True on this loop's own thread.
    var isCurrentThread: Bool { thread?.isCurrent ?? false }

    /// Runs `task` on this loop's thread, soon. Safe from any thread.
    func execute(_ task: @escaping Task) {
        mailbox.withLock { $0.append(task) }
        bell.signal()
    }

    /// Stops accepting, closes idle connections, lets in-flight requests finish, and exits the
    /// loop when no connection remains or `grace` runs out.
    func beginShutdown(grace: Duration) {
        execute { loop, now in loop.startDraining(now: now, grace: grace) }
    }

    /// Blocks until the loop's thread has exited.
    func waitUntilFinished() {
        finishedSignal.wait()
    }

    func start() {
        let thread = Thread { [self] in
            self.run()
            self.finishedSignal.signal()
        }
        thread.name = "guichet-loop-\(index)"
        thread.start()
    }

    // MARK: The loop

    private func run() {
        thread = .current
        let events = Epoll.EventBuffer(capacity: 256)
        while true {
            let timeout = timeoutMilliseconds(now: MonotonicClock.now())
            let count: Int
            do {
                count = try epoll.wait(into: events, timeoutMilliseconds: timeout)
            } catch {
                context.log("event loop \(index): \(error)")
                continue
            }
            let now = MonotonicClock.now()
            for position in 0..<count {
                let event = events[position]
                switch event.token {
                case Self.listenerToken: acceptAll(now: now)
                case Self.bellToken: drainMailbox(now: now)
                case ..<(1 << 32): watchers[Int32(truncatingIfNeeded: event.token)]?()
                default: handle(event, now: now)
                }
            }
            fireDeadlines(now: MonotonicClock.now())
            if isDraining {
                if connections.count == 0 { break }
                if let limit = drainDeadline, now >= limit {
                    for connection in connections.all { connection.close() }
                    break
                }
            }
        }
        drainMailbox(now: MonotonicClock.now())
        bell.descriptor.close()
        epoll.descriptor.close()
    }

    private func timeoutMilliseconds(now: Int64) -> Int32 {
        let candidates = [deadlines.nearest, drainDeadline].compactMap { $0 }
        guard let nearest = candidates.min() else { return -1 }
        let wait = max(0, nearest - now)
        // Round up so we never wake a hair early and spin.
        return Int32(min(Int64(Int32.max), (wait + 999_999) / 1_000_000))
    }

    private func handle(_ event: Epoll.Event, now: Int64) {
        let id = ConnectionID(token: event.token)
        guard let connection = connections.connection(id) else { return }
        if event.events.contains(.writable) { connection.writable(now: now) }
        if !connection.isClosed
            && !event.events.isDisjoint(with: [.readable, .hangUp, .error, .readHangUp])
        {
            connection.readable(now: now)
        }
    }

    private func drainMailbox(now: Int64) {
        bell.drain()
        let tasks = mailbox.withLock { tasks in
            let taken = tasks
            tasks.removeAll(keepingCapacity: true)
            return taken
        }
        for task in tasks { task(self, now) }
    }

    private func acceptAll(now: Int64) {
        guard let listener else { return }
        while true {
            let accepted: Socket.Accepted
            do {
                accepted = try listener.accept()
            } catch {
                // EMFILE and friends: stop for this round; the listener stays readable and we retry.
                context.log("accept: \(error)")
                return
            }
            guard case .connection(let socket, let address) = accepted else { return }
            if !context.admitConnection() {
                refuseOverCapacity(socket, address: address)
                continue
            }
            socket.setNoDelay()
            let target = siblings.isEmpty ? self : siblings[nextSibling % siblings.count]
            nextSibling &+= 1
            if target === self {
                adopt(socket, address: address, now: now)
            } else {
                target.execute { loop, now in loop.adopt(socket, address: address, now: now) }
            }
        }
    }

    /// Takes a freshly accepted connection into this loop.
    private func adopt(_ socket: Socket, address: String, now: Int64) {
        if isDraining {
            context.releaseConnection()
            socket.descriptor.close()
            return
        }
        let id = connections.reserve()
        let connection = Connection(id: id, socket: socket, remoteAddress: address, loop: self, now: now)
        do {
            try epoll.add(socket.descriptor, events: .readable, token: id.token)
        } catch {
            context.releaseConnection()
            socket.descriptor.close()
            return
        }
        connections.insert(connection, at: id)
        reschedule(connection)
    }

    /// Over the connection cap: a best-effort `503` (one non-blocking write), then close.
    private func refuseOverCapacity(_ socket: Socket, address: String) {
        let problem = HTTPError(
            .serviceUnavailable, code: "too_many_connections", detail: "The server is at its connection limit.",
            headers: ["Retry-After": "1"]
        ).response
        var bytes: [UInt8] = []
        if (try? ResponseEncoder.encodeHead(
            status: problem.status, headers: problem.headers, version: .http11,
            framing: .contentLength(problem.bodyBytes.count), keepAlive: false, date: httpDate(), into: &bytes)) != nil
        {
            bytes.append(contentsOf: problem.bodyBytes)
            _ = bytes.withUnsafeBytes { raw in
                try? socket.descriptor.write(from: raw.baseAddress.unsafelyUnwrapped, count: raw.count)
            }
        }
        context.observer?.requestRejected(status: .serviceUnavailable, remoteAddress: address)
        socket.descriptor.close()
    }

    private func fireDeadlines(now: Int64) {
        while let entry = deadlines.popDue(now: now) {
            guard let connection = connections.connection(entry.id), connection.scheduledDeadline == entry.deadline
            else { continue }
            connection.scheduledDeadline = nil
            connection.timerFired(now: now)
            if !connection.isClosed { reschedule(connection) }
        }
    }

    private func startDraining(now: Int64, grace: Duration) {
        guard !isDraining else { return }
        isDraining = true
        drainDeadline = now + grace.nanoseconds
        if let listener {
            epoll.remove(listener.descriptor)
            listener.descriptor.close()
            self.listener = nil
        }
        for connection in connections.all { connection.closeIfIdle() }
    }

    // MARK: Services for connections

    func connection(_ id: ConnectionID) -> Connection? { connections.connection(id) }

    func httpDate() -> String { dateCache.string(unixSeconds: WallClock.unixSeconds()) }

    /// Keeps the deadline heap in step with a connection's nearest deadline.
    func reschedule(_ connection: Connection) {
        guard !connection.isClosed, let deadline = connection.deadline else { return }
        if let scheduled = connection.scheduledDeadline, scheduled <= deadline { return }
        connection.scheduledDeadline = deadline
        deadlines.push(deadline, for: connection.id)
    }

    func setInterest(_ connection: Connection, events: Epoll.Events) {
        try? epoll.modify(connection.socket.descriptor, events: events, token: connection.id.token)
    }

    func connectionClosed(_ connection: Connection) {
        epoll.remove(connection.socket.descriptor)
        connection.socket.descriptor.close()
        connections.remove(connection.id)
        context.releaseConnection()
    }

    /// Routes a complete request and runs it inline, on the loop's fast path, or on the worker pool.
    func dispatch(head: RequestHead, body: [UInt8], keepAlive: Bool, from connection: Connection) {
        let request = Request(head: head, body: body, remoteAddress: connection.remoteAddress)
        let routed = context.responder.route(request)
        connection.inFlight?.routePattern = routed.routePattern
        if let client = routed.clientAddress { connection.inFlight?.remoteAddress = client }
        let isHead = head.method == .head
        // The fast path only under light load: with many requests at once, the workers' parallelism
        // overlaps database waits with the handlers' work better than one loop thread can
        // (docs/BENCHMARKS.md, "Tracking on the event loop").
        if let start = routed.startOnLoop, eventedInFlight < Self.eventedLimit, context.workers.isIdle {
            eventedInFlight += 1
            let exchange = EventedExchange(
                loop: self, connection: connection.id, keepAlive: keepAlive, isHead: isHead, fallback: routed.run)
            start(EventedReply(exchange: exchange))
            return
        }
        switch routed.execution {
        case .inline:
            connection.respond(routed.run(), keepAlive: keepAlive, now: MonotonicClock.now())
        case .blocking, .evented:
            runOnWorker(routed.run, connection: connection.id, keepAlive: keepAlive, isHead: isHead)
        }
    }

    /// Runs a handler on the worker pool and sends its response from this loop; `503 server_busy`
    /// at once when the pool's queue is full.
    func runOnWorker(
        _ run: @escaping @Sendable () -> Response, connection id: ConnectionID, keepAlive: Bool, isHead: Bool
    ) {
        let accepted = context.workers.submit { [self] in
            let response = run()
            if case .stream(let producer) = response.body, !isHead {
                self.runStream(response, producer: producer, connection: id, keepAlive: keepAlive)
                return
            }
            self.execute { loop, now in
                loop.connection(id)?.respond(response, keepAlive: keepAlive, now: now)
            }
        }
        if !accepted {
            let busy = HTTPError(
                .serviceUnavailable, code: "server_busy", detail: "The server is busy; try again shortly.",
                headers: ["Retry-After": "1"])
            connection(id)?.respond(busy.response, keepAlive: keepAlive, now: MonotonicClock.now())
        }
    }

    // MARK: Descriptors watched for evented handlers

    /// Watches `descriptor` (not a connection of this loop) and calls `onReady` on this thread when
    /// it is readable, writable if asked, or in error.
    func watch(descriptor: Int32, writable: Bool, _ onReady: @escaping @Sendable () -> Void) throws(SystemError) {
        let events: Epoll.Events = writable ? [.readable, .writable] : [.readable]
        let fd = FileDescriptor(rawValue: descriptor)
        if watchers[descriptor] == nil {
            try epoll.add(fd, events: events, token: Self.watchToken(descriptor))
        } else {
            try epoll.modify(fd, events: events, token: Self.watchToken(descriptor))
        }
        watchers[descriptor] = onReady
    }

    /// Stops watching `descriptor`; nothing happens if it was not watched.
    func unwatch(descriptor: Int32) {
        guard watchers.removeValue(forKey: descriptor) != nil else { return }
        epoll.remove(FileDescriptor(rawValue: descriptor))
    }

    /// An evented request was answered or declined: its record for the metrics says which.
    func eventedEnded(_ outcome: EventedOutcome, connection id: ConnectionID) {
        eventedInFlight -= 1
        connection(id)?.inFlight?.evented = outcome
    }

    /// A watched descriptor's token: generation 0, which no connection has (`ConnectionTable`).
    private static func watchToken(_ descriptor: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: descriptor))
    }

    /// How much of a streamed body is gathered before it is sent as a stream: below this it goes
    /// out whole, with `Content-Length`, in one write.
    static let spoolLimit = 64 * 1024

    /// Runs a streamed body's producer on this worker, right after its handler: a body that stays
    /// under `spoolLimit` is answered as a plain response (and a failure before any byte left as a
    /// problem, not a truncated body); a longer one becomes a stream when it crosses the limit.
    private func runStream(
        _ response: Response, producer: @Sendable (BodyWriter) throws -> Void, connection id: ConnectionID,
        keepAlive: Bool
    ) {
        let writer = SpoolingBodyWriter(limit: Self.spoolLimit) { [self] in
            let channel = StreamChannel(loop: self, connection: id)
            self.execute { loop, now in
                guard let connection = loop.connection(id) else { return channel.cancel() }
                _ = connection.sendStreamHead(response, keepAlive: keepAlive, channel: channel, now: now)
            }
            return channel
        }
        var failure: (any Error)?
        do {
            try producer(writer)
        } catch {
            failure = error
        }
        if writer.channel != nil {
            let failed = failure != nil
            execute { loop, now in loop.connection(id)?.streamEnded(failed: failed, now: now) }
            return
        }
        let answer =
            failure.map { HTTPError(answering: $0).response }
            ?? Response(status: response.status, headers: response.headers, body: writer.body)
        execute { loop, now in loop.connection(id)?.respond(answer, keepAlive: keepAlive, now: now) }
    }

    /// Runs a streamed body's producer on the worker pool (a stream answered on the loop, or `HEAD`).
    func startStream(_ channel: StreamChannel, producer: @escaping @Sendable (BodyWriter) throws -> Void) {
        let id = channel.connection
        let accepted = context.workers.submit { [self] in
            let failed: Bool
            do {
                try producer(channel)
                failed = false
            } catch {
                failed = true
            }
            self.execute { loop, now in loop.connection(id)?.streamEnded(failed: failed, now: now) }
        }
        if !accepted { connection(id)?.streamEnded(failed: true, now: 0) }
    }

    func finished(_ request: InFlightRequest, status: HTTPStatus, bytes: Int, now: Int64) {
        guard let observer = context.observer else { return }
        observer.requestFinished(
            RequestRecord(
                method: request.method, path: String(request.path), routePattern: request.routePattern,
                status: status, bytes: bytes, durationNanoseconds: now - request.start,
                remoteAddress: request.remoteAddress, evented: request.evented))
    }

    func rejected(status: HTTPStatus, remoteAddress: String) {
        context.observer?.requestRejected(status: status, remoteAddress: remoteAddress)
    }
}
