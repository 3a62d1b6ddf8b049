// The RSS floor: the smallest process built on the same parts as Guichet (Foundation and libpq,
// both linked as the toolchain links them), holding one connection after one query, doing
// nothing else. bench.py reads its RSS beside Guichet's and the peer's: whatever a server built
// on these parts does, it cannot use less.
import Foundation

guard CommandLine.arguments.count == 2 else {
    FileHandle.standardError.write(Data("usage: rss-floor DATABASE_URL\n".utf8))
    exit(2)
}
let connection = PQconnectdb(CommandLine.arguments[1])
guard PQstatus(connection) == CONNECTION_OK else {
    FileHandle.standardError.write(Data("rss-floor: cannot connect\n".utf8))
    exit(1)
}
let result = PQexec(connection, "SELECT now()")
guard PQresultStatus(result) == PGRES_TUPLES_OK, let text = PQgetvalue(result, 0, 0) else {
    FileHandle.standardError.write(Data("rss-floor: the query failed\n".utf8))
    exit(1)
}
// A date through Foundation, as any server here formats one.
let now = Date()
FileHandle.standardOutput.write(Data("ready \(String(cString: text)) \(now.timeIntervalSince1970 > 0)\n".utf8))
pause()
