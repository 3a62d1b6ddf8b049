/// A SQL statement whose values travel as binds, never as SQL text.
///
/// Modelled on postgres-nio's `PostgresQuery`: in
/// `"SELECT * FROM cases WHERE reference = \(reference)"` the interpolated value becomes `$1`
/// and a bind, so no value can change the statement. Raw SQL text can only be added with
/// `\(unsafeSQL: …)` or `init(unsafeSQL:binds:)`, spelled loudly so reviewers see it.
/// Fragments compose: interpolating a `PostgresQuery` appends its SQL and renumbers its binds,
/// which is how optional filters are built without string concatenation.
public struct PostgresQuery: Sendable, ExpressibleByStringInterpolation, Hashable {
    /// SQL text or a placeholder; placeholders are numbered when the SQL is rendered, so
    /// fragments can be combined in any order.
    enum Segment: Sendable, Hashable {
        case text(String)
        case bind(Int)
    }

    private(set) var segments: [Segment] = []
    /// The bound values, in placeholder order.
    public private(set) var binds = PostgresBindings()

    /// The statement text with `$1…$n` placeholders, as sent to the server.
    public var sql: String {
        // Sized once: the tracking statement runs to 1.5 KB, rendered on every execution.
        var text = ""
        text.reserveCapacity(
            segments.reduce(0) { length, segment in
                if case .text(let part) = segment { length + part.utf8.count } else { length + 4 }
            })
        for segment in segments {
            switch segment {
            case .text(let part): text += part
            case .bind(let index): text += "$\(index + 1)"
            }
        }
        return text
    }

    /// A statement without binds, from a literal in the source code.
    public init(stringLiteral value: String) {
        if !value.isEmpty { segments = [.text(value)] }
    }

    /// A statement built by interpolation (see `StringInterpolation`).
    public init(stringInterpolation: StringInterpolation) {
        self = stringInterpolation.query
    }

    /// Raw SQL with explicit binds, for text that is not in the source code — migration files,
    /// generated identifiers — and nothing else. The caller vouches that `unsafeSQL` holds no
    /// untrusted input; its `$n` placeholders must match `binds`. Being raw text, they are not
    /// renumbered if this query is appended to another: use such a query whole.
    public init(unsafeSQL: String, binds: PostgresBindings = PostgresBindings()) {
        if !unsafeSQL.isEmpty { segments = [.text(unsafeSQL)] }
        self.binds = binds
    }

    /// Appends `other`, renumbering its placeholders after this query's binds.
    public mutating func append(_ other: PostgresQuery) {
        let offset = binds.count
        for segment in other.segments {
            switch segment {
            case .text(let part): appendText(part)
            case .bind(let index): segments.append(.bind(index + offset))
            }
        }
        binds.append(contentsOf: other.binds)
    }

    /// `lhs` followed by `rhs`, with `rhs`'s placeholders renumbered.
    public static func + (lhs: PostgresQuery, rhs: PostgresQuery) -> PostgresQuery {
        var result = lhs
        result.append(rhs)
        return result
    }

    /// Two queries are equal when they render the same SQL with the same bind types and values.
    public static func == (lhs: PostgresQuery, rhs: PostgresQuery) -> Bool {
        lhs.sql == rhs.sql && lhs.binds.types == rhs.binds.types && lhs.binds.values == rhs.binds.values
    }

    /// Hashes the SQL and the bind types.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(sql)
        hasher.combine(binds.types)
    }

    fileprivate mutating func appendText(_ text: String) {
        guard !text.isEmpty else { return }
        if case .text(let previous) = segments.last {
            segments[segments.count - 1] = .text(previous + text)
        } else {
            segments.append(.text(text))
        }
    }

    fileprivate mutating func appendBind<Value: PostgresEncodable>(_ value: Value) {
        segments.append(.bind(binds.count))
        binds.append(value)
    }

    /// Builds a `PostgresQuery`: literal text stays SQL, values become binds.
    public struct StringInterpolation: StringInterpolationProtocol, Sendable {
        fileprivate var query = PostgresQuery(stringLiteral: "")

        /// Reserves nothing: queries are short.
        public init(literalCapacity: Int, interpolationCount: Int) {}

        /// Source-code SQL text.
        public mutating func appendLiteral(_ literal: String) {
            query.appendText(literal)
        }

        /// A value: appends `$n` and binds the value (an optional nil binds NULL).
        public mutating func appendInterpolation<Value: PostgresEncodable>(_ value: Value) {
            query.appendBind(value)
        }

        /// An optional value: `$n` bound to the value, or to a typed NULL when nil. A separate
        /// overload so the compiler does not warn about interpolating an optional.
        public mutating func appendInterpolation<Value: PostgresEncodable>(_ value: Value?) {
            query.appendBind(value)
        }

        /// A query fragment: its SQL is appended and its binds renumbered.
        public mutating func appendInterpolation(_ fragment: PostgresQuery) {
            query.append(fragment)
        }

        /// Raw SQL text such as `ORDER BY created_at DESC`: the only way to splice text.
        /// Never pass anything derived from a request here; map it to a fixed string first.
        public mutating func appendInterpolation(unsafeSQL text: String) {
            query.appendText(text)
        }
    }
}

extension PostgresQuery: CustomStringConvertible {
    /// The SQL text and the bind count; bound values are never shown.
    public var description: String {
        "PostgresQuery(\(sql.debugDescription), binds: \(binds.count))"
    }
}
