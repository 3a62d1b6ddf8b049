/// A service's promised response delay and how far a supervisor may extend it, in working days.
public struct ServiceDelay: Sendable, Hashable, Codable {
    /// The allowed values for both fields: a delay beyond a year is a data-entry error.
    public static let allowedRange: ClosedRange<Int> = 0...365

    /// Working days the office promises (0: "same day", the first working day on or after submission).
    public let responseDays: Int
    /// The most working days one extension may add (0: the service cannot be extended).
    public let extensionDays: Int

    /// Makes a delay, refusing values outside ``allowedRange``.
    public init(responseDays: Int, extensionDays: Int) throws(ServiceDelayError) {
        guard Self.allowedRange.contains(responseDays) else {
            throw ServiceDelayError(field: "response_days", value: responseDays)
        }
        guard Self.allowedRange.contains(extensionDays) else {
            throw ServiceDelayError(field: "extension_days", value: extensionDays)
        }
        self.responseDays = responseDays
        self.extensionDays = extensionDays
    }

    /// Decodes `{response_days, extension_days}` and validates them.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            responseDays: container.decode(Int.self, forKey: .responseDays),
            extensionDays: container.decode(Int.self, forKey: .extensionDays))
    }

    enum CodingKeys: String, CodingKey {
        case responseDays = "response_days"
        case extensionDays = "extension_days"
    }
}

/// A service delay outside ``ServiceDelay/allowedRange``; names the field.
public struct ServiceDelayError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The API field at fault: `response_days` or `extension_days`.
    public let field: String
    /// The refused value.
    public let value: Int

    /// A description for logs and problem details.
    public var description: String {
        "\(field) must be between \(ServiceDelay.allowedRange.lowerBound) and \(ServiceDelay.allowedRange.upperBound), got \(value)"
    }
}
