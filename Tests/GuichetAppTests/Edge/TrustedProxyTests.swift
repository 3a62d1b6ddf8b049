import Foundation
import TestSupport
import XCTest

/// `X-Forwarded-For` moves a client into another rate-limit bucket only when the TCP peer is a
/// trusted proxy; anyone else's header is ignored. Over real sockets against the real binary.
final class TrustedProxyTests: XCTestCase {
    static let trackingLimit = 3

    func limits() -> [String] {
        ["--filing-limit", "100000", "--tracking-failure-limit", "\(Self.trackingLimit)", "--login-failure-limit", "100000"]
    }

    func failedLookup(_ fixture: GuichetFixture, forwardedFor: String?) throws -> Int {
        var headers = ["X-Tracking-Key": "ABCDEFGH"]
        if let forwardedFor { headers["X-Forwarded-For"] = forwardedFor }
        return try fixture.request("GET", "/api/v1/track/TUN-2026-999999", headers: headers).status
    }

    func testSpoofedForwardedForFromAnUntrustedPeerDoesNotEscapeTheLimit() throws {
        let fixture = try GuichetFixture(limits: limits())
        defer { fixture.stop() }
        var statuses: [Int] = []
        for attempt in 0..<(Self.trackingLimit + 3) {
            statuses.append(try failedLookup(fixture, forwardedFor: "198.51.100.\(attempt + 1)"))
        }
        XCTAssertEqual(Array(statuses.prefix(Self.trackingLimit)), Array(repeating: 404, count: Self.trackingLimit))
        XCTAssertEqual(Array(statuses.dropFirst(Self.trackingLimit)), [429, 429, 429], "a new forged address each time")
        // The access log shows the real peer, not the forged address.
        Thread.sleep(forTimeInterval: 1.5)
        XCTAssertFalse(fixture.server.standardOutput.contains("198.51.100."), fixture.server.standardOutput)
    }

    func testATrustedProxysForwardedAddressesEachGetTheirOwnLimit() throws {
        let fixture = try GuichetFixture(
            limits: limits(), extraArguments: ["--trusted-proxy", "10.0.0.0/8,127.0.0.1", "--trusted-proxy", "::1"])
        defer { fixture.stop() }
        // Client A uses up its window…
        for _ in 0..<Self.trackingLimit { XCTAssertEqual(try failedLookup(fixture, forwardedFor: "203.0.113.7"), 404) }
        XCTAssertEqual(try failedLookup(fixture, forwardedFor: "203.0.113.7"), 429)
        // …behind a second trusted hop it is still A (the rightmost untrusted hop counts)…
        XCTAssertEqual(try failedLookup(fixture, forwardedFor: "203.0.113.7, 10.1.2.3"), 429)
        // …and what A writes to the left of its own address proves nothing.
        XCTAssertEqual(try failedLookup(fixture, forwardedFor: "192.0.2.99, 203.0.113.7"), 429)
        // Client B, a different forwarded address, has its own window.
        XCTAssertEqual(try failedLookup(fixture, forwardedFor: "203.0.113.8"), 404)
        XCTAssertEqual(try failedLookup(fixture, forwardedFor: "2001:db8::8"), 404)
        // Without the header the proxy itself is the client, with a fresh window.
        XCTAssertEqual(try failedLookup(fixture, forwardedFor: nil), 404)
        Thread.sleep(forTimeInterval: 1.5)
        XCTAssertTrue(fixture.server.standardOutput.contains("203.0.113.7"), "the access log names the real client")
        XCTAssertTrue(fixture.server.standardError.contains("trusting X-Forwarded-For"), fixture.server.standardError)
    }

    func testAnInvalidTrustedProxyStopsTheServer() throws {
        let database = try TestDatabase()
        defer { try? database.drop() }
        XCTAssertThrowsError(try ServerProcess(databaseURL: database.url, arguments: ["--trusted-proxy", "10.0.0/33"], timeout: 10)) {
            XCTAssertTrue("\($0)".contains("--trusted-proxy"), "\($0)")
        }
    }
}
