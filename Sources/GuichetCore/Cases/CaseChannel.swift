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

    /// Whether only staff may register a case on this channel (everything but `web`).
    public var requiresStaff: Bool { self != .web }
}
