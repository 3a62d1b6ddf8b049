import HTTPServer
import Postgres

extension Database {
    /// Runs `query` from an event loop without blocking it, for an evented route: on a pooled
    /// connection lent now or, when all are busy, as soon as one is given back, whose socket the
    /// loop watches until the answer is in; `then` gets the rows on the loop. The reply is
    /// declined instead (the route's blocking handler answers on a worker) when the pool must
    /// open a connection, the statement is not yet prepared on the one lent, or anything fails:
    /// the blocking path knows how to connect, prepare and report.
    ///
    /// An answer that never comes holds the connection, as it would hold a worker on the blocking
    /// path: neither has a timeout of its own (PostgreSQL's `statement_timeout` bounds both).
    func query(
        onLoop query: PostgresQuery, reply: EventedReply, then: @escaping @Sendable (PostgresRows) -> Void
    ) {
        let start: @Sendable (PostgresConnection) -> Void = { [pool] connection in
            LoopQuery(pool: pool, connection: connection, reply: reply, then: then).start(query)
        }
        // A connection given back later may come on a worker's or the other loop's thread.
        switch pool.lend(orLater: { connection in reply.onLoop { connection.map(start) ?? reply.decline() } }) {
        case .lent(let connection): start(connection)
        case .queued: break
        case .refused: reply.decline()
        }
    }
}

/// One statement in flight from an event loop (see `Database.query(onLoop:reply:then:)`).
/// `@unchecked Sendable`: it lives in the loop's watcher closure and only that thread touches it.
private final class LoopQuery: @unchecked Sendable {
    let pool: ConnectionPool
    let connection: PostgresConnection
    let descriptor: Int32
    let reply: EventedReply
    let then: @Sendable (PostgresRows) -> Void
    private var flushed = false

    init(
        pool: ConnectionPool, connection: PostgresConnection, reply: EventedReply,
        then: @escaping @Sendable (PostgresRows) -> Void
    ) {
        self.pool = pool
        self.connection = connection
        self.descriptor = connection.socketDescriptor
        self.reply = reply
        self.then = then
    }

    func start(_ query: PostgresQuery) {
        do {
            guard try connection.send(query) else { return giveUp() }
            flushed = try connection.flush()
            // Watching for writing only while the statement is not all sent.
            try reply.watch(descriptor: descriptor, writable: !flushed) { [self] in step() }
        } catch {
            giveUp()
        }
    }

    /// The socket is ready (or the wake-up is spurious): send what is left, read what came.
    private func step() {
        do {
            if !flushed {
                flushed = try connection.flush()
                guard flushed else { return }
                try reply.watch(descriptor: descriptor, writable: false) { [self] in step() }
            }
            guard let rows = try connection.receive() else { return }
            release()
            then(rows)
        } catch {
            giveUp()
        }
    }

    /// Unwatched before it goes back: once in the pool, a worker thread may use the socket.
    private func release() {
        reply.unwatch(descriptor: descriptor)
        pool.checkin(connection)
    }

    private func giveUp() {
        release()
        reply.decline()
    }
}
