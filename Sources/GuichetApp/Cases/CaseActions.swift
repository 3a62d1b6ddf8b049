import Foundation
import GuichetCore
import HTTPServer
import Postgres

/// The staff actions on a case. Each locks the case row first, so concurrent actions on one case
/// are applied one after the other, each from the state the previous one left.
extension CaseWorkflow {
    struct StatusChange: Decodable, Sendable {
        var status: String
        var publicMessage: String?
        var internalNote: String?
    }

    func changeStatus(_ reference: String, _ change: StatusChange, user: StaffUser) throws -> CaseRecord {
        guard let target = CaseStatus(rawValue: change.status) else {
            throw Problems.invalidField("status", "unknown status")
        }
        let message = try Self.optionalText(change.publicMessage, field: "public_message", limit: 2000)
        let note = try Self.optionalText(change.internalNote, field: "internal_note", limit: 2000)
        if target.requiresPublicMessage && message == nil {
            throw Problems.invalidField(
                "public_message", code: "required",
                "resolved and rejected need a public message: the citizen is told why")
        }
        return try database.write { connection in
            let record = try lockedCase(reference, user: user, connection: connection)
            try PetitionRules.checkStaffTransition(from: record.status, to: target)
            do throws(InvalidTransitionError) {
                _ = try StatusTransition.validated(from: record.status, to: target)
            } catch {
                throw Problems.invalidTransition(error)
            }
            return try self.record(
                CaseEvent(
                    seq: 0, at: clock.now(), actor: user.username, type: "status_changed",
                    fromStatus: record.status.rawValue, toStatus: target.rawValue, isPublic: true,
                    publicMessage: message, internalNote: note),
                on: record, newStatus: target, connection: connection)
        }
    }

    struct Note: Decodable, Sendable {
        var text: String
        var `public`: Bool?
    }

    func addNote(_ reference: String, _ note: Note, user: StaffUser) throws -> CaseRecord {
        guard let text = try Self.optionalText(note.text, field: "text", limit: 5000) else {
            throw Problems.invalidField("text", code: "required", "text is required")
        }
        let isPublic = note.public ?? false
        return try database.write { connection in
            let record = try lockedCase(reference, user: user, connection: connection)
            return try self.record(
                CaseEvent(
                    seq: 0, at: clock.now(), actor: user.username, type: "note", isPublic: isPublic,
                    publicMessage: isPublic ? text : nil, internalNote: isPublic ? nil : text),
                on: record, connection: connection)
        }
    }

    struct Assignment: Decodable, Sendable {
        var assignee: String?
        var department: String?
    }

    /// Assigns to an agent and/or a department of the case's office (supervisors; an agent may
    /// take a case for themself).
    func assign(_ reference: String, _ assignment: Assignment, user: StaffUser) throws -> CaseRecord {
        if assignment.assignee == nil && assignment.department == nil {
            throw Problems.invalidField("assignee", code: "required", "give an assignee, a department or both")
        }
        if !user.role.includes(.supervisor) && assignment.assignee != user.username {
            throw Problems.forbidden
        }
        return try database.write { connection in
            var record = try lockedCase(reference, user: user, connection: connection)
            let department = assignment.department ?? record.department
            if assignment.department != nil {
                let known = try CatalogueStore(connection: connection).departments(office: record.office)
                guard known.contains(where: { $0.code == department }) else {
                    throw Problems.invalidField("department", "no such department in this office")
                }
            }
            if let assignee = assignment.assignee {
                guard let staff = try UserStore(connection: connection).user(assignee), staff.office == record.office
                else { throw Problems.invalidField("assignee", "no such staff member in this office") }
            }
            let assignee = assignment.assignee ?? record.assignee
            try CaseStore(connection: connection).assign(
                office: record.office, reference: record.reference, assignee: assignee, department: department)
            var data = ["department": department]
            if let assignee { data["assignee"] = assignee }
            record.assignee = assignee
            record.department = department
            return try self.record(
                CaseEvent(seq: 0, at: clock.now(), actor: user.username, type: "assigned", isPublic: false, data: data),
                on: record, connection: connection)
        }
    }

    /// Issues a new tracking key; the old one stops working at once.
    func reissueKey(_ reference: String, user: StaffUser) throws -> String {
        let key = TrackingKey.generate()
        try database.write { connection in
            let record = try lockedCase(reference, user: user, connection: connection)
            try CaseStore(connection: connection).replaceTrackingKey(
                office: record.office, reference: record.reference, hash: key.hash(secret: secret))
            try self.record(
                CaseEvent(
                    seq: 0, at: clock.now(), actor: user.username, type: "tracking_key_reissued", isPublic: false),
                on: record, connection: connection)
        }
        return key.text
    }

    struct ExtensionRequest: Decodable, Sendable {
        var days: Int
        var reason: String?
    }

    /// The one extension a case may get: supervisors only, a public reason, at most the service's
    /// extension days, counted from the current deadline date.
    func extend(_ reference: String, _ request: ExtensionRequest, user: StaffUser) throws -> CaseRecord {
        guard user.role.includes(.supervisor) else { throw Problems.forbidden }
        guard let reason = try Self.optionalText(request.reason, field: "reason", limit: 2000) else {
            throw Problems.invalidField("reason", code: "required", "an extension needs a public reason")
        }
        return try database.write { connection in
            let record = try lockedCase(reference, user: user, connection: connection)
            guard record.status.isOpen else {
                throw Problems.conflict("case_not_open", "Only an open case can be extended.")
            }
            if record.extensionUsed {
                throw Problems.conflict("extension_already_used", "This case was already extended once.")
            }
            guard request.days >= 1, request.days <= record.extensionDays else {
                throw Problems.invalidField(
                    "days", code: "out_of_range", "days must be between 1 and \(record.extensionDays) for this service")
            }
            return try self.record(
                CaseEvent(
                    seq: 0, at: clock.now(), actor: user.username, type: "extended", isPublic: true,
                    publicMessage: reason, data: ["days": String(request.days)]),
                on: record, connection: connection)
        }
    }

    /// Trimmed text within `limit` characters, nil when empty; control characters refused.
    static func optionalText(_ value: String?, field: String, limit: Int) throws -> String? {
        guard let trimmed = value?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else { return nil }
        if trimmed.unicodeScalars.count > limit {
            throw Problems.invalidField(field, code: "too_long", "\(field) must be at most \(limit) characters")
        }
        if trimmed.unicodeScalars.contains(where: {
            $0.properties.generalCategory == .control && !["\n", "\t", "\r"].contains($0)
        }) {
            throw Problems.invalidField(field, code: "invalid_format", "\(field) must not contain control characters")
        }
        return trimmed
    }
}
