import Foundation
import HTTPServer

/// Sends an SMS through the office's HTTP gateway: `POST` of `{"id", "to", "text"}` as JSON with an
/// `Idempotency-Key` header holding the notification's id, the same on every attempt, so a gateway
/// that dedupes on it sends one SMS however often a crashed worker repeats the request.
/// Plain HTTP/1.1 with `Connection: close` (put a TLS proxy in front of a remote gateway).
struct SMSGatewayClient {
    var endpoint: NotifierConfiguration.HTTPEndpoint
    var timeout: Double

    private struct Payload: Encodable {
        var id: String
        var to: String
        var text: String
    }

    func send(id: String, to recipient: String, text: String) throws {
        let body = try JSONEncoder().encode(Payload(id: id, to: recipient, text: text))
        let head = [
            "POST \(endpoint.path) HTTP/1.1",
            "Host: \(endpoint.host):\(endpoint.port)",
            "Content-Type: application/json",
            "Idempotency-Key: \(id)",
            "Content-Length: \(body.count)",
            "Connection: close",
        ].joined(separator: "\r\n")
        let status: Int?
        do {
            let connection = try OutboundConnection.connect(host: endpoint.host, port: endpoint.port, timeout: timeout)
            defer { connection.close() }
            try connection.send(Array((head + "\r\n\r\n").utf8) + Array(body))
            var reader = LineReader(connection: connection)
            // The status line is the answer; the rest is not waited for.
            status = try reader.line().flatMap(Self.status(ofStatusLine:))
        } catch {
            throw DeliveryError.network(stage: "gateway", error)
        }
        guard let status else { throw DeliveryError.malformedReply(stage: "gateway") }
        guard (200..<300).contains(status) else { throw DeliveryError.httpStatus(status) }
    }

    /// `HTTP/1.1 202 Accepted` → 202.
    static func status(ofStatusLine line: String) -> Int? {
        let parts = line.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), parts[1].count == 3 else { return nil }
        return Int(parts[1])
    }
}
