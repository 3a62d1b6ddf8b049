import Foundation
import Postgres
import TestSupport
import XCTest

/// The notification outbox end to end: the real binary, a real PostgreSQL, a real SMTP server
/// (aiosmtpd) and an SMS gateway stub, each a process of its own on this machine.
final class NotificationDeliveryTests: XCTestCase {
    static let applicant: [String: String] = [
        "name": "Amira Ben Salah", "email": "amira@example.tn", "phone": "+216 71 000 000",
    ]

    func testEachPublicEventReachesTheRelayAndTheGatewayInTheApplicantsLanguage() throws {
        let sinks = try NotificationSinks()
        defer { sinks.stop() }
        let fixture = try GuichetFixture(extraArguments: sinks.serverArguments())
        defer { fixture.stop() }
        try fixture.setClock("2026-11-23T09:00:00Z")

        let arabic = try fixture.file(extra: ["applicant": Self.applicant, "language": "ar"])
        XCTAssertTrue(
            sinks.wait { sinks.mail.count == 1 && sinks.deliveredSMS.count == 1 }, "\(sinks.mail) \(sinks.sms)")
        let received = try XCTUnwrap(sinks.mail.first)
        XCTAssertEqual(received["rcpt_to"] as? [String], ["amira@example.tn"])
        XCTAssertEqual(received["mail_from"] as? String, "guichet@tunis.example.tn")
        XCTAssertEqual(received["charset"] as? String, "utf-8")
        XCTAssertEqual(received["subject"] as? String, "تم تسجيل طلبكم \(arabic.reference)")
        let body = try XCTUnwrap(received["body"] as? String)
        XCTAssertTrue(body.contains("/track?reference=\(arabic.reference)&lang=ar"), body)
        XCTAssertFalse(body.contains(arabic.key), "the tracking key is never sent")
        let messageID = try XCTUnwrap(received["message_id"] as? String)
        XCTAssertTrue(messageID.hasPrefix("<notification.TUN-") && messageID.hasSuffix("@tunis.example.tn>"), messageID)
        let sms = try XCTUnwrap(sinks.deliveredSMS.first)
        XCTAssertEqual(sms["to"] as? String, "+216 71 000 000")
        XCTAssertEqual(sms["path"] as? String, "/sms/send")
        XCTAssertTrue((sms["text"] as? String ?? "").hasPrefix("\(arabic.reference): تم تسجيل طلبكم"), "\(sms)")
        XCTAssertEqual(sms["key"] as? String, sms["id"] as? String)

        // Awaiting documents (with the office's message), back in progress (nothing), resolved.
        XCTAssertEqual(
            try fixture.changeStatus(arabic.reference, to: "awaiting_citizen", message: "نسخة من بطاقة التعريف").status,
            200)
        XCTAssertEqual(try fixture.changeStatus(arabic.reference, to: "in_progress").status, 200)
        XCTAssertEqual(
            try fixture.changeStatus(arabic.reference, to: "resolved", message: "الوثيقة جاهزة").status, 200)
        XCTAssertTrue(sinks.wait { sinks.mail.count == 3 && sinks.deliveredSMS.count == 3 }, "\(sinks.mail.count)")
        let subjects = sinks.mail.compactMap { $0["subject"] as? String }
        XCTAssertEqual(
            subjects,
            [
                "تم تسجيل طلبكم \(arabic.reference)", "طلبكم \(arabic.reference): وثائق مطلوبة",
                "تمت معالجة طلبكم \(arabic.reference)",
            ])
        XCTAssertTrue((sinks.mail[1]["body"] as? String ?? "").contains("نسخة من بطاقة التعريف"))
        XCTAssertTrue((sinks.mail[2]["body"] as? String ?? "").contains("الوثيقة جاهزة"))
        XCTAssertEqual(Set(sinks.mail.compactMap { $0["message_id"] as? String }).count, 3)

        // French, e-mail only: an extension and a holiday on the new deadline both move the date;
        // a rejection ends it. A refused transition writes nothing.
        let french = try fixture.file(extra: ["applicant": ["name": "Karim", "email": "karim@example.tn"]])
        XCTAssertTrue(sinks.wait { sinks.mail.count == 4 })
        let extended = try fixture.request(
            "POST", "/api/v1/cases/\(french.reference)/extension", json: ["days": 1, "reason": "Pièce à vérifier"],
            token: try fixture.signIn("tun.supervisor"))
        XCTAssertEqual(extended.status, 200, extended.text)
        let deadline = try XCTUnwrap(try fixture.view(french.reference)["deadline_date"] as? String)
        let holiday = try fixture.request(
            "POST", "/api/v1/admin/offices/TUN/holidays", json: ["date": deadline, "name": "Jour férié"],
            token: try fixture.signIn("admin"))
        XCTAssertEqual(holiday.status, 201, holiday.text)
        XCTAssertEqual(try fixture.changeStatus(french.reference, to: "closed").status, 409)
        XCTAssertEqual(
            try fixture.changeStatus(french.reference, to: "rejected", message: "Dossier incomplet").status, 200)
        XCTAssertTrue(sinks.wait { sinks.mail.count == 7 }, "\(sinks.mail.count)")
        let frenchMail = sinks.mail.suffix(4).map { $0["subject"] as? String ?? "" }
        XCTAssertEqual(
            frenchMail,
            [
                "Votre demande \(french.reference) est enregistrée",
                "Votre demande \(french.reference) : nouvelle échéance",
                "Votre demande \(french.reference) : nouvelle échéance",
                "Votre demande \(french.reference) est rejetée",
            ])
        XCTAssertTrue((sinks.mail[4]["body"] as? String ?? "").contains("Pièce à vérifier"))
        XCTAssertTrue((sinks.mail[6]["body"] as? String ?? "").contains("Dossier incomplet"))
        XCTAssertEqual(sinks.deliveredSMS.count, 3, "no phone, no SMS")

        // The receivers record before they answer: the worker marks `sent` a moment later.
        let allSent = try sinks.wait {
            try fixture.request("GET", "/metrics").text.contains("guichet_notifications{state=\"sent\"} 10")
        }
        let metrics = try fixture.request("GET", "/metrics").text
        XCTAssertTrue(allSent, metrics)
        XCTAssertTrue(metrics.contains("guichet_notifications{state=\"pending\"} 0"), metrics)
        XCTAssertTrue(
            metrics.contains("guichet_notification_attempts_total{outcome=\"sent\",channel=\"email\"} 7"), metrics)
    }

    func testGatewayFailuresAreRetriedWithBackOffThenGivenUp() throws {
        let sinks = try NotificationSinks()
        defer { sinks.stop() }
        // SMS only: the e-mails are written to the outbox all the same and wait for a relay.
        let fixture = try GuichetFixture(extraArguments: [
            "--sms-gateway-url", sinks.gatewayURL, "--notify-retry-seconds", "1", "--notify-max-attempts", "3",
        ])
        defer { fixture.stop() }
        try sinks.failNextGatewayRequests(2)
        let first = try fixture.file(extra: ["applicant": Self.applicant])
        XCTAssertTrue(sinks.wait { sinks.deliveredSMS.count == 1 }, "\(sinks.sms)")
        let attempts = sinks.sms
        XCTAssertEqual(attempts.map { $0["outcome"] as? String }, ["failed", "failed", "delivered"])
        XCTAssertEqual(Set(attempts.compactMap { $0["key"] as? String }).count, 1, "one idempotency key throughout")
        XCTAssertTrue((attempts[2]["text"] as? String ?? "").contains(first.reference))
        let times = attempts.compactMap { $0["at"] as? Double }
        XCTAssertGreaterThanOrEqual(times[1] - times[0], 0.9, "first retry after the base delay (1 s)")
        XCTAssertGreaterThanOrEqual(times[2] - times[1], 1.9, "then twice as long")

        try sinks.failNextGatewayRequests(3)
        _ = try fixture.file(extra: ["applicant": Self.applicant])
        XCTAssertTrue(sinks.wait { sinks.sms.count == 6 })
        let gaveUp = try sinks.wait {
            try fixture.request("GET", "/metrics").text.contains("guichet_notifications{state=\"failed\"} 1")
        }
        let metrics = try fixture.request("GET", "/metrics").text
        XCTAssertTrue(gaveUp, metrics)
        XCTAssertTrue(metrics.contains("guichet_notifications{state=\"pending\"} 2"), "two e-mails wait: \(metrics)")
        Thread.sleep(forTimeInterval: 4.5)
        XCTAssertEqual(sinks.sms.count, 6, "no attempt after the third")

        let connection = try fixture.database.connect()
        let rows = try connection.query(
            "SELECT state, attempts, last_error FROM notifications WHERE channel = 'sms' ORDER BY id")
        XCTAssertEqual(try rows.map { try $0.decode(String.self, column: "state") }, ["sent", "failed"])
        XCTAssertEqual(try rows.map { try $0.decode(Int.self, column: "attempts") }, [3, 3])
        XCTAssertEqual(try rows[1].decode(String?.self, column: "last_error"), "gateway HTTP 500")
    }

    /// SIGKILL inside the window where the receiver has the message and the worker has not yet
    /// recorded it — once for the e-mail, once for the SMS — and restart: nothing arrives twice.
    func testAWorkerKilledMidDeliveryNeverDeliversTwice() throws {
        let sinks = try NotificationSinks(replyDelay: 2)
        defer { sinks.stop() }
        let arguments = sinks.serverArguments(extra: ["--notify-lease-seconds", "2", "--notify-retry-seconds", "1"])
        let fixture = try GuichetFixture(extraArguments: arguments)
        defer { fixture.stop() }
        let filed = try fixture.file(extra: ["applicant": Self.applicant])

        // The relay has recorded the e-mail and sits on its 250: kill the worker now.
        XCTAssertTrue(sinks.wait { sinks.mail.count == 1 })
        fixture.server.stop(signal: SIGKILL)
        let second = try ServerProcess(
            databaseURL: fixture.database.url, arguments: ["--test-clock"] + GuichetFixture.relaxedLimits + arguments)
        // The SMS comes next; the gateway has recorded it and sits on its reply: kill again.
        XCTAssertTrue(sinks.wait { sinks.deliveredSMS.count == 1 }, "\(sinks.sms)")
        second.stop(signal: SIGKILL)
        let third = try ServerProcess(
            databaseURL: fixture.database.url, arguments: ["--test-clock"] + GuichetFixture.relaxedLimits + arguments)
        defer { third.stop() }

        let connection = try fixture.database.connect()
        func states() throws -> [String] {
            try connection.query("SELECT state FROM notifications ORDER BY id").map {
                try $0.decode(String.self, column: "state")
            }
        }
        let settled = try sinks.wait { try states() == ["uncertain", "sent"] }
        XCTAssertTrue(settled, "\((try? states()) ?? [])")
        Thread.sleep(forTimeInterval: 3)  // past another lease: nothing more may arrive

        XCTAssertEqual(sinks.mail.count, 1, "the e-mail the relay may have had is not sent again")
        XCTAssertEqual(sinks.deliveredSMS.count, 1, "one SMS")
        XCTAssertEqual(
            sinks.sms.map { $0["outcome"] as? String }, ["delivered", "duplicate"],
            "the interrupted SMS was retried with the same key and the gateway deduped it")
        XCTAssertEqual(Set(sinks.sms.compactMap { $0["key"] as? String }).count, 1)
        XCTAssertTrue((sinks.mail[0]["subject"] as? String ?? "").contains(filed.reference))
        let rows = try connection.query("SELECT channel, attempts, last_error FROM notifications ORDER BY id")
        XCTAssertEqual(try rows.map { try $0.decode(Int.self, column: "attempts") }, [1, 2])
        XCTAssertTrue(
            try rows[0].decode(String?.self, column: "last_error")?.contains("not resent") ?? false)
        let metrics = try third.get("/metrics")
        XCTAssertTrue(
            String(decoding: metrics.body, as: UTF8.self).contains("guichet_notifications{state=\"uncertain\"} 1"))
    }
}
