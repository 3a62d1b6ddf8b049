import Foundation
import GuichetCore
import HTTPServer
import Postgres

/// What `POST /api/v1/cases` accepts.
struct SubmissionRequest: Decodable, Sendable {
    var office: String
    var service: String
    var subject: String?
    var description: String?
    var applicant: CaseDraft.Applicant?
    var channel: String?
    var receivedAt: Date?
    var language: String?
}

/// What `POST /api/v1/cases` answers: the only time the tracking key is ever shown.
struct SubmissionResponse: Codable, Sendable {
    var reference: String
    var trackingKey: String
    var status: String
    var deadlineDate: LocalDate?
    var deadlineAt: Date?
    var dueState: String
    var trackingUrl: String
}

/// An application filing on a citizen's behalf through an integration's own endpoint.
struct IntegrationFiling: Sendable {
    /// The channel its cases carry.
    var channel: CaseChannel
    /// Which client filed (its id), kept in the timeline.
    var client: String
}

extension CaseWorkflow {
    /// Files a case. With an idempotency key, a retry returns the first result instead of a
    /// second case (the key is kept hashed; the tracking key is kept sealed with the idempotency
    /// key itself, so the database alone cannot reveal it).
    /// `integration` is the application filing for a citizen (Open311): its channel replaces `web`
    /// and its client id goes into the `submitted` event.
    func submit(
        _ request: SubmissionRequest, rawBody: [UInt8], user: StaffUser?, idempotencyKey: String?,
        integration: IntegrationFiling? = nil
    ) throws -> (SubmissionResponse, replayed: Bool) {
        let now = clock.now()
        if let user, !user.canAccess(office: request.office) { throw Problems.unknownOffice() }
        let draft = CaseDraft(
            subject: request.subject, description: request.description, applicant: request.applicant,
            channel: request.channel, receivedAt: request.receivedAt)
        var validated: ValidatedCase
        do {
            validated = try CaseValidation.validate(draft, now: now, isStaff: user != nil)
        } catch {
            throw Problems.validation(error)
        }
        // An integration (Open311) validates like any filing, then records the door it came through.
        if let integration { validated.channel = integration.channel }
        let language = request.language ?? "fr"
        guard ["ar", "fr", "en"].contains(language) else {
            throw Problems.invalidField("language", "language must be ar, fr or en")
        }
        return try database.write { connection in
            let store = CaseStore(connection: connection)
            let idempotency = idempotencyKey.map { IdempotencySeal(key: $0, office: request.office, secret: secret) }
            if let idempotency {
                try store.lockIdempotencyKey(office: request.office, key: idempotency.storedKey)
                if let stored = try store.storedResponse(office: request.office, key: idempotency.storedKey) {
                    guard stored.requestHash == idempotency.requestHash(rawBody) else {
                        throw HTTPError(
                            .unprocessableContent, code: "idempotency_key_reused",
                            detail: "This Idempotency-Key was used for a different request.")
                    }
                    return (try idempotency.open(stored.response), true)
                }
            }
            guard let (office, calendar) = try calendarForWrite(request.office, connection: connection) else {
                throw Problems.unknownOffice()
            }
            guard
                let service = try CatalogueStore(connection: connection).service(
                    office: office.code, code: request.service),
                service.active
            else { throw Problems.unknownService() }

            let year = calendar.localDate(of: now).year
            let number = try store.nextNumber(office: office.code, year: year)
            guard let code = OfficeCode(office.code),
                let reference = CaseReference(office: code, year: year, sequence: number)
            else {
                throw HTTPError(
                    .conflict, code: "register_full", detail: "This office's register for the year is full.")
            }
            let key = TrackingKey.generate()
            let status = service.kind.initialStatus
            let delay = try ServiceDelay(responseDays: service.responseDays, extensionDays: service.extensionDays)
            let timeline = try CaseTimeline([.submitted(at: validated.receivedAt, initialStatus: status)])
            let deadline = try DeadlineCalculator(calendar: calendar, delay: delay).state(of: timeline)
            try store.insert(
                CaseStore.NewCase(
                    office: office.code, reference: reference, kind: service.kind, service: service, status: status,
                    validated: validated, language: language, submittedAt: now,
                    trackingKeyHash: key.hash(secret: secret), createdBy: user?.username, deadline: deadline))
            if status == .collectingSignatures {
                try openPetition(
                    reference: reference.description, office: office, calendar: calendar,
                    receivedAt: validated.receivedAt, connection: connection)
            }
            var data = ["channel": validated.channel.rawValue]
            if let integration { data["client"] = integration.client }
            if validated.isBackdated { data["received_at"] = ISO8601DateFormatter().string(from: validated.receivedAt) }
            let submitted = CaseEvent(
                seq: 1, at: now, actor: user?.username ?? "citizen", type: "submitted", toStatus: status.rawValue,
                isPublic: true, data: data)
            let seq = try store.append(office: office.code, reference: reference.description, submitted)
            try queueNotifications(
                for: submitted, seq: seq,
                about: NotificationSubject(
                    office: office.code, reference: reference.description, language: language,
                    serviceName: service.name.text(in: language), deadlineDate: deadline.deadlineDate,
                    email: validated.email, phone: validated.phone),
                connection: connection)
            let due = DeadlineCalculator(calendar: calendar, delay: delay).dueStatus(of: deadline, now: now)
            let response = SubmissionResponse(
                reference: reference.description, trackingKey: key.text, status: status.rawValue,
                deadlineDate: deadline.deadlineDate, deadlineAt: deadline.deadlineAt, dueState: due.state.rawValue,
                trackingUrl: trackingURL(reference.description))
            if let idempotency {
                try store.storeResponse(
                    office: office.code, key: idempotency.storedKey, requestHash: idempotency.requestHash(rawBody),
                    reference: reference.description, response: try idempotency.seal(response), at: now)
            }
            return (response, false)
        }
    }
}
