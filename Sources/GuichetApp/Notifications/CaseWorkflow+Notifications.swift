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
        guard NotificationEvent(type: event.type, toStatus: event.toStatus, isPublic: event.isPublic) != nil,
            let applicant = try CaseStore(connection: connection).applicant(
                office: record.office, reference: record.reference),
            applicant.email != nil || applicant.phone != nil
        else { return }
        let language = record.language  // one of ar, fr, en (a CHECK of the cases table)
        let service = try CatalogueStore(connection: connection).service(office: record.office, code: record.service)
        try queueNotifications(
            for: event, seq: seq,
            about: NotificationSubject(
                office: record.office, reference: record.reference, language: language,
                serviceName: service?.name.text(in: language) ?? record.service, deadlineDate: record.deadlineDate,
                email: applicant.email, phone: applicant.phone),
            connection: connection)
    }

    /// The same, when the caller already holds what the messages say (the intake has just written
    /// it, and reading it back cost a third of a filing's round trips).
    func queueNotifications(
        for event: CaseEvent, seq: Int, about subject: NotificationSubject, connection: PostgresConnection
    ) throws {
        guard let kind = NotificationEvent(type: event.type, toStatus: event.toStatus, isPublic: event.isPublic),
            subject.email != nil || subject.phone != nil
        else { return }
        let language = subject.language
        let dates = PageDates(language: language, timezone: "UTC")
        let facts = NotificationTexts.Facts(
            reference: subject.reference, serviceName: subject.serviceName,
            deadline: dates.date(subject.deadlineDate), shortDeadline: dates.shortDate(subject.deadlineDate),
            message: event.type == "status_changed" || event.type == "extended" ? event.publicMessage : nil,
            link: trackingURL(subject.reference) + "&lang=\(language)")
        let message = NotificationTexts.compose(kind, language: language, facts)
        let store = NotificationStore(connection: connection)
        var new = NotificationStore.NewNotification(
            office: subject.office, reference: subject.reference, eventSeq: seq, event: kind, channel: .email,
            recipient: "", language: language, subject: message.subject, body: message.body)
        if let email = subject.email {
            new.recipient = email
            try store.insert(new)
        }
        if let phone = subject.phone {
            new.channel = .sms
            new.recipient = phone
            new.subject = ""
            new.body = message.sms
            try store.insert(new)
        }
    }
}

/// What the messages of one event say about their case, and where they go.
struct NotificationSubject: Sendable {
    var office: String
    var reference: String
    /// `ar`, `fr` or `en`: the language the case was filed in.
    var language: String
    var serviceName: String
    var deadlineDate: LocalDate?
    var email: String?
    var phone: String?
}
