/// Everything wrong with a submitted input, field by field, so a form can mark each field at once.
///
/// The API returns it as `422` problem+json with an `errors` array of `{field, code, message}`.
/// Messages are fixed English sentences that never echo the input; pages translate by `code`.
public struct ValidationError: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    /// The stable API code of the problem as a whole.
    public static let code = "validation_failed"

    /// One problem with one field.
    public struct Issue: Sendable, Hashable, Codable {
        /// The field's JSON path, e.g. `applicant.email`.
        public let field: String
        /// What is wrong, as a stable code.
        public let code: Code
        /// A short English explanation without user data.
        public let message: String

        /// Makes an issue.
        public init(field: String, code: Code, message: String) {
            self.field = field
            self.code = code
            self.message = message
        }
    }

    /// The kinds of field problem. Raw values are the API codes.
    public enum Code: String, Sendable, Hashable, Codable, CaseIterable {
        /// Missing, or only whitespace.
        case required
        /// Longer than the field's limit.
        case tooLong = "too_long"
        /// Not in the field's syntax (e-mail, phone, identifier, control characters).
        case invalidFormat = "invalid_format"
        /// Well-formed but not one of the allowed values.
        case invalidValue = "invalid_value"
        /// A number or instant outside its allowed range (e.g. `received_at` in the future).
        case outOfRange = "out_of_range"
    }

    /// The problems found, in field order.
    public let issues: [Issue]

    /// Makes the error from a non-empty list of issues.
    public init(issues: [Issue]) {
        self.issues = issues
    }

    /// A description for logs: the fields and codes, never the values.
    public var description: String {
        "validation failed: " + issues.map { "\($0.field) \($0.code.rawValue)" }.joined(separator: ", ")
    }
}
