import Foundation
import GuichetCore
import Postgres

extension CaseWorkflow {
    /// The outbox half of the transactional outbox: in the transaction that appended `event` (as
    /// number `seq` of the timeline), writes the messages the citizen is owed for it — an e-mail
    /// if the applicant gave an address, an SMS if a phone — in the language the case was filed
    /// in. The event and its messages commit or roll back together; the delivery worker sends them.
    /// Events no citizen is told about (internal notes, assignments, escalations) write nothing.
    func queueNotifications(
        for event: CaseEvent, seq: Int, on record: CaseRecord, connection: PostgresConnection
    ) throws {
        guard let kind = NotificationEvent(type: event.type, toStatus: event.toStatus, isPublic: event.isPublic)
        else { return }
        guard
            let applicant = try CaseStore(connection: connection).applicant(
                office: record.office, reference: record.reference),
            applicant.email != nil || applicant.phone != nil
        else { return }
        let language = ["ar", "fr", "en"].contains(record.language) ? record.language : "fr"
        let service = try CatalogueStore(connection: connection).service(office: record.office, code: record.service)
        let dates = PageDates(language: language, timezone: "UTC")
        let facts = NotificationTexts.Facts(
            reference: record.reference, serviceName: service?.name.text(in: language) ?? record.service,
            deadline: dates.date(record.deadlineDate), shortDeadline: dates.shortDate(record.deadlineDate),
            message: event.type == "status_changed" || event.type == "extended" ? event.publicMessage : nil,
            link: "\(publicBaseURL.value)/track?reference=\(record.reference)&lang=\(language)")
        let message = NotificationTexts.compose(kind, language: language, facts)
        let store = NotificationStore(connection: connection)
        var new = NotificationStore.NewNotification(
            office: record.office, reference: record.reference, eventSeq: seq, event: kind, channel: .email,
            recipient: "", language: language, subject: message.subject, body: message.body)
        if let email = applicant.email {
            new.recipient = email
            try store.insert(new)
        }
        if let phone = applicant.phone {
            new.channel = .sms
            new.recipient = phone
            new.subject = ""
            new.body = message.sms
            try store.insert(new)
        }
    }
}
