/// What a staff member may do: agents handle their office's cases, supervisors also report,
/// assign and extend, administrators run the catalogue, calendars and accounts of every office.
enum Role: String, Sendable, Codable, CaseIterable {
    case agent, supervisor, admin

    private var rank: Int {
        switch self {
        case .agent: 0
        case .supervisor: 1
        case .admin: 2
        }
    }

    /// Whether this role includes everything `other` may do.
    func includes(_ other: Role) -> Bool { rank >= other.rank }
}

/// The authenticated staff member behind a request.
struct StaffUser: Sendable, Codable {
    var username: String
    var role: Role
    var office: String?
    var department: String?
    var displayName: String

    /// Whether the user may see the cases of `office`: administrators see every office, everyone
    /// else only their own (any other office's case is answered `404`, as if it did not exist).
    func canAccess(office: String) -> Bool {
        role == .admin || self.office == office
    }
}
