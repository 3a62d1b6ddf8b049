import Foundation
import GuichetCore
import Postgres

/// SQL behind the Open311 `GET requests`: an office's cases as public rows. The citizen's subject
/// and description leave the database only for petitions, which are public by nature; applicants
/// are never joined.
struct Open311RequestStore {
    let connection: PostgresConnection

    /// One case as the public may see it.
    struct Row: Sendable {
        var reference: String
        var service: String
        var kind: CaseKind
        var status: CaseStatus
        /// Subject and description, for petitions only (nil otherwise).
        var petitionSubject: String?
        var petitionDescription: String?
        var serviceName: Trilingual
        var departmentName: Trilingual
        var receivedAt: Date
        var deadlineAt: Date?
        /// The last public event (status change, deadline change, public note…).
        var lastPublicChange: Date?

        init(row: PostgresRow) throws {
            reference = try row.decode(column: "reference")
            service = try row.decode(column: "service")
            kind = CaseKind(rawValue: try row.decode(column: "kind")) ?? .application
            status = CaseStatus(rawValue: try row.decode(column: "status")) ?? .received
            petitionSubject = try row.decode(column: "petition_subject")
            petitionDescription = try row.decode(column: "petition_description")
            serviceName = Trilingual(
                ar: try row.decode(column: "service_ar"), fr: try row.decode(column: "service_fr"),
                en: try row.decode(column: "service_en"))
            departmentName = Trilingual(
                ar: try row.decode(column: "department_ar"), fr: try row.decode(column: "department_fr"),
                en: try row.decode(column: "department_en"))
            receivedAt = try row.decode(column: "received_at")
            deadlineAt = try row.decode(column: "deadline_at")
            lastPublicChange = try row.decode(column: "last_public_change")
        }
    }

    /// What to select. With `references`, the other filters are ignored (as the specification says
    /// of `service_request_id`).
    struct Filter: Sendable {
        var references: [String]?
        var services: [String]?
        /// Statuses to include; nil for all.
        var statuses: [CaseStatus]?
        var receivedFrom: Date?
        var receivedUntil: Date?
        var limit: Int
    }

    private static let select: PostgresQuery = """
        SELECT c.reference, c.service, c.kind, c.status, c.received_at, c.deadline_at,
               CASE WHEN c.kind = 'petition' THEN c.subject END AS petition_subject,
               CASE WHEN c.kind = 'petition' THEN c.description END AS petition_description,
               s.name_ar AS service_ar, s.name_fr AS service_fr, s.name_en AS service_en,
               d.name_ar AS department_ar, d.name_fr AS department_fr, d.name_en AS department_en,
               (SELECT max(e.at) FROM case_events e
                 WHERE e.office = c.office AND e.reference = c.reference AND e.public) AS last_public_change
          FROM cases c
          JOIN services s ON s.office = c.office AND s.code = c.service
          JOIN departments d ON d.office = c.office AND d.code = c.department
        """

    /// The office's cases matching `filter`, the most recently requested first.
    func requests(office: String, _ filter: Filter) throws -> [Row] {
        var query = Self.select + " WHERE c.office = \(office)"
        if let references = filter.references {
            query.append(" AND c.reference = ANY(\(PostgresArray(references)))")
        } else {
            if let services = filter.services { query.append(" AND c.service = ANY(\(PostgresArray(services)))") }
            if let statuses = filter.statuses {
                query.append(" AND c.status = ANY(\(PostgresArray(statuses.map(\.rawValue))))")
            }
            if let from = filter.receivedFrom { query.append(" AND c.received_at >= \(from)") }
            if let until = filter.receivedUntil { query.append(" AND c.received_at <= \(until)") }
        }
        query.append(" ORDER BY c.received_at DESC, c.reference DESC LIMIT \(filter.limit)")
        return try connection.query(query).map(Row.init(row:))
    }

    /// When the service guide last changed (the discovery document's `changeset`).
    func catalogueChangedAt() throws -> Date? {
        try connection.query("SELECT max(updated_at) AS changed FROM services").first?.decode(column: "changed")
    }
}
