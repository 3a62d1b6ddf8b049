import Foundation
import GuichetCore
import HTTPServer
import Postgres

/// A petition as the public sees it: what it asks, where it stands, how many signed. Never the
/// author's personal data, never a signer's name or number.
struct PetitionView: Codable, Sendable {
    var reference: String
    var office: String
    var service: String
    var serviceName: Trilingual?
    var subject: String
    var description: String?
    var status: String
    var submittedAt: Date
    var signatures: Int
    var threshold: Int
    var collectionEndsAt: Date
    var deadlineDate: LocalDate?
    var deadlineAt: Date?
    var dueState: String?
    var timeline: [TrackingView.Event]?
}

/// A page of the public petition list.
struct PetitionPage: Codable, Sendable {
    var items: [PetitionView]
    var nextCursor: String?
}

extension CaseWorkflow {
    /// The public list, newest first, with keyset pagination (`limit` 1–200, opaque `cursor`).
    func petitions(office: String?, status: String?, limit: Int, cursor: String?) throws -> PetitionPage {
        let after = try cursor.map { text -> (Date, String) in
            guard let parsed = PetitionCursor(text) else { throw Problems.invalidField("cursor", "invalid cursor") }
            return (parsed.submittedAt, parsed.reference)
        }
        let rows = try database.read { connection in
            try PetitionStore(connection: connection).list(
                office: office, status: status, after: after, limit: limit + 1)
        }
        let items = rows.prefix(limit).map { row in
            PetitionView(
                reference: row.reference, office: row.office, service: row.service, subject: row.subject,
                status: row.status, submittedAt: row.submittedAt, signatures: row.collection.signatures,
                threshold: row.collection.threshold, collectionEndsAt: row.collection.collectionEndsAt,
                deadlineDate: row.deadlineDate)
        }
        let next =
            rows.count > limit
            ? items.last.map { PetitionCursor(submittedAt: $0.submittedAt, reference: $0.reference).text } : nil
        return PetitionPage(items: Array(items), nextCursor: next)
    }

    /// The public page of one petition, with its public timeline; `404` for anything else.
    func petition(_ reference: String) throws -> PetitionView {
        let now = clock.now()
        return try database.read { connection in
            let store = CaseStore(connection: connection)
            guard let parsed = CaseReference(parsing: reference),
                let record = try store.fetch(office: parsed.office.rawValue, reference: reference),
                record.kind == .petition,
                let collection = try PetitionStore(connection: connection).collection(
                    office: record.office, reference: record.reference)
            else { throw Problems.notFound("petition") }
            let events = try store.events(office: record.office, reference: record.reference, publicOnly: true)
            let (_, calendar) = try self.calendar(record.office, connection: connection)
            let refresh = DeadlineRefresh(calendar: calendar)
            let due = try refresh.dueStatus(
                try refresh.evaluate(record.tracked, events: events).state, record: record.tracked, now: now)
            let service = try CatalogueStore(connection: connection).service(
                office: record.office, code: record.service)
            return PetitionView(
                reference: record.reference, office: record.office, service: record.service,
                serviceName: service?.name, subject: record.subject, description: record.description,
                status: record.status.rawValue, submittedAt: record.submittedAt, signatures: collection.signatures,
                threshold: collection.threshold, collectionEndsAt: collection.collectionEndsAt,
                deadlineDate: record.deadlineDate, deadlineAt: record.deadlineAt, dueState: due.state.rawValue,
                timeline: events.map { event in
                    TrackingView.Event(
                        at: event.at, type: event.type, fromStatus: event.fromStatus, toStatus: event.toStatus,
                        message: event.publicMessage)
                })
        }
    }
}

/// The position after the last petition of a page: its filing instant and reference, as
/// URL-safe base64 of `seconds|reference` (opaque to clients).
struct PetitionCursor {
    var submittedAt: Date
    var reference: String

    init(submittedAt: Date, reference: String) {
        self.submittedAt = submittedAt
        self.reference = reference
    }

    init?(_ text: String) {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard text.utf8.count <= 200, let data = Data(base64Encoded: base64),
            let decoded = String(data: data, encoding: .utf8)
        else { return nil }
        let parts = decoded.split(separator: "|", maxSplits: 1).map(String.init)
        guard parts.count == 2, let seconds = Double(parts[0]), seconds.isFinite,
            CaseReference(parsing: parts[1]) != nil
        else { return nil }
        submittedAt = Date(timeIntervalSince1970: seconds)
        reference = parts[1]
    }

    var text: String {
        Data("\(submittedAt.timeIntervalSince1970)|\(reference)".utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
