import Foundation

/// A new case as the API receives it, before validation: the citizen's text and contact details.
///
/// Office and service are looked up by the app (they need the database); this type covers what can
/// be checked without I/O. Decodes from the API's snake_case JSON; `received_at` is RFC 3339, so the
/// decoder needs `dateDecodingStrategy = .iso8601` (or the app's own RFC 3339 strategy).
public struct CaseDraft: Sendable, Hashable, Codable {
    /// The applicant's identity and contact details.
    public struct Applicant: Sendable, Hashable, Codable {
        /// Full name, required.
        public var name: String?
        /// National identity card number, optional.
        public var nationalId: String?
        /// Phone number, optional.
        public var phone: String?
        /// E-mail address, optional.
        public var email: String?
        /// Postal address, optional.
        public var address: String?

        /// Makes an applicant.
        public init(
            name: String?, nationalId: String? = nil, phone: String? = nil, email: String? = nil,
            address: String? = nil
        ) {
            self.name = name
            self.nationalId = nationalId
            self.phone = phone
            self.email = email
            self.address = address
        }

        enum CodingKeys: String, CodingKey {
            case name, phone, email, address
            case nationalId = "national_id"
        }
    }

    /// One-line subject, required.
    public var subject: String?
    /// Free-text description, required.
    public var description: String?
    /// The applicant, required.
    public var applicant: Applicant?
    /// The channel as sent (`web` when absent); checked against ``CaseChannel``.
    public var channel: String?
    /// For cases received earlier by post or at the desk: when the office received it.
    public var receivedAt: Date?

    /// Makes a draft.
    public init(
        subject: String?, description: String?, applicant: Applicant?, channel: String? = nil,
        receivedAt: Date? = nil
    ) {
        self.subject = subject
        self.description = description
        self.applicant = applicant
        self.channel = channel
        self.receivedAt = receivedAt
    }

    enum CodingKeys: String, CodingKey {
        case subject, description, applicant, channel
        case receivedAt = "received_at"
    }
}
