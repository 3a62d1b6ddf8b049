import Foundation
import XCTest

@testable import HTTPServer

/// A small responder for socket-level tests of the server itself, without the application.
struct EchoResponder: Responder {
    func route(_ request: Request) -> RoutedRequest {
        let path = String(request.rawPath)
        switch (request.method, path) {
        case (.get, "/hello"), (.head, "/hello"):
            return RoutedRequest(execution: .inline, routePattern: "/hello") { .text("hello") }
        case (.post, "/echo"), (.put, "/echo"):
            let body = request.body
            return RoutedRequest(execution: .blocking, routePattern: "/echo") {
                Response(status: .ok, headers: ["Content-Type": "application/octet-stream"], body: body)
            }
        case (.get, "/slow"):
            return RoutedRequest(execution: .blocking, routePattern: "/slow") {
                Thread.sleep(forTimeInterval: 0.3)
                return .text("slow")
            }
        case (.get, "/stream"):
            return RoutedRequest(execution: .blocking, routePattern: "/stream") {
                Response(headers: ["Content-Type": "text/csv"]) { writer in
                    for row in 0..<1000 { try writer.write(Array("row,\(row)\n".utf8)) }
                }
            }
        case (.get, "/stream-large"):
            // About 290 KB: past the server's spool limit, so it streams with chunked framing.
            return RoutedRequest(execution: .blocking, routePattern: "/stream-large") {
                Response(headers: ["Content-Type": "text/csv"]) { writer in
                    for row in 0..<30_000 { try writer.write(Array("row,\(row)\n".utf8)) }
                }
            }
        case (.get, "/stream-fails-early"):
            return RoutedRequest(execution: .blocking, routePattern: "/stream-fails-early") {
                Response(headers: ["Content-Type": "text/csv"]) { writer in
                    try writer.write(Array("row,0\n".utf8))
                    throw CocoaError(.fileReadUnknown)
                }
            }
        case (.get, "/stream-fails-late"):
            return RoutedRequest(execution: .blocking, routePattern: "/stream-fails-late") {
                Response(headers: ["Content-Type": "text/csv"]) { writer in
                    for row in 0..<20_000 { try writer.write(Array("row,\(row)\n".utf8)) }
                    throw CocoaError(.fileReadUnknown)
                }
            }
        case (.get, "/stream-inline"), (.head, "/stream-inline"):
            // A stream answered on the loop: its producer runs on the pool after the head is sent.
            return RoutedRequest(execution: .inline, routePattern: "/stream-inline") {
                Response(headers: ["Content-Type": "text/csv"]) { writer in
                    for row in 0..<10 { try writer.write(Array("row,\(row)\n".utf8)) }
                }
            }
        case (.get, "/big"):
            return RoutedRequest(execution: .blocking, routePattern: "/big") {
                Response(body: [UInt8](repeating: UInt8(ascii: "x"), count: 4 * 1024 * 1024))
            }
        case (.get, "/bad-header"):
            return RoutedRequest(execution: .inline, routePattern: "/bad-header") {
                Response(headers: ["X-Evil": "a\r\nSet-Cookie: x=1"], body: [])
            }
        default:
            return RoutedRequest(execution: .inline, routePattern: nil) {
                HTTPError(.notFound, code: "not_found", detail: "No such resource.").response
            }
        }
    }
}

/// Starts an in-process server on a free port with `limits`, for the duration of a test.
func makeServer(
    limits: Limits = Limits(), eventLoops: Int = 2, workers: Int = 4, port: Int = 0,
    responder: any Responder = EchoResponder(), observer: (any ServerObserver)? = nil
) throws -> Server {
    var configuration = Server.Configuration()
    configuration.host = "127.0.0.1"
    configuration.port = port
    configuration.eventLoops = eventLoops
    configuration.workers = workers
    configuration.limits = limits
    configuration.shutdownGrace = .seconds(2)
    return try Server(configuration: configuration, responder: responder, observer: observer)
}
