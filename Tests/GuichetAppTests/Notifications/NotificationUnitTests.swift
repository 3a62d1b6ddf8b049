import Foundation
import XCTest

@testable import GuichetApp

/// The pure parts of the notifier: the message as it goes over SMTP, which events notify, the
/// back-off schedule and the configuration it accepts.
final class NotificationUnitTests: XCTestCase {
    func testDotStuffingDoublesLeadingDotsOnly() {
        let cases: [(label: String, text: String, expected: String)] = [
            ("plain", "a\r\nb", "a\r\nb\r\n"),
            ("leading dot", ".hidden\r\n", "..hidden\r\n"),
            ("a lone dot would end DATA", "a\r\n.\r\nb\r\n", "a\r\n..\r\nb\r\n"),
            ("dot inside a line", "a.b\r\n", "a.b\r\n"),
        ]
        for (label, text, expected) in cases {
            XCTAssertEqual(String(decoding: MailMessage.dotStuffed(text), as: UTF8.self), expected, label)
        }
    }

    func testSubjectsBecomeEncodedWordsThatDecodeBack() throws {
        XCTAssertEqual(MailMessage.encodedWords("Case TUN-2026-000001"), "Case TUN-2026-000001")
        let subject = "تم تسجيل طلبكم TUN-2026-000001 — une très longue ligne accentuée"
        let encoded = MailMessage.encodedWords(subject)
        var decoded: [UInt8] = []
        for word in encoded.components(separatedBy: "\r\n ") {
            XCTAssertLessThanOrEqual(word.count, 75, "RFC 2047 §2: at most 75 characters")
            XCTAssertTrue(word.hasPrefix("=?UTF-8?B?") && word.hasSuffix("?="))
            let payload = String(word.dropFirst(10).dropLast(2))
            let bytes = try XCTUnwrap(Data(base64Encoded: payload))
            XCTAssertNotNil(String(data: bytes, encoding: .utf8), "no character split across words")
            decoded += bytes
        }
        XCTAssertEqual(String(decoding: decoded, as: UTF8.self), subject)
    }

    func testTheRenderedMessageHasNoBareLineFeedsAndCarriesItsID() {
        let message = MailMessage(
            from: "guichet@example.tn", to: "a@example.tn", subject: "Votre demande", body: "ligne 1\nligne 2\n",
            messageID: "<notification.TUN-7@example.tn>", date: Date(timeIntervalSince1970: 0))
        let text = message.rendered()
        XCTAssertTrue(text.contains("Message-ID: <notification.TUN-7@example.tn>\r\n"))
        XCTAssertTrue(text.contains("Date: Thu, 01 Jan 1970 00:00:00 +0000\r\n"))
        XCTAssertFalse(text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    }

    func testAddressesThatCouldInjectHeadersOrRecipientsAreRefused() {
        XCTAssertTrue(MailMessage.isUsableAddress("amira.ben-salah@example.tn"))
        for address in ["no-at", "@example.tn", "a@", "a@b\r\nBcc: x@y", "a b@c", "a@b>", "a@b,c@d", "a@b@c"] {
            XCTAssertFalse(MailMessage.isUsableAddress(address), address)
        }
    }

    func testOnlyPublicEventsCitizensCareAboutNotify() {
        XCTAssertEqual(NotificationEvent(type: "submitted", toStatus: "received", isPublic: true), .received)
        XCTAssertNil(NotificationEvent(type: "submitted", toStatus: "collecting_signatures", isPublic: true))
        XCTAssertEqual(NotificationEvent(type: "status_changed", toStatus: "received", isPublic: true), .received)
        XCTAssertEqual(
            NotificationEvent(type: "status_changed", toStatus: "awaiting_citizen", isPublic: true), .awaitingDocuments)
        XCTAssertEqual(NotificationEvent(type: "status_changed", toStatus: "resolved", isPublic: true), .resolved)
        XCTAssertEqual(NotificationEvent(type: "status_changed", toStatus: "rejected", isPublic: true), .rejected)
        XCTAssertEqual(NotificationEvent(type: "extended", toStatus: nil, isPublic: true), .deadlineChanged)
        XCTAssertEqual(NotificationEvent(type: "deadline_changed", toStatus: nil, isPublic: true), .deadlineChanged)
        XCTAssertNil(NotificationEvent(type: "status_changed", toStatus: "in_progress", isPublic: true))
        XCTAssertNil(NotificationEvent(type: "note", toStatus: nil, isPublic: true))
        XCTAssertNil(NotificationEvent(type: "escalated", toStatus: nil, isPublic: false))
        XCTAssertNil(NotificationEvent(type: "status_changed", toStatus: "resolved", isPublic: false))
    }

    func testBackOffDoublesUpToAnHour() {
        var configuration = NotifierConfiguration()
        configuration.retryBaseSeconds = 30
        XCTAssertEqual((1...5).map { configuration.retryDelay(afterAttempt: $0) }, [30, 60, 120, 240, 480])
        XCTAssertEqual(configuration.retryDelay(afterAttempt: 50), 3600)
    }

    func testNotifierURLs() throws {
        XCTAssertEqual(
            try NotifierConfiguration.parseSMTP("smtp://127.0.0.1:2525"), .init(host: "127.0.0.1", port: 2525))
        XCTAssertEqual(try NotifierConfiguration.parseSMTP("smtp://relay.local"), .init(host: "relay.local", port: 25))
        XCTAssertEqual(
            try NotifierConfiguration.parseGateway("http://127.0.0.1:9000/sms/send?account=7"),
            .init(host: "127.0.0.1", port: 9000, path: "/sms/send?account=7"))
        XCTAssertEqual(try NotifierConfiguration.parseGateway("http://gw"), .init(host: "gw", port: 80, path: "/"))
        for bad in ["smtps://relay:465", "relay:25", "smtp://", "smtp://relay/path"] {
            XCTAssertThrowsError(try NotifierConfiguration.parseSMTP(bad), bad)
        }
        for bad in ["https://gw/send", "gw:80", "http:///send"] {
            XCTAssertThrowsError(try NotifierConfiguration.parseGateway(bad), bad)
        }
        XCTAssertEqual(SMSGatewayClient.status(ofStatusLine: "HTTP/1.1 202 Accepted"), 202)
        XCTAssertNil(SMSGatewayClient.status(ofStatusLine: "SSH-2.0-OpenSSH"))
    }

    func testEveryMessageExistsInEveryLanguageAndCarriesTheReferenceAndLink() {
        let facts = NotificationTexts.Facts(
            reference: "TUN-2026-000001", serviceName: "S", deadline: "D", shortDeadline: "d", message: "M",
            link: "http://x/track?reference=TUN-2026-000001")
        for event in NotificationEvent.allCases {
            var seen: Set<String> = []
            for language in ["ar", "fr", "en"] {
                let message = NotificationTexts.compose(event, language: language, facts)
                XCTAssertTrue(message.subject.contains(facts.reference), "\(event) \(language)")
                XCTAssertTrue(message.body.contains(facts.link) && message.body.contains("M"), "\(event) \(language)")
                XCTAssertTrue(message.sms.contains(facts.reference) && message.sms.contains(facts.link))
                seen.insert(message.subject)
            }
            XCTAssertEqual(seen.count, 3, "\(event): three different languages")
        }
    }
}
