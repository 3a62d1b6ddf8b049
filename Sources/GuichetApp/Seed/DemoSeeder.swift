import Foundation
import GuichetCore
import Postgres

/// A demo account and its password, printed once by `guichet seed-demo`.
public struct DemoAccount: Sendable {
    /// The username.
    public let username: String
    /// The role.
    public let role: String
    /// The office, if any.
    public let office: String?
    /// The generated password (never stored in clear).
    public let password: String
}

/// Loads the demo catalogue (two offices, their holidays, departments and guides) and demo staff
/// accounts with random passwords. Refuses to run on a database that already has offices.
public enum DemoSeeder {
    /// Why seeding did not happen.
    public struct AlreadySeeded: Error, CustomStringConvertible {
        /// "the database already has offices".
        public var description: String { "the database already has offices; seed-demo only fills an empty one" }
    }

    /// Whether the database has no office yet.
    public static func isEmpty(_ database: Database) throws -> Bool {
        try database.read { connection in try CatalogueStore(connection: connection).offices().isEmpty }
    }

    /// Seeds and returns the accounts it created.
    public static func seed(_ database: Database) throws -> [DemoAccount] {
        guard try isEmpty(database) else { throw AlreadySeeded() }
        try database.write { connection in
            let store = CatalogueStore(connection: connection)
            for demo in DemoCatalogue.offices {
                try store.insertOffice(
                    Office(
                        code: demo.code, name: demo.name, timezone: demo.timezone, weekendDays: demo.weekendDays,
                        petitionThreshold: demo.petitionThreshold, petitionPeriodDays: demo.petitionPeriodDays))
                for department in demo.departments {
                    try store.insertDepartment(
                        office: demo.code, Department(code: department.code, name: department.name))
                }
                for holiday in demo.holidays {
                    guard let date = LocalDate(parsing: holiday.date) else { continue }
                    try store.upsertHoliday(office: demo.code, Holiday(date: date, name: holiday.name))
                }
                for service in demo.services {
                    try store.insertService(
                        Service(
                            office: demo.code, code: service.code,
                            kind: CaseKind(rawValue: service.kind) ?? .application,
                            department: service.department, name: service.name, description: service.description,
                            requiredDocuments: service.requiredDocuments, responseDays: service.responseDays,
                            extensionDays: service.extensionDays,
                            fee: Service.Fee(amount: service.fee, currency: service.currency), active: true))
                }
            }
        }
        let plan: [(String, String, String?, String?)] = [
            ("admin", "admin", nil, nil),
            ("tun.agent", "agent", "TUN", "etat-civil"),
            ("tun.supervisor", "supervisor", "TUN", nil),
            ("tet.agent", "agent", "TET", "etat-civil"),
            ("tet.supervisor", "supervisor", "TET", nil),
        ]
        let accounts = UserAccounts(database: database)
        return try plan.map { username, role, office, department in
            let password = SecureToken.generate().prefix(20).description
            _ = try accounts.create(
                username: username, password: password, role: role, office: office, department: department,
                displayName: nil)
            return DemoAccount(username: username, role: role, office: office, password: password)
        }
    }

    /// Creates one staff account (`guichet user add`).
    public static func addUser(
        _ database: Database, username: String, password: String, role: String, office: String?, department: String?
    ) throws {
        _ = try UserAccounts(database: database).create(
            username: username, password: password, role: role, office: office, department: department,
            displayName: nil)
    }
}
