import Foundation
import HTTPServer
import Postgres

/// Creating staff accounts, shared by `POST /api/v1/admin/users` and `guichet user add`.
struct UserAccounts {
    let database: Database

    func create(
        username rawUsername: String, password: String, role rawRole: String, office: String?, department: String?,
        displayName: String?
    ) throws -> StaffUser {
        let username = rawUsername.lowercased()
        guard username.range(of: "^[a-z0-9][a-z0-9._-]{2,39}$", options: .regularExpression) != nil else {
            throw Problems.invalidField("username", code: "invalid_format", "3 to 40 of a-z, 0-9, '.', '_', '-'")
        }
        guard let role = Role(rawValue: rawRole) else {
            throw Problems.invalidField("role", "one of agent, supervisor, admin")
        }
        if let problem = PasswordHasher.validate(password).first {
            throw Problems.invalidField(
                "password", code: problem == "too_short" ? "out_of_range" : "invalid_value",
                "at least 12 characters (\(problem))")
        }
        if role != .admin && office == nil {
            throw Problems.invalidField("office", code: "required", "agents and supervisors belong to an office")
        }
        let hash: String
        do {
            hash = try PasswordHasher.hash(password)
        } catch {
            throw Problems.invalidField("password", "this password cannot be hashed")
        }
        let user = StaffUser(
            username: username, role: role, office: office, department: department,
            displayName: displayName ?? username)
        try database.write { connection in
            if let office {
                let store = CatalogueStore(connection: connection)
                guard try store.office(office) != nil else { throw Problems.unknownOffice() }
                if let department, try !store.departments(office: office).contains(where: { $0.code == department }) {
                    throw Problems.invalidField("department", "no such department in this office")
                }
            }
            let users = UserStore(connection: connection)
            if try users.user(username) != nil {
                throw Problems.conflict("username_taken", "This username is taken.")
            }
            try users.insert(user, passwordHash: hash)
        }
        return user
    }
}
