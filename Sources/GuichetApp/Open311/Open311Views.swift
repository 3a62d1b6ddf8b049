import Foundation
import GuichetCore

/// How Guichet's records read as GeoReport v2 resources, field by field (docs/OPEN311.md has the
/// table). Every field the specification defines is written, empty when Guichet has nothing for it
/// or must not say it: no applicant data, no location, and the citizen's own text only for petitions,
/// which are public by nature.
enum Open311Views {
    /// The specification's only two statuses: `open` while the office still owes something,
    /// `closed` for every finished status (answered, filed, withdrawn, lapsed).
    static func status(_ status: CaseStatus) -> String {
        isClosed(status) ? "closed" : "open"
    }

    static func isClosed(_ status: CaseStatus) -> Bool {
        switch status {
        case .received, .inProgress, .awaitingCitizen, .collectingSignatures: false
        case .resolved, .rejected, .closed, .withdrawn, .lapsed: true
        }
    }

    /// Guichet's statuses behind each Open311 status (for the `status` filter).
    static func statuses(open311 status: String) -> [CaseStatus]? {
        switch status {
        case "open": CaseStatus.allCases.filter { !isClosed($0) }
        case "closed": CaseStatus.allCases.filter(isClosed)
        default: nil
        }
    }

    /// One entry of `GET services`.
    static func service(_ service: Service, language: String, departmentName: String?) -> Open311Value {
        .object([
            ("service_code", .text(service.code)),
            ("service_name", .text(service.name.text(in: language))),
            ("description", .text(service.description.text(in: language))),
            // No service asks for extra fields (attributes), so no definition is needed.
            ("metadata", .boolean(false)),
            // A case is registered and numbered during the request itself.
            ("type", .text("realtime")),
            ("keywords", .text(service.kind.rawValue)),
            ("group", .text(departmentName ?? service.department)),
        ])
    }

    /// `GET services/{code}`: the definition of a service without attributes.
    static func definition(_ service: Service) -> Open311Value {
        .object([("service_code", .text(service.code)), ("attributes", .list(item: "attribute", []))])
    }

    /// One `request` of `GET requests` and `GET requests/{id}`.
    static func request(_ row: Open311RequestStore.Row, language: String) -> Open311Value {
        let description: String? = row.petitionSubject.map { subject in
            [subject, row.petitionDescription ?? ""].filter { !$0.isEmpty }.joined(separator: "\n\n")
        }
        return .object([
            ("service_request_id", .text(row.reference)),
            ("status", .text(status(row.status))),
            // Guichet's own status word, never a message written to the citizen (which may name them).
            ("status_notes", .text(row.status.rawValue)),
            ("service_name", .text(row.serviceName.text(in: language))),
            ("service_code", .text(row.service)),
            ("description", .text(description)),
            ("agency_responsible", .text(row.departmentName.text(in: language))),
            ("service_notice", .text(nil)),
            ("requested_datetime", .instant(row.receivedAt)),
            // For a closed request, the specification wants the time it was closed: the last public
            // event is that change (internal notes and assignments do not count as updates).
            ("updated_datetime", .instant(row.lastPublicChange ?? row.receivedAt)),
            ("expected_datetime", .instant(row.deadlineAt)),
            // Location fields stay empty: an address given with a case may be the citizen's home.
            ("address", .text(nil)),
            ("address_id", .text(nil)),
            ("zipcode", .text(nil)),
            ("lat", .text(nil)),
            ("long", .text(nil)),
            ("media_url", .text(nil)),
        ])
    }
}
