/// Why a router could not be built: an invalid pattern, or two routes that would answer the same
/// requests. Patterns are our own source text, never client input, so the description names them.
public enum RouterError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong with a pattern.
    public enum PatternProblem: Sendable, Equatable {
        /// The pattern does not start with `/`.
        case missingLeadingSlash
        /// Two slashes in a row, or a trailing slash.
        case emptySegment
        /// A segment starting with `{` that is not `{name}` or `{name...}`.
        case unclosedParameter(String)
        /// A parameter name that is not an identifier.
        case invalidParameterName(String)
        /// The same parameter name twice in one pattern.
        case duplicateParameter(String)
        /// A `{name...}` catch-all before the last segment.
        case catchAllNotLast(String)
        /// A literal segment with a character outside RFC 3986 `pchar` (or a `%`, `{`, `}`).
        case invalidLiteral(String)
    }

    /// The pattern is invalid.
    case invalidPattern(String, PatternProblem)
    /// A route with the same method and shape as an earlier one (`/a/{x}` and `/a/{y}`).
    case clash(method: HTTPMethod, pattern: String, existing: String)

    /// Says which pattern and why, e.g. `GET /a/{y} clashes with GET /a/{x}`.
    public var description: String {
        switch self {
        case .invalidPattern(let pattern, let problem):
            "invalid route pattern \(pattern): \(problem)"
        case .clash(let method, let pattern, let existing):
            "route \(method) \(pattern) clashes with \(method) \(existing): both match the same requests"
        }
    }
}
