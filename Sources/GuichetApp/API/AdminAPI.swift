import Foundation
import GuichetCore
import HTTPServer
import Postgres

/// The administrators' endpoints: offices, calendars, the service guide and staff accounts.
struct AdminAPI: Sendable {
    let workflow: CaseWorkflow
    let authenticator: Authenticator

    func register(in router: inout RouterBuilder) {
        router.post("/api/v1/admin/offices") { request in try createOffice(request) }
        router.patch("/api/v1/admin/offices/{office}") { request in try updateOffice(request) }
        router.post("/api/v1/admin/offices/{office}/holidays") { request in try addHoliday(request) }
        router.delete("/api/v1/admin/offices/{office}/holidays/{date}") { request in try removeHoliday(request) }
        router.post("/api/v1/admin/services") { request in try createService(request) }
        router.patch("/api/v1/admin/services/{office}/{code}") { request in try updateService(request) }
        router.post("/api/v1/admin/users") { request in try createUser(request) }
    }

    struct OfficeRequest: Decodable {
        var code: String
        var name: Trilingual
        var timezone: String
        var weekendDays: [Int]
        var petitionThreshold: Int?
        var petitionPeriodDays: Int?
        var departments: [Department]?
    }

    private func createOffice(_ request: Request) throws -> Response {
        _ = try authenticator.require(request, role: .admin)
        let body: OfficeRequest = try request.decodeJSON()
        guard OfficeCode(body.code) != nil else {
            throw Problems.invalidField("code", code: "invalid_format", "2 to 8 upper-case letters")
        }
        let office = try Self.validated(
            Office(
                code: body.code, name: body.name, timezone: body.timezone, weekendDays: body.weekendDays,
                petitionThreshold: body.petitionThreshold ?? 100, petitionPeriodDays: body.petitionPeriodDays ?? 60))
        let departmentCodes = (body.departments ?? []).map(\.code)
        guard Set(departmentCodes).count == departmentCodes.count else {
            throw Problems.invalidField("departments", code: "invalid_value", "department codes must be unique")
        }
        try workflow.database.write { connection in
            let store = CatalogueStore(connection: connection)
            if try store.office(body.code) != nil {
                throw Problems.conflict("office_exists", "An office with this code exists.")
            }
            try store.insertOffice(office)
            for department in body.departments ?? [] {
                guard department.code.range(of: "^[a-z0-9][a-z0-9-]{0,39}$", options: .regularExpression) != nil else {
                    throw Problems.invalidField("departments", code: "invalid_format", "department codes: a-z, 0-9, -")
                }
                try store.insertDepartment(office: body.code, department)
            }
        }
        workflow.calendars.invalidate(body.code)  // reports over all offices must list the new one at once
        return Response(status: .created, headers: ["Location": "/api/v1/offices"])
    }

    struct OfficeUpdate: Decodable {
        var name: Trilingual?
        var timezone: String?
        var weekendDays: [Int]?
        var petitionThreshold: Int?
        var petitionPeriodDays: Int?
    }

    /// Changes an office; a new weekend or time zone recomputes its open cases' deadlines (each
    /// moved one gets a public `deadline_changed` event) in the same transaction.
    private func updateOffice(_ request: Request) throws -> Response {
        let user = try authenticator.require(request, role: .admin)
        let code = request.parameter("office") ?? ""
        let body: OfficeUpdate = try request.decodeJSON()
        let (office, moved) = try workflow.database.write { connection in
            let store = CatalogueStore(connection: connection)
            var office = try workflow.lockOfficeForCalendarChange(code, connection: connection)
            if let name = body.name { office.name = name }
            if let timezone = body.timezone { office.timezone = timezone }
            if let weekend = body.weekendDays { office.weekendDays = weekend }
            if let threshold = body.petitionThreshold { office.petitionThreshold = threshold }
            if let period = body.petitionPeriodDays { office.petitionPeriodDays = period }
            office = try Self.validated(office)
            try store.updateOffice(office)
            let moved = try workflow.recomputeOpenDeadlines(office: code, actor: user.username, connection: connection)
            return (office, moved)
        }
        workflow.calendars.invalidate(code)
        return try .json(OfficeChanged(office: office, deadlinesChanged: moved))
    }

    struct OfficeChanged: Encodable {
        var office: Office
        var deadlinesChanged: Int
    }

    struct HolidayRequest: Decodable {
        var date: LocalDate
        var name: HolidayName
    }

    /// A holiday name: one text for all three languages, or `{ar, fr, en}`.
    enum HolidayName: Decodable {
        case single(String)
        case trilingual(Trilingual)

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let text = try? container.decode(String.self) {
                self = .single(text)
            } else {
                self = .trilingual(try container.decode(Trilingual.self))
            }
        }

        var value: Trilingual {
            switch self {
            case .single(let text): Trilingual(ar: text, fr: text, en: text)
            case .trilingual(let names): names
            }
        }
    }

    private func addHoliday(_ request: Request) throws -> Response {
        let user = try authenticator.require(request, role: .admin)
        let office = request.parameter("office") ?? ""
        let body: HolidayRequest = try request.decodeJSON()
        try Self.checkNames(body.name.value, field: "name")
        let moved = try workflow.database.write { connection in
            guard try CatalogueStore(connection: connection).office(office) != nil else {
                throw Problems.notFound("office")
            }
            try CatalogueStore(connection: connection).upsertHoliday(
                office: office, Holiday(date: body.date, name: body.name.value))
            return try workflow.recomputeOpenDeadlines(office: office, actor: user.username, connection: connection)
        }
        workflow.calendars.invalidate(office)  // again after commit: a reader may have cached the old one meanwhile
        return try .json(["deadlines_changed": moved], status: .created)
    }

    private func removeHoliday(_ request: Request) throws -> Response {
        let user = try authenticator.require(request, role: .admin)
        let office = request.parameter("office") ?? ""
        guard let date = LocalDate(parsing: request.parameter("date") ?? "") else {
            throw Problems.invalidField("date", code: "invalid_format", "YYYY-MM-DD")
        }
        let moved = try workflow.database.write { connection in
            _ = try workflow.lockOfficeForCalendarChange(office, connection: connection)
            guard try CatalogueStore(connection: connection).deleteHoliday(office: office, date: date) else {
                throw Problems.notFound("holiday")
            }
            return try workflow.recomputeOpenDeadlines(office: office, actor: user.username, connection: connection)
        }
        workflow.calendars.invalidate(office)
        return try .json(["deadlines_changed": moved])
    }

    struct ServiceRequest: Decodable {
        var office: String?
        var code: String?
        var kind: String?
        var name: Trilingual?
        var description: Trilingual?
        var department: String?
        var responseDays: Int?
        var extensionDays: Int?
        var requiredDocuments: [Trilingual]?
        var fee: Service.Fee?
        var active: Bool?
    }

    private func createService(_ request: Request) throws -> Response {
        _ = try authenticator.require(request, role: .admin)
        let body: ServiceRequest = try request.decodeJSON()
        guard let office = body.office else {
            throw Problems.invalidField("office", code: "required", "office is required")
        }
        guard let code = body.code, code.range(of: "^[a-z0-9][a-z0-9-]{0,59}$", options: .regularExpression) != nil
        else {
            throw Problems.invalidField("code", code: "invalid_format", "service codes: a-z, 0-9, -")
        }
        guard let name = body.name else { throw Problems.invalidField("name", code: "required", "name is required") }
        let service = try Self.validated(
            Service(
                office: office, code: code, kind: .application, department: body.department ?? "",
                name: name, description: body.description ?? Trilingual(ar: "", fr: "", en: ""),
                requiredDocuments: body.requiredDocuments ?? [], responseDays: body.responseDays ?? -1,
                extensionDays: body.extensionDays ?? 0, fee: body.fee ?? Service.Fee(amount: "0", currency: "TND"),
                active: body.active ?? true),
            kind: body.kind)
        try workflow.database.write { connection in
            let store = CatalogueStore(connection: connection)
            guard try store.office(office) != nil else { throw Problems.unknownOffice() }
            guard try store.departments(office: office).contains(where: { $0.code == service.department }) else {
                throw Problems.invalidField("department", "no such department in this office")
            }
            if try store.service(office: office, code: code) != nil {
                throw Problems.conflict("service_exists", "This office already has a service with this code.")
            }
            try store.insertService(service)
        }
        return try .json(service, status: .created)
    }

    private func updateService(_ request: Request) throws -> Response {
        _ = try authenticator.require(request, role: .admin)
        let office = request.parameter("office") ?? ""
        let code = request.parameter("code") ?? ""
        let body: ServiceRequest = try request.decodeJSON()
        let service = try workflow.database.write { connection in
            let store = CatalogueStore(connection: connection)
            guard var service = try store.service(office: office, code: code) else {
                throw Problems.notFound("service")
            }
            if let name = body.name { service.name = name }
            if let description = body.description { service.description = description }
            if let department = body.department {
                guard try store.departments(office: office).contains(where: { $0.code == department }) else {
                    throw Problems.invalidField("department", "no such department in this office")
                }
                service.department = department
            }
            if let days = body.responseDays { service.responseDays = days }
            if let days = body.extensionDays { service.extensionDays = days }
            if let documents = body.requiredDocuments { service.requiredDocuments = documents }
            if let fee = body.fee { service.fee = fee }
            if let active = body.active { service.active = active }
            service = try Self.validated(service, kind: body.kind ?? service.kind.rawValue)
            // Existing cases keep the delay copied when they were filed: only new cases see this.
            try store.updateService(service)
            return service
        }
        return try .json(service)
    }

    static func validated(_ service: Service, kind: String?) throws -> Service {
        var service = service
        guard let kind, let parsed = CaseKind(rawValue: kind) else {
            throw Problems.invalidField(
                "kind", "one of application, complaint, petition, information_request, suggestion")
        }
        service.kind = parsed
        do {
            _ = try ServiceDelay(responseDays: service.responseDays, extensionDays: service.extensionDays)
        } catch {
            throw Problems.invalidField(error.field, code: "out_of_range", "\(error.field) must be between 0 and 365")
        }
        guard service.fee.amount.range(of: "^[0-9]{1,9}(\\.[0-9]{1,3})?$", options: .regularExpression) != nil else {
            throw Problems.invalidField("fee.amount", code: "invalid_format", "a decimal amount such as 2.500")
        }
        guard service.fee.currency.range(of: "^[A-Z]{3}$", options: .regularExpression) != nil else {
            throw Problems.invalidField("fee.currency", code: "invalid_format", "an ISO 4217 code such as TND")
        }
        try checkNames(service.name, field: "name")
        for (field, text) in [
            ("description.ar", service.description.ar), ("description.fr", service.description.fr),
            ("description.en", service.description.en),
        ] where text.unicodeScalars.count > 5000 {
            throw Problems.invalidField(field, code: "too_long", "at most 5,000 characters")
        }
        guard service.requiredDocuments.count <= 50 else {
            throw Problems.invalidField("required_documents", code: "too_long", "at most 50 documents")
        }
        return service
    }

    /// The rules an office must keep, on creation and on every change: names in the three
    /// languages, a known IANA zone, at least one working day, sane petition settings. Returns it
    /// with its weekend as sorted distinct weekdays.
    static func validated(_ office: Office) throws -> Office {
        var office = office
        try checkNames(office.name, field: "name")
        let weekend = Set(office.weekendDays)
        guard weekend.isSubset(of: 1...7), weekend.count < 7 else {
            throw Problems.invalidField("weekend_days", "ISO weekdays 1–7, at least one working day")
        }
        office.weekendDays = weekend.sorted()
        do {
            _ = try WorkingCalendar(
                timeZoneIdentifier: office.timezone, weekendDays: Set(weekend.compactMap(Weekday.init(rawValue:))),
                holidays: [:])
        } catch {
            throw Problems.invalidField("timezone", "unknown IANA time zone")
        }
        guard (1...10_000_000).contains(office.petitionThreshold) else {
            throw Problems.invalidField("petition_threshold", code: "out_of_range", "between 1 and 10,000,000")
        }
        guard (1...3650).contains(office.petitionPeriodDays) else {
            throw Problems.invalidField("petition_period_days", code: "out_of_range", "between 1 and 3,650")
        }
        return office
    }

    static func checkNames(_ names: Trilingual, field: String) throws {
        for (language, text) in [("ar", names.ar), ("fr", names.fr), ("en", names.en)] {
            guard try CaseWorkflow.optionalText(text, field: "\(field).\(language)", limit: 200) != nil else {
                throw Problems.invalidField("\(field).\(language)", code: "required", "a name in each language")
            }
        }
    }

    struct UserRequest: Decodable {
        var username: String
        var password: String
        var role: String
        var office: String?
        var department: String?
        var displayName: String?
    }

    private func createUser(_ request: Request) throws -> Response {
        _ = try authenticator.require(request, role: .admin)
        let body: UserRequest = try request.decodeJSON()
        let user = try UserAccounts(database: workflow.database).create(
            username: body.username, password: body.password, role: body.role, office: body.office,
            department: body.department, displayName: body.displayName)
        return try .json(user, status: .created)
    }
}
