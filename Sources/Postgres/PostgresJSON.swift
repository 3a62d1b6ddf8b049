import Foundation

/// A `Codable` value stored as `jsonb` (bound) and read from `json` or `jsonb`.
///
/// A wrapper rather than a conformance on every `Codable`, so that storing a value as JSON is a
/// visible decision at the call site: `\(PostgresJSON(documents))`. Dates inside the JSON use
/// ISO 8601, keys are sorted so equal values produce equal text.
public struct PostgresJSON<Value: Codable>: PostgresEncodable, PostgresDecodable {
    /// The wrapped value.
    public var value: Value

    /// Wraps a value.
    public init(_ value: Value) {
        self.value = value
    }

    /// `jsonb`: the server normalises it and it can be indexed.
    public static var postgresDataType: PostgresDataType { .jsonb }

    /// The JSON text; throws if the value does not encode (reported as `.encodingFailed`).
    public func postgresText() throws -> String? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// `json` or `jsonb`.
    public init(postgresText text: String, type: PostgresDataType) throws(PostgresError.DecodingFailure) {
        guard type == .json || type == .jsonb else { throw .typeMismatch(type) }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do {
            value = try decoder.decode(Value.self, from: Data(text.utf8))
        } catch {
            throw .invalidValue
        }
    }
}

extension PostgresJSON: Sendable where Value: Sendable {}
extension PostgresJSON: Equatable where Value: Equatable {}
