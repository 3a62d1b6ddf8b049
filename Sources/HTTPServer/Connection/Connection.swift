/// One client connection: the only place that reads from and writes to its socket. It feeds bytes
/// to its `ConnectionStateMachine`, performs the actions it returns, and keeps the unsent part of
/// responses. Loop-confined: created, used and closed on its event loop's thread only.
final class Connection {
    let id: ConnectionID
    let socket: Socket
    let remoteAddress: String
    private unowned let loop: EventLoop
    private var machine: ConnectionStateMachine

    /// Bytes queued for sending, and how much of the first chunk went out already.
    private var outgoing: [[UInt8]] = []
    private var outgoingOffset = 0
    private var outgoingBytes = 0
    /// What epoll watches for now; the loop registers new connections for reading.
    private var watchedEvents: Epoll.Events = [.readable]
    private var reading = true
    /// Close once everything queued is sent.
    private var closeAfterFlush = false
    /// After an error response: half-close, then read and discard until EOF or this deadline.
    private var lingerDeadline: Int64?
    private var writeDeadline: Int64?
    /// The deadline already in the loop's heap, so it is pushed once per change, not per event.
    var scheduledDeadline: Int64?
    private(set) var isClosed = false

    /// The request being handled, for the access log and metrics.
    var inFlight: InFlightRequest?
    /// A streamed body in progress: acknowledgements to send as its pieces leave.
    var stream: StreamChannel?
    private var pendingStreamAcks: [Int] = []
    /// How the streamed body in progress is framed, and whether the connection stays open after it.
    private var streamFraming = (chunked: false, keepAlive: false)

    init(id: ConnectionID, socket: Socket, remoteAddress: String, loop: EventLoop, now: Int64) {
        self.id = id
        self.socket = socket
        self.remoteAddress = remoteAddress
        self.loop = loop
        self.machine = ConnectionStateMachine(limits: loop.limits, now: now)
    }

    /// The nearest of the protocol, write and linger deadlines.
    var deadline: Int64? {
        // Compared by hand, not through an array: read after every event of every connection.
        var nearest = machine.deadline
        if let write = writeDeadline, nearest.map({ write < $0 }) ?? true { nearest = write }
        if let linger = lingerDeadline, nearest.map({ linger < $0 }) ?? true { nearest = linger }
        return nearest
    }

    var isIdle: Bool { machine.isIdle && outgoingBytes == 0 }

    // MARK: Events from the loop

    func readable(now: Int64) {
        let buffer = loop.readBuffer
        while reading && !isClosed {
            let result: Syscall.IOResult
            do {
                result = try socket.descriptor.read(into: buffer.baseAddress.unsafelyUnwrapped, count: buffer.count)
            } catch {
                close()
                return
            }
            switch result {
            case .wouldBlock:
                return
            case .done(0):
                if lingerDeadline != nil {
                    close()
                    return
                }
                perform(machine.receivedEndOfInput(), now: now)
                return
            case .done(let count):
                if lingerDeadline != nil { continue }  // draining after an error: discard
                let actions = machine.received(UnsafeRawBufferPointer(rebasing: buffer[0..<count]), now: now)
                perform(actions, now: now)
                if count < buffer.count { return }
            }
        }
    }

    func writable(now: Int64) {
        flush(now: now)
    }

    func timerFired(now: Int64) {
        if let linger = lingerDeadline, linger <= now {
            close()
            return
        }
        if let write = writeDeadline, write <= now {
            close()
            return
        }
        perform(machine.timerFired(now: now), now: now)
    }

    /// The handler's response for the request in flight.
    func respond(_ response: Response, keepAlive: Bool, now: Int64) {
        guard !isClosed, let request = inFlight else { return }
        let keepAlive = keepAlive && !loop.isDraining
        var head: [UInt8] = []
        head.reserveCapacity(256)
        let isHead = request.method == .head
        switch response.body {
        case .bytes(let bytes):
            let framing: ResponseFraming = Self.hasNoBody(response.status) ? .none : .contentLength(bytes.count)
            guard encode(response, framing: framing, keepAlive: keepAlive, version: request.version, into: &head)
            else { return abandon(request, now: now) }
            if isHead || Self.hasNoBody(response.status) {
                enqueue(head)
            } else if bytes.count <= EventLoop.spoolLimit {
                head.append(contentsOf: bytes)  // one write for small responses: fewer packets, fewer syscalls
                enqueue(head)
            } else {
                enqueue(head)
                enqueue(bytes)
            }
            loop.finished(request, status: response.status, bytes: isHead ? 0 : bytes.count, now: now)
            inFlight = nil
            perform(machine.responseSent(keepAlive: keepAlive, now: now), now: now)
            flush(now: now)
        case .stream(let producer):
            if isHead {
                guard sendStreamHead(response, keepAlive: keepAlive, channel: nil, now: now) else { return }
                loop.finished(request, status: response.status, bytes: 0, now: now)
                inFlight = nil
                perform(machine.responseSent(keepAlive: streamFraming.keepAlive, now: now), now: now)
                return
            }
            let channel = StreamChannel(loop: loop, connection: id)
            guard sendStreamHead(response, keepAlive: keepAlive, channel: channel, now: now) else { return }
            loop.startStream(channel, producer: producer)
        }
    }

    /// Sends a streamed response's head (chunked on HTTP/1.1; on HTTP/1.0 the body ends with the
    /// connection), remembers its framing and takes `channel` as the stream its pieces arrive
    /// through, before anything is written, so a close during the write cancels the producer.
    /// False, with `channel` cancelled, when the connection is gone or the head could not be
    /// encoded (a 500 went out instead).
    func sendStreamHead(_ response: Response, keepAlive: Bool, channel: StreamChannel?, now: Int64) -> Bool {
        guard !isClosed, let request = inFlight else {
            channel?.cancel()
            return false
        }
        let chunked = request.version == .http11
        let keepAlive = keepAlive && chunked && !loop.isDraining
        var head: [UInt8] = []
        head.reserveCapacity(256)
        guard
            encode(
                response, framing: chunked ? .chunked : .none, keepAlive: keepAlive, version: request.version,
                into: &head)
        else {
            channel?.cancel()
            abandon(request, now: now)
            return false
        }
        enqueue(head)
        streamFraming = (chunked, keepAlive)
        stream = channel
        flush(now: now)
        return true
    }

    /// The handler's response could not be encoded; `encode` queued a 500 instead: send it and close.
    private func abandon(_ request: InFlightRequest, now: Int64) {
        loop.finished(request, status: .internalServerError, bytes: 0, now: now)
        inFlight = nil
        closeAfterFlush = true
        flush(now: now)
    }

    /// One piece of a streamed body, sent by the worker running the producer.
    func streamPiece(_ bytes: [UInt8], sequence: Int, now: Int64) {
        guard !isClosed else { return }
        if streamFraming.chunked {
            var framed: [UInt8] = []
            framed.reserveCapacity(bytes.count + 16)
            ResponseEncoder.encodeChunk(bytes, into: &framed)
            enqueue(framed)
        } else {
            enqueue(bytes)
        }
        inFlight?.bytesSent += bytes.count
        pendingStreamAcks.append(sequence)
        flush(now: now)
    }

    /// The producer finished (or failed: then the connection closes, so the client sees a
    /// truncated body rather than a well-formed lie).
    func streamEnded(failed: Bool, now: Int64) {
        guard !isClosed, let request = inFlight else { return }
        stream = nil
        let (chunked, keepAlive) = streamFraming
        if failed {
            loop.finished(request, status: request.status ?? .ok, bytes: request.bytesSent, now: now)
            inFlight = nil
            closeAfterFlush = true
            flush(now: now)
            return
        }
        if chunked {
            var last: [UInt8] = []
            ResponseEncoder.encodeLastChunk(into: &last)
            enqueue(last)
        }
        loop.finished(request, status: request.status ?? .ok, bytes: request.bytesSent, now: now)
        inFlight = nil
        perform(machine.responseSent(keepAlive: keepAlive, now: now), now: now)
        flush(now: now)
    }

    /// Closes the connection if it sits idle (graceful shutdown).
    func closeIfIdle() {
        if isIdle && inFlight == nil { close() }
    }

    func close() {
        guard !isClosed else { return }
        isClosed = true
        stream?.cancel()
        stream = nil
        loop.connectionClosed(self)
    }

    // MARK: Actions

    private func perform(_ actions: [ConnectionStateMachine.Action], now: Int64) {
        for action in actions {
            if isClosed { return }
            switch action {
            case .dispatch(let head, let body, let keepAlive):
                inFlight = InFlightRequest(head: head, start: now, remoteAddress: remoteAddress)
                loop.dispatch(head: head, body: body, keepAlive: keepAlive, from: self)
            case .sendInterim(let bytes):
                enqueue(bytes)
                flush(now: now)
            case .reject(let status, let code):
                sendError(status, code: code, now: now)
            case .close:
                if outgoingBytes > 0 {
                    closeAfterFlush = true
                } else {
                    close()
                }
            case .setReading(let on):
                reading = on
                updateInterest()
            }
        }
        loop.reschedule(self)
    }

    /// An error found by the server itself (not a handler): a problem response with
    /// `Connection: close`, then half-close and a short drain so the client reads it.
    private func sendError(_ status: HTTPStatus, code: String, now: Int64) {
        let problem = HTTPError(status, code: code, detail: Self.detail(for: status)).response
        var bytes: [UInt8] = []
        let version = inFlight?.version ?? .http11
        if encode(
            problem, framing: .contentLength(problem.bodyBytes.count), keepAlive: false, version: version, into: &bytes)
        {
            bytes.append(contentsOf: problem.bodyBytes)
            enqueue(bytes)
        }
        loop.rejected(status: status, remoteAddress: remoteAddress)
        closeAfterFlush = true
        lingerAfterFlush = true
        flush(now: now)
    }

    private var lingerAfterFlush = false

    private static func detail(for status: HTTPStatus) -> String {
        switch status.code {
        case 408: "The request was not received in time."
        case 413: "The request body is larger than this server accepts."
        case 414: "The request line is longer than this server accepts."
        case 431: "The request's header section is larger than this server accepts."
        case 505: "Only HTTP/1.0 and HTTP/1.1 are supported."
        default: "The request is malformed."
        }
    }

    private func encode(
        _ response: Response, framing: ResponseFraming, keepAlive: Bool, version: HTTPVersion, into out: inout [UInt8]
    ) -> Bool {
        do {
            try ResponseEncoder.encodeHead(
                status: response.status, headers: response.headers, version: version, framing: framing,
                keepAlive: keepAlive, date: loop.httpDate(), into: &out)
            inFlight?.status = response.status
            return true
        } catch {
            // A handler produced a header we refuse to send (CR/LF/NUL): answer 500 instead.
            let fallback = HTTPError(.internalServerError, code: "internal_error", detail: "The response was invalid.")
                .response
            out.removeAll()
            guard
                (try? ResponseEncoder.encodeHead(
                    status: fallback.status, headers: fallback.headers, version: version,
                    framing: .contentLength(fallback.bodyBytes.count), keepAlive: false, date: loop.httpDate(),
                    into: &out)) != nil
            else { return false }
            out.append(contentsOf: fallback.bodyBytes)
            enqueue(out)
            inFlight?.status = fallback.status
            closeAfterFlush = true
            return false
        }
    }

    private static func hasNoBody(_ status: HTTPStatus) -> Bool {
        status.code < 200 || status.code == 204 || status.code == 304
    }

    // MARK: Writing

    private func enqueue(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        outgoing.append(bytes)
        outgoingBytes += bytes.count
    }

    /// Writes as much as the socket takes now; registers for writability only when it would block.
    private func flush(now: Int64) {
        var progressed = false
        while !isClosed, let first = outgoing.first {
            let result: Syscall.IOResult
            do {
                result = try first.withUnsafeBytes { raw throws(SystemError) in
                    try socket.descriptor.write(
                        from: raw.baseAddress.unsafelyUnwrapped + outgoingOffset, count: raw.count - outgoingOffset)
                }
            } catch {
                close()
                return
            }
            guard case .done(let written) = result else { break }
            progressed = true
            outgoingOffset += written
            outgoingBytes -= written
            if outgoingOffset == first.count {
                outgoing.removeFirst()
                outgoingOffset = 0
            }
        }
        if isClosed { return }
        if progressed, let channel = stream, !pendingStreamAcks.isEmpty, outgoingBytes < 64 * 1024 {
            for sequence in pendingStreamAcks { channel.acknowledge(sequence) }
            pendingStreamAcks.removeAll()
        }
        if outgoingBytes == 0 {
            writeDeadline = nil
            if closeAfterFlush {
                if lingerAfterFlush {
                    lingerAfterFlush = false
                    socket.shutdownWrite()
                    lingerDeadline = now + 2_000_000_000
                    reading = true
                    updateInterest()
                } else if lingerDeadline == nil {
                    close()
                    return
                }
            }
        } else if progressed || writeDeadline == nil {
            writeDeadline = now + loop.limits.writeTimeout.nanoseconds
        }
        updateInterest()
        loop.reschedule(self)
    }

    /// Tells epoll what to watch, only when that changed: one `epoll_ctl` per change, not per write.
    private func updateInterest() {
        var events: Epoll.Events = []
        if reading { events.insert(.readable) }
        if outgoingBytes > 0 { events.insert(.writable) }
        if events != watchedEvents {
            watchedEvents = events
            loop.setInterest(self, events: events)
        }
    }
}

/// What the loop remembers about the request a connection is handling, for logs and metrics.
struct InFlightRequest {
    let method: HTTPMethod
    let path: Substring
    let version: HTTPVersion
    let start: Int64
    var routePattern: String?
    var status: HTTPStatus?
    var bytesSent = 0
    var remoteAddress: String
    var evented: EventedOutcome?

    init(head: RequestHead, start: Int64, remoteAddress: String) {
        self.remoteAddress = remoteAddress
        method = head.method
        path = head.rawPath
        version = head.version
        self.start = start
    }
}
