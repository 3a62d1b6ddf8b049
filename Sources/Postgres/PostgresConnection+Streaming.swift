import CLibPQ

extension PostgresConnection {
    /// Runs a query and hands each row to `body` as it arrives, holding one row at a time.
    ///
    /// For large reports (100,000-row CSV exports): `PQsendQueryParams` then
    /// `PQsetSingleRowMode`, so libpq returns one `PGresult` per row instead of buffering the
    /// whole result. If `body` throws, the query is cancelled (`PQcancel`), the remaining
    /// results are drained so the connection stays usable, and `body`'s error is rethrown.
    /// Server errors arrive as `PostgresError`, possibly after some rows were delivered.
    public func forEachRow(_ query: PostgresQuery, _ body: (PostgresRow) throws -> Void) throws {
        try query.binds.validate()
        let types = query.binds.types.map(\.rawValue)
        let sent = withBindPointers(query.binds) { values in
            PQsendQueryParams(handle, query.sql, Int32(values.count), types, values, nil, nil, 0)
        }
        guard sent == 1 else {
            // The query was not even sent; like a missing result, the connection is unusable.
            throw markBroken()
        }
        // If single-row mode cannot be set the rows still arrive, only buffered; not an error.
        _ = PQsetSingleRowMode(handle)

        var columns: PostgresColumns?
        var failure: (any Error)?
        while let pointer = PQgetResult(handle) {
            let status = PQresultStatus(pointer)
            guard status == PGRES_SINGLE_TUPLE || status == PGRES_TUPLES_OK else {
                // After a cancel the server reports 57014; the body's error is the one to keep.
                if failure == nil {
                    failure = status == PGRES_COMMAND_OK ? nil : makeError(pointer)
                }
                PQclear(pointer)
                continue
            }
            let shared = columns.flatMap { $0.matches(pointer) ? $0 : nil } ?? PostgresColumns(result: pointer)
            columns = shared
            let result = PostgresResult(pointer, columns: shared)
            guard failure == nil else { continue }
            for index in 0..<result.rowCount {
                do {
                    try body(PostgresRow(result: result, index: index))
                } catch {
                    failure = error
                    cancelRunningQuery()
                    break
                }
            }
        }
        if let failure { throw failure }
        if isBroken { throw markBroken() }
    }

    /// Asks the server to stop the running statement (`PQcancel`, a separate short connection).
    /// Best effort: if the statement already finished, the request is ignored by the server.
    func cancelRunningQuery() {
        guard let cancel = PQgetCancel(handle) else { return }
        defer { PQfreeCancel(cancel) }
        var buffer = [CChar](repeating: 0, count: 256)
        _ = PQcancel(cancel, &buffer, Int32(buffer.count))
    }
}
