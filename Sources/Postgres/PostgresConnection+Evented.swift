import CLibPQ

/// A statement sent without waiting for its answer, for an event loop that must never block
/// (libpq's non-blocking mode: `PQsendQueryPrepared`, `PQflush`, `PQconsumeInput`, `PQisBusy`).
///
/// The loop sends, flushes until everything left (watching the socket for writing meanwhile),
/// then calls `receive` each time the socket is readable until the rows come. Only statements
/// this connection has already prepared are sent this way: preparing is a round trip of its own,
/// left to the blocking path. Between `send` and the end of `receive` the connection serves no
/// other statement, and one given back to the pool in between is discarded as broken.
extension PostgresConnection {
    /// What `send` left to read: the statement's key and layout, and what the answer held so far.
    struct PendingQuery {
        let key: PreparedStatementCache.Key
        let knownColumns: PostgresColumns?
        var rows: PostgresRows?
        var failure: PostgresError?
    }

    /// True between `send` and the end of `receive`: the connection serves nothing else, and one
    /// given back to the pool in that state is discarded.
    public var isAwaitingAnswer: Bool {
        pendingQuery != nil
    }

    /// The socket libpq talks to the server on (`PQsocket`), for the loop to watch.
    public var socketDescriptor: Int32 {
        PQsocket(handle)
    }

    /// Sends `query` without waiting, if this connection has prepared its statement and no
    /// transaction is open; returns false, having sent nothing, otherwise. Follow with `flush`.
    public func send(_ query: PostgresQuery) throws(PostgresError) -> Bool {
        let key = try PreparedStatementCache.Key(validating: query)
        guard pendingQuery == nil, PQtransactionStatus(handle) == PQTRANS_IDLE,
            let (name, columns) = preparedStatementIfAny(for: key)
        else { return false }
        guard PQsetnonblocking(handle, 1) == 0 else { throw markBroken() }
        let sent = withBindPointers(query.binds) { values in
            PQsendQueryPrepared(handle, name, Int32(values.count), values, nil, nil, 0)
        }
        guard sent == 1 else {
            PQsetnonblocking(handle, 0)
            throw markBroken()
        }
        pendingQuery = PendingQuery(key: key, knownColumns: columns)
        return true
    }

    /// Pushes what `send` could not write at once; true when nothing is left to send.
    public func flush() throws(PostgresError) -> Bool {
        switch PQflush(handle) {
        case 0: return true
        case 1: return false
        default: throw abandonPending(markBroken())
        }
    }

    /// Reads what has arrived: the rows once the whole answer is in, nil while more must come
    /// (call again when the socket is readable). Throws the statement's own error once the answer
    /// is complete, or `brokenConnection` when the connection failed.
    public func receive() throws(PostgresError) -> PostgresRows? {
        guard var pending = pendingQuery else { throw PostgresError(.queryFailed, serverMessage: "nothing was sent") }
        guard PQconsumeInput(handle) == 1 else { throw abandonPending(markBroken()) }
        while PQisBusy(handle) == 0 {
            guard let result = PQgetResult(handle) else {
                // The answer is complete; the connection is ready for the next statement.
                pendingQuery = nil
                PQsetnonblocking(handle, 0)
                if let failure = pending.failure { throw failure }
                guard let rows = pending.rows else { throw markBroken() }
                return rows
            }
            guard pending.rows == nil, pending.failure == nil else {
                PQclear(result)
                continue
            }
            do {
                let pointer = try checked(result)
                pending.rows = PostgresRows(layOut(pointer, key: pending.key, knownColumns: pending.knownColumns))
            } catch {
                _ = forgetIfStale(pending.key, after: error)
                pending.failure = error
            }
        }
        pendingQuery = pending
        return nil
    }

    private func abandonPending(_ error: PostgresError) -> PostgresError {
        pendingQuery = nil
        return error
    }
}
