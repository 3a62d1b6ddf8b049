import GuichetCore

/// The public events a citizen is told about, each named as the outbox stores it.
enum NotificationEvent: String, Sendable, CaseIterable {
    case received
    case awaitingDocuments = "awaiting_documents"
    case deadlineChanged = "deadline_changed"
    case resolved
    case rejected

    /// The event a timeline entry stands for, if any: filing into `received` (a petition counts
    /// when it reaches its threshold), the move to `awaiting_citizen`, `resolved` or `rejected`, and
    /// any public change of the deadline date (a calendar change or the extension).
    init?(type: String, toStatus: String?, isPublic: Bool) {
        guard isPublic else { return nil }
        switch (type, toStatus.flatMap(CaseStatus.init(rawValue:))) {
        case ("submitted", .received?), ("status_changed", .received?): self = .received
        case ("status_changed", .awaitingCitizen?): self = .awaitingDocuments
        case ("status_changed", .resolved?): self = .resolved
        case ("status_changed", .rejected?): self = .rejected
        case ("deadline_changed", _), ("extended", _): self = .deadlineChanged
        default: return nil
        }
    }
}

/// How a message reaches the citizen.
enum NotificationChannel: String, Sendable, CaseIterable {
    case email
    case sms
}
