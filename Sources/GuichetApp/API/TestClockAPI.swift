import Foundation
import GuichetCore
import HTTPServer

/// `PUT /api/v1/test/clock` — only with `guichet serve --test-clock`: an administrator sets the
/// instant the server's clock stands at, for every purpose, until set again. Without the flag the
/// endpoint answers `404`, exactly like a path that does not exist.
struct TestClockAPI: Sendable {
    /// The settable clock; nil when the server runs on real time.
    let clock: TestClock?
    let authenticator: Authenticator
    let sweeper: Sweeper

    struct Setting: Decodable {
        var now: Date
    }

    struct TestClockReply: Encodable {
        var now: Date
        var dueSoonRecorded: Int
        var escalationsRecorded: Int
    }

    func register(in router: inout RouterBuilder) {
        router.put("/api/v1/test/clock") { request in
            guard let clock else { throw Problems.notFound("resource") }
            _ = try authenticator.require(request, role: .admin)
            let setting: Setting = try request.decodeJSON()
            clock.set(setting.now)
            // Moving time is when cases become due soon or overdue: sweep at once, as the minute
            // timer would have.
            let result = try sweeper.sweep()
            return try .json(
                TestClockReply(now: setting.now, dueSoonRecorded: result.dueSoon, escalationsRecorded: result.escalated)
            )
        }
        router.get("/api/v1/test/clock") { _ in
            guard let clock else { throw Problems.notFound("resource") }
            return try .json(["now": clock.now()])
        }
    }
}
