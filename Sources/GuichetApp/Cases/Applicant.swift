import Postgres

/// The personal data of a case's applicant, kept apart from the case (never in public views).
struct Applicant: Sendable, Codable {
    var name: String
    var nationalId: String?
    var phone: String?
    var email: String?
    var address: String?

    init(name: String, nationalId: String?, phone: String?, email: String?, address: String?) {
        self.name = name
        self.nationalId = nationalId
        self.phone = phone
        self.email = email
        self.address = address
    }

    init(row: PostgresRow) throws {
        name = try row.decode(column: "name")
        nationalId = try row.decode(column: "national_id")
        phone = try row.decode(column: "phone")
        email = try row.decode(column: "email")
        address = try row.decode(column: "address")
    }
}
