/// The protocol logic of one HTTP/1.1 connection as a value type: bytes, timer ticks and "response
/// sent" go in; actions come out. It does no I/O and reads no clock (the caller passes `now`), so it
/// is tested without sockets or sleeps (`ConnectionStateMachineTests`). `Connection` performs the
/// actions.
///
/// One request is handled at a time: while a request is with its handler, later pipelined bytes
/// wait in the buffer (reading pauses past `Limits.maxPipelinedBytes`), which keeps responses in
/// request order without any reordering queue.
struct ConnectionStateMachine {
    /// What the connection must do next.
    enum Action: Equatable {
        /// Hand a complete request to its handler.
        case dispatch(RequestHead, body: [UInt8], keepAlive: Bool)
        /// Send these bytes now (the interim `100 Continue`).
        case sendInterim([UInt8])
        /// Answer with this error status and code, then close (parse errors, limits, timeouts).
        case reject(HTTPStatus, code: String)
        /// Close without a response (idle timeout, client gone).
        case close
        /// Stop or resume reading from the socket.
        case setReading(Bool)
    }

    private enum Phase {
        /// Waiting for (the rest of) a request head; `started` once its first byte arrived.
        case head(started: Bool)
        /// Reading a body of known length, `remaining` bytes to go.
        case fixedBody(RequestHead, remaining: Int)
        /// Reading a chunked body.
        case chunkedBody(RequestHead)
        /// The request is with its handler.
        case handling(keepAlive: Bool)
        /// Finished: no more input is processed.
        case done
    }

    let limits: Limits
    private var phase: Phase = .head(started: false)
    private var parser: RequestHeadParser
    private var chunked: ChunkedDecoder
    private var buffer: [UInt8] = []
    private var consumed = 0
    private var body: [UInt8] = []
    private var readingPaused = false
    private var inputEnded = false
    /// When the current phase times out (monotonic nanoseconds), if it can.
    private(set) var deadline: Int64?

    init(limits: Limits, now: Int64) {
        self.limits = limits
        parser = RequestHeadParser(limits: limits)
        chunked = ChunkedDecoder(limits: limits)
        deadline = now + limits.idleTimeout.nanoseconds
    }

    /// Bytes received but not yet part of a dispatched request.
    var bufferedByteCount: Int { buffer.count - consumed }

    /// Whether the connection sits between requests with nothing buffered (safe to close on shutdown).
    var isIdle: Bool {
        if case .head(started: false) = phase { return bufferedByteCount == 0 }
        return false
    }

    // MARK: Events

    /// New bytes from the socket.
    mutating func received(_ bytes: UnsafeRawBufferPointer, now: Int64) -> [Action] {
        if case .done = phase { return [] }
        buffer.append(contentsOf: bytes)
        return process(now: now)
    }

    /// The client closed its sending side (read returned 0).
    mutating func receivedEndOfInput() -> [Action] {
        inputEnded = true
        switch phase {
        case .handling: return []  // answer what was asked, then close
        case .done: return []
        default:
            phase = .done
            return [.close]
        }
    }

    /// The response to the request in flight was fully queued for sending.
    mutating func responseSent(keepAlive: Bool, now: Int64) -> [Action] {
        guard case .handling = phase else { return [] }
        if !keepAlive || inputEnded {
            phase = .done
            return [.close]
        }
        phase = .head(started: false)
        parser.reset()
        deadline = now + limits.idleTimeout.nanoseconds
        var actions: [Action] = []
        if readingPaused {
            readingPaused = false
            actions.append(.setReading(true))
        }
        return actions + process(now: now)
    }

    /// The loop's timer reached `deadline`.
    mutating func timerFired(now: Int64) -> [Action] {
        guard let due = deadline, due <= now else { return [] }
        deadline = nil
        switch phase {
        case .head(started: false):
            phase = .done
            return [.close]
        case .head(started: true), .fixedBody, .chunkedBody:
            phase = .done
            return [.reject(.requestTimeout, code: "request_timeout")]
        case .handling, .done:
            return []
        }
    }

    // MARK: Processing

    private mutating func process(now: Int64) -> [Action] {
        var actions: [Action] = []
        while true {
            switch phase {
            case .head(let started):
                if bufferedByteCount == 0 {
                    compact()
                    return actions
                }
                if !started {
                    phase = .head(started: true)
                    deadline = now + limits.headerTimeout.nanoseconds
                }
                let result = buffer.withUnsafeBytes { raw in
                    parser.parse(UnsafeRawBufferPointer(rebasing: raw[consumed...]))
                }
                switch result {
                case .incomplete:
                    compact()
                    return actions
                case .invalid(let error):
                    return actions + reject(error)
                case .complete(let head, let length):
                    consumed += length
                    if let failure = startBody(of: head, now: now, actions: &actions) {
                        return actions + failure
                    }
                }
            case .fixedBody(let head, let remaining):
                let take = min(remaining, bufferedByteCount)
                body.append(contentsOf: buffer[consumed..<(consumed + take)])
                consumed += take
                if take == remaining {
                    actions.append(dispatch(head))
                    continue
                }
                if take > 0 { deadline = now + limits.bodyTimeout.nanoseconds }
                phase = .fixedBody(head, remaining: remaining - take)
                compact()
                return actions
            case .chunkedBody(let head):
                let before = bufferedByteCount
                let result = buffer.withUnsafeBytes { raw in
                    chunked.decode(UnsafeRawBufferPointer(rebasing: raw[consumed...]), into: &body)
                }
                switch result {
                case .invalid(let error):
                    return actions + reject(error)
                case .done(let length):
                    consumed += length
                    actions.append(dispatch(head))
                case .needMore(let length):
                    consumed += length
                    if before > 0 { deadline = now + limits.bodyTimeout.nanoseconds }
                    compact()
                    return actions
                }
            case .handling:
                if !readingPaused && bufferedByteCount > limits.maxPipelinedBytes {
                    readingPaused = true
                    actions.append(.setReading(false))
                }
                return actions
            case .done:
                return actions
            }
        }
    }

    /// Decides how the body of `head` is framed and moves to the matching phase; returns the
    /// actions to take instead when the head is refused.
    private mutating func startBody(of head: RequestHead, now: Int64, actions: inout [Action]) -> [Action]? {
        let framing: BodyFraming
        let expectsContinue: Bool
        var head = head
        do throws(HTTPParseError) {
            try head.normalizeTarget()
            framing = try BodyFraming(head: head, limits: limits)
            expectsContinue = try head.expectation()
        } catch {
            return reject(error)
        }
        body = []
        switch framing {
        case .none, .contentLength(0):
            actions.append(dispatch(head))
            return nil
        case .contentLength(let length):
            phase = .fixedBody(head, remaining: length)
        case .chunked:
            chunked = ChunkedDecoder(limits: limits)
            phase = .chunkedBody(head)
        }
        deadline = now + limits.bodyTimeout.nanoseconds
        // RFC 9110 §10.1.1: only promise to read the body if the client is waiting for our word.
        if expectsContinue && head.version == .http11 && bufferedByteCount == 0 {
            actions.append(.sendInterim(Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)))
        }
        return nil
    }

    private mutating func dispatch(_ head: RequestHead) -> Action {
        let keepAlive = head.keepAlive && !inputEnded
        phase = .handling(keepAlive: keepAlive)
        deadline = nil
        let requestBody = body
        body = []
        return .dispatch(head, body: requestBody, keepAlive: keepAlive)
    }

    private mutating func reject(_ error: HTTPParseError) -> [Action] {
        phase = .done
        deadline = nil
        return [.reject(error.status, code: error.code.rawValue)]
    }

    /// Drops consumed bytes once they are most of the buffer, so a long keep-alive connection
    /// neither grows nor copies on every request.
    private mutating func compact() {
        if consumed == buffer.count {
            buffer.removeAll(keepingCapacity: buffer.capacity <= 64 * 1024)
            consumed = 0
        } else if consumed > 16 * 1024 && consumed * 2 > buffer.count {
            buffer.removeFirst(consumed)
            consumed = 0
        }
    }
}
