/// The bound values of a query: text forms with their type OIDs, in `$1…$n` order.
///
/// Values are encoded when they are appended, so a query is `Sendable` and holds no reference to
/// the caller's objects. An encoding failure is remembered and thrown when the query runs,
/// because string interpolation cannot throw.
public struct PostgresBindings: Sendable {
    /// The protocol's limit: the Bind message counts parameters in an `Int16`.
    public static let maximumCount = 65_535

    /// Each bind's type OID (sent as `paramTypes`).
    public private(set) var types: [PostgresDataType] = []
    /// Each bind's text form; nil is SQL NULL. Internal: values never leave the module except
    /// on the wire, so they cannot end up in a log by accident.
    private(set) var values: [String?] = []
    /// The first encoding failure, thrown by the connection before anything is sent.
    private(set) var encodingError: PostgresError?

    /// No binds.
    public init() {}

    /// The number of binds.
    public var count: Int {
        types.count
    }

    /// Whether `text` has a NUL byte, searched in its contiguous UTF-8 (the generic search over
    /// the UTF-8 view cost more than the rest of the bind).
    private static func holdsNUL(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in bytes.contains(0) }
    }

    /// Encodes `value` as the next bind.
    public mutating func append<Value: PostgresEncodable>(_ value: Value) {
        let position = types.count + 1
        types.append(Value.postgresDataType)
        do {
            let text = try value.postgresText()
            // libpq takes text binds as C strings: a NUL would silently truncate the value.
            if let text, Self.holdsNUL(text) {
                values.append(nil)
                recordFailure(.encodingFailed(bind: position, type: "\(Value.self)"))
            } else {
                values.append(text)
            }
        } catch {
            values.append(nil)
            recordFailure(.encodingFailed(bind: position, type: "\(Value.self)"))
        }
    }

    /// Appends all of `other`'s binds (used when composing query fragments).
    mutating func append(contentsOf other: PostgresBindings) {
        if encodingError == nil, var failure = other.encodingError {
            if case .encodingFailed(let bind, let type) = failure.kind {
                failure.kind = .encodingFailed(bind: bind + count, type: type)
            }
            encodingError = failure
        }
        types.append(contentsOf: other.types)
        values.append(contentsOf: other.values)
    }

    private mutating func recordFailure(_ kind: PostgresError.Kind) {
        if encodingError == nil { encodingError = PostgresError(kind) }
    }

    /// Throws the first encoding failure, or the bind-count limit.
    func validate() throws(PostgresError) {
        if let encodingError { throw encodingError }
        if count > Self.maximumCount { throw PostgresError(.tooManyBinds) }
    }
}

extension PostgresBindings: CustomStringConvertible, CustomReflectable {
    /// The count and types only: bound values are user data.
    public var description: String {
        "PostgresBindings(count: \(count), types: \(types.map(\.rawValue)))"
    }

    /// Hides the values from `dump` and debuggers' summaries as well.
    public var customMirror: Mirror {
        Mirror(self, children: ["count": count, "types": types.map(\.rawValue)])
    }
}
