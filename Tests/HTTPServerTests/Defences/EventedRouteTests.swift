import Foundation
import Glibc
import Synchronization
import TestSupport
import XCTest

@testable import HTTPServer

/// Evented routes over real sockets: the fast path answers from the event loop after the I/O it
/// watches is ready, declines to the blocking handler, keeps pipelined answers in order, survives
/// a client that leaves, and stands aside under load.
final class EventedRouteTests: XCTestCase {
    var server: Server!
    var gates: Gates!
    var metrics: HTTPMetrics!

    override func setUpWithError() throws {
        gates = Gates()
        metrics = HTTPMetrics()
        server = try makeServer(
            eventLoops: 1, workers: 2, responder: Decorated(inner: try makeRouter(gates: gates)), observer: metrics)
    }

    override func tearDown() {
        server.shutdown()
        gates.closeAll()
    }

    func testTheFastPathAnswersOnceItsDescriptorIsReady() throws {
        let client = try RawHTTPClient(port: server.port)
        XCTAssertTrue(client.send(RawHTTPClient.get("/wait")))
        try gates.waitForWatchers(1)
        gates.open(0)
        let response = try client.readResponse()
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.text, "evented 0")
        // The middleware's decoration reaches the fast path's answer too.
        XCTAssertEqual(response.header("X-Decorated"), "yes")
        XCTAssertTrue(renderedMetrics().contains(#"guichet_http_evented_total{route="/wait",outcome="answered"} 1"#))
    }

    func testADeclineRunsTheBlockingHandler() throws {
        let client = try RawHTTPClient(port: server.port)
        let response = try client.request(RawHTTPClient.get("/decline"))
        XCTAssertEqual(response.text, "blocking")
        XCTAssertEqual(response.header("X-Decorated"), "yes")
        XCTAssertTrue(renderedMetrics().contains(#"guichet_http_evented_total{route="/decline",outcome="declined"} 1"#))
    }

    func testPipelinedAnswersKeepTheirOrder() throws {
        let client = try RawHTTPClient(port: server.port)
        XCTAssertTrue(client.send(RawHTTPClient.get("/wait") + RawHTTPClient.get("/hello")))
        try gates.waitForWatchers(1)
        // The quick request behind waits for the evented one, however long it takes.
        Thread.sleep(forTimeInterval: 0.2)
        gates.open(0)
        XCTAssertEqual(try client.readResponse().text, "evented 0")
        XCTAssertEqual(try client.readResponse().text, "hello")
    }

    func testAClientThatLeavesDoesNotStopTheServer() throws {
        do {
            let leaving = try RawHTTPClient(port: server.port)
            XCTAssertTrue(leaving.send(RawHTTPClient.get("/wait")))
            try gates.waitForWatchers(1)
        }  // closed here, before its answer
        Thread.sleep(forTimeInterval: 0.1)
        // The answer for the departed client is dropped; the loop serves the next one.
        gates.open(0)
        let client = try RawHTTPClient(port: server.port)
        XCTAssertEqual(try client.request(RawHTTPClient.get("/hello")).text, "hello")
        XCTAssertTrue(client.send(RawHTTPClient.get("/wait")))
        try gates.waitForWatchers(2)
        gates.open(1)
        XCTAssertEqual(try client.readResponse().text, "evented 1")
    }

    func testPastTheLoopsLimitRequestsGoToTheWorkers() throws {
        // Two fast paths wait on this loop (its limit); the third request is not started there.
        let first = try RawHTTPClient(port: server.port)
        let second = try RawHTTPClient(port: server.port)
        XCTAssertTrue(first.send(RawHTTPClient.get("/wait")))
        XCTAssertTrue(second.send(RawHTTPClient.get("/wait")))
        try gates.waitForWatchers(EventLoop.eventedLimit)
        let third = try RawHTTPClient(port: server.port)
        XCTAssertEqual(try third.request(RawHTTPClient.get("/wait")).text, "blocking")
        gates.open(0)
        gates.open(1)
        XCTAssertEqual(try first.readResponse().text, "evented 0")
        XCTAssertEqual(try second.readResponse().text, "evented 1")
    }

    private func renderedMetrics() -> String {
        var text = ""
        metrics.render(into: &text)
        return text
    }

    private func makeRouter(gates: Gates) throws -> Router {
        var builder = RouterBuilder()
        builder.get("/hello", execution: .inline) { _ in .text("hello") }
        builder.get("/wait", execution: .evented({ _, reply in gates.wait(reply) })) { _ in .text("blocking") }
        builder.get("/decline", execution: .evented({ _, reply in reply.decline() })) { _ in .text("blocking") }
        return try builder.build()
    }
}

/// Middleware that marks every response, to see that it wraps the fast path as well.
private struct Decorated: Responder {
    let inner: Router

    func route(_ request: Request) -> RoutedRequest {
        var routed = inner.route(request)
        routed.mapResponse { response in
            var response = response
            response.headers.add("X-Decorated", "yes")
            return response
        }
        return routed
    }
}

/// Pipes the evented handlers wait on, one per request in arrival order; the test writes a byte
/// to open one.
final class Gates: Sendable {
    private struct State {
        var pipes: [(read: Int32, write: Int32)] = []
    }

    private let state = Mutex(State())

    /// Called on the loop: a new pipe, watched until its byte arrives, then the answer.
    func wait(_ reply: EventedReply) {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { return reply.decline() }
        let (readEnd, number) = state.withLock { state in
            state.pipes.append((ends[0], ends[1]))
            return (ends[0], state.pipes.count - 1)
        }
        do {
            try reply.watch(descriptor: readEnd) {
                var byte: UInt8 = 0
                guard read(readEnd, &byte, 1) == 1 else { return }
                reply.unwatch(descriptor: readEnd)
                reply.respond(.text("evented \(number)"))
            }
        } catch {
            reply.decline()
        }
    }

    /// Waits until `count` handlers are watching.
    func waitForWatchers(_ count: Int, timeout: TimeInterval = 5) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while state.withLock({ $0.pipes.count }) < count {
            guard Date() < deadline else { throw CocoaError(.executableLoad) }
            Thread.sleep(forTimeInterval: 0.01)
        }
        // The handler watches right after creating its pipe, on the loop thread.
        Thread.sleep(forTimeInterval: 0.05)
    }

    /// Lets handler `index` answer.
    func open(_ index: Int) {
        var byte: UInt8 = 1
        let end = state.withLock { $0.pipes[index].write }
        _ = write(end, &byte, 1)
    }

    func closeAll() {
        for ends in state.withLock({ $0.pipes }) {
            close(ends.read)
            close(ends.write)
        }
    }
}
