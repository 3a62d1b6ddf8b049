/// How a case reached the office. Raw values are the API's spellings.
public enum CaseChannel: String, Sendable, Hashable, Codable, CaseIterable {
    /// Submitted online by the citizen; the only channel of anonymous submissions.
    case web
    /// Registered by an agent at the front desk.
    case desk
    /// Taken by an agent over the phone.
    case phone
    /// Received by post.
    case mail
    /// Received by e-mail.
    case email
    /// Filed by a third-party application through the Open311 GeoReport v2 facade, with an API key.
    case open311

    /// Whether only staff may register a case on this channel (everything but `web`).
    public var requiresStaff: Bool { self != .web }

    /// Whether only an integration may set this channel, never a client of `POST /api/v1/cases`,
    /// staff included: the channel records which door a case came through, so it cannot be claimed.
    public var isIntegration: Bool { self == .open311 }
}
