import Foundation
import HTTPServer

/// A minimal SMTP client for a relay the office runs (RFC 5321: EHLO, MAIL FROM, RCPT TO, DATA,
/// QUIT; no TLS or authentication — point it at a local relay that has them). Every reply code is
/// checked; every wait is bounded by the connection's timeout.
struct SMTPClient {
    var host: String
    var port: Int
    var timeout: Double
    /// The name given in EHLO (the mail domain).
    var heloName: String

    /// Sends one message. `pointOfNoReturn` runs just before the end-of-data line that commits
    /// the transaction at the relay; when it returns false (the claim was lost) the connection is
    /// closed instead, and the relay discards the unfinished message.
    func send(
        from sender: String, to recipient: String, message: MailMessage, pointOfNoReturn: () throws -> Bool
    ) throws {
        guard MailMessage.isUsableAddress(sender), MailMessage.isUsableAddress(recipient) else {
            throw DeliveryError.unusableAddress
        }
        let connection: OutboundConnection
        do {
            connection = try OutboundConnection.connect(host: host, port: port, timeout: timeout)
        } catch {
            throw DeliveryError.network(stage: "smtp connect", error)
        }
        defer { connection.close() }
        var reader = LineReader(connection: connection)
        try expect(220, stage: "greeting", reader: &reader)
        try command("EHLO \(heloName)", expect: 250, stage: "EHLO", connection: connection, reader: &reader)
        try command("MAIL FROM:<\(sender)>", expect: 250, stage: "MAIL", connection: connection, reader: &reader)
        try command("RCPT TO:<\(recipient)>", expect: 250, stage: "RCPT", connection: connection, reader: &reader)
        try command("DATA", expect: 354, stage: "DATA", connection: connection, reader: &reader)
        do {
            try connection.send(MailMessage.dotStuffed(message.rendered()))
        } catch {
            throw DeliveryError.network(stage: "smtp data", error)
        }
        // Closing before the end-of-data line makes the relay discard the message (RFC 5321 §4.1.1.4).
        guard try pointOfNoReturn() else { throw DeliveryError.claimLost }
        do {
            try connection.send(Array(".\r\n".utf8))
            let code = try reply(reader: &reader)
            guard code == 250 else {
                throw code.map { DeliveryError.smtpReply(stage: "end of data", code: $0) }
                    ?? DeliveryError.malformedReply(stage: "end of data")
            }
        } catch let error as SystemError {
            throw DeliveryError.outcomeUnknown(error)
        }
        // The relay has the message; a lost QUIT changes nothing.
        try? connection.send(Array("QUIT\r\n".utf8))
    }

    private func command(
        _ line: String, expect expected: Int, stage: String, connection: OutboundConnection, reader: inout LineReader
    ) throws {
        do {
            try connection.send(Array((line + "\r\n").utf8))
        } catch {
            throw DeliveryError.network(stage: "smtp \(stage)", error)
        }
        try expect(expected, stage: stage, reader: &reader)
    }

    private func expect(_ expected: Int, stage: String, reader: inout LineReader) throws {
        let code: Int?
        do {
            code = try reply(reader: &reader)
        } catch {
            throw DeliveryError.network(stage: "smtp \(stage)", error)
        }
        guard let code else { throw DeliveryError.malformedReply(stage: "smtp \(stage)") }
        guard code == expected else { throw DeliveryError.smtpReply(stage: stage, code: code) }
    }

    /// The code of one (possibly multi-line, `250-…` then `250 …`) reply; nil when malformed.
    private func reply(reader: inout LineReader) throws(SystemError) -> Int? {
        var lines = 0
        while let line = try reader.line() {
            lines += 1
            let bytes = Array(line.utf8)
            guard bytes.count >= 3, lines <= 100, let code = Int(String(decoding: bytes[0..<3], as: UTF8.self))
            else { return nil }
            if bytes.count == 3 || bytes[3] == UInt8(ascii: " ") { return code }
            guard bytes[3] == UInt8(ascii: "-") else { return nil }
        }
        return nil
    }
}
