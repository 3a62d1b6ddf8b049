import Foundation

/// A ``CaseDraft`` that passed ``CaseValidation``: trimmed text within limits, empty optionals as nil,
/// a known channel, and the instant the deadline counts from.
public struct ValidatedCase: Sendable, Hashable {
    /// The trimmed subject.
    public let subject: String
    /// The trimmed description.
    public let description: String
    /// The trimmed applicant name.
    public let applicantName: String
    /// The national identifier, uppercased, or nil.
    public let nationalId: String?
    /// The phone number as given (trimmed), or nil.
    public let phone: String?
    /// The e-mail address (trimmed), or nil.
    public let email: String?
    /// The trimmed postal address, or nil.
    public let address: String?
    /// The channel (`web` when none was given).
    public var channel: CaseChannel
    /// The instant the deadline counts from: `received_at` when given, else the submission time.
    public let receivedAt: Date
    /// Whether `received_at` was given (the case was back-dated).
    public let isBackdated: Bool

    /// Makes a validated case; only ``CaseValidation`` calls it.
    init(
        subject: String, description: String, applicantName: String, nationalId: String?, phone: String?,
        email: String?, address: String?, channel: CaseChannel, receivedAt: Date, isBackdated: Bool
    ) {
        self.subject = subject
        self.description = description
        self.applicantName = applicantName
        self.nationalId = nationalId
        self.phone = phone
        self.email = email
        self.address = address
        self.channel = channel
        self.receivedAt = receivedAt
        self.isBackdated = isBackdated
    }
}
