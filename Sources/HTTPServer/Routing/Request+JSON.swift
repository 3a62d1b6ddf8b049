import Foundation

extension Request {
    /// Decodes the body as JSON into `T`: keys in snake_case (`deadline_date` → `deadlineDate`), dates
    /// as ISO 8601 / RFC 3339 with or without fractional seconds. Requires `Content-Type:
    /// application/json` (parameters such as `charset` allowed), else `415 unsupported_media_type`.
    /// A body that is not JSON is `400 malformed_json`; a missing field, a wrong type or an invalid
    /// value is `422 invalid_field` whose `field` extension names the path (`applicant.name`,
    /// `items[2].code`) in the client's snake_case. The details never echo the body.
    /// A NUL character (`\u0000`) in any string is `422 invalid_text`: no handler can keep one
    /// (PostgreSQL text cannot hold it, C functions stop at it), so it is refused before any handler
    /// sees it rather than failing later as a 500 from the database.
    public func decodeJSON<T: Decodable>(_ type: T.Type = T.self) throws(HTTPError) -> T {
        guard MediaTypeHeader.essence(of: headers["Content-Type"]) == "application/json" else {
            throw HTTPError(
                .unsupportedMediaType, code: "unsupported_media_type",
                detail: "The body must be sent as application/json."
            )
        }
        if JSONCoding.containsEscapedNUL(body) {
            throw HTTPError(
                .unprocessableContent, code: "invalid_text", detail: "Text must not contain NUL characters.")
        }
        do {
            return try JSONCoding.makeDecoder().decode(T.self, from: Data(body))
        } catch let error as DecodingError {
            throw JSONCoding.httpError(for: error)
        } catch {
            // JSONDecoder documents only DecodingError; anything else is still the body's fault.
            throw HTTPError(.badRequest, code: "malformed_json", detail: "The body is not valid JSON.")
        }
    }
}

/// The JSON conventions of the API in one place, so requests and responses cannot drift apart;
/// `parseDate` is public for the facades that read RFC 3339 times outside a JSON body (Open311).
public enum JSONCoding {
    /// Whether a JSON text holds the escape `\u0000`. In valid JSON a NUL can only appear that way (raw
    /// control bytes are invalid), and a backslash only inside strings, so a lexical scan that skips
    /// each escaped character is exact: `\\u0000` (an escaped backslash, then text) is not a NUL.
    static func containsEscapedNUL(_ bytes: [UInt8]) -> Bool {
        let backslash = UInt8(ascii: "\\")
        var index = 0
        while index < bytes.count {
            guard bytes[index] == backslash, index + 1 < bytes.count else {
                index += 1
                continue
            }
            if bytes[index + 1] == UInt8(ascii: "u"), index + 5 < bytes.count,
                bytes[(index + 2)...(index + 5)].allSatisfy({ $0 == UInt8(ascii: "0") })
            {
                return true
            }
            index += 2
        }
        return false
    }

    /// A decoder for request bodies. Made per call: `JSONDecoder` is a class with mutable settings.
    static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            if let date = parseDate(text) { return date }
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "Expected an RFC 3339 date-time such as 2026-11-23T09:00:00Z.")
        }
        return decoder
    }

    /// Parses an RFC 3339 time, without then with fractional seconds (clients send both).
    public static func parseDate(_ text: String) -> Date? {
        let plain = Date.ISO8601FormatStyle()
        if let date = try? plain.parse(text) { return date }
        return try? plain.time(includingFractionalSeconds: true).parse(text)
    }

    /// An encoder for response bodies: snake_case keys, ISO 8601 dates in UTC without fractional
    /// seconds, keys not sorted (sorting costs time clients do not need), `/` not escaped.
    static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// Maps a decoding failure to the problem the client gets. A corrupted value at the top level is
    /// a syntax error (400); anything with a path is a field the client can fix (422).
    static func httpError(for error: DecodingError) -> HTTPError {
        let path: [any CodingKey]
        let what: String
        switch error {
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty {
                return HTTPError(.badRequest, code: "malformed_json", detail: "The body is not valid JSON.")
            }
            path = context.codingPath
            what = "has an invalid value"
        case .keyNotFound(let key, let context):
            path = context.codingPath + [key]
            what = "is required"
        case .valueNotFound(_, let context):
            path = context.codingPath
            what = "must not be null"
        case .typeMismatch(let type, let context):
            path = context.codingPath
            what = "must be \(describe(type))"
        @unknown default:
            return HTTPError(.badRequest, code: "malformed_json", detail: "The body is not valid JSON.")
        }
        let field = fieldPath(path)
        return HTTPError(
            .unprocessableContent, code: "invalid_field",
            detail: field.isEmpty ? "The body \(what)." : "The field \(field) \(what).",
            extensions: ["field": .string(field)])
    }

    /// `applicant.name`, `items[2].code`: keys back in snake_case, as the client wrote them.
    static func fieldPath(_ path: [any CodingKey]) -> String {
        var out = ""
        for key in path {
            if let index = key.intValue {
                out += "[\(index)]"
            } else {
                if !out.isEmpty { out += "." }
                out += snakeCase(key.stringValue)
            }
        }
        return out
    }

    /// `deadlineDate` → `deadline_date`; already snake_case text is unchanged. Mirrors
    /// `JSONEncoder.KeyEncodingStrategy.convertToSnakeCase` closely enough for field names.
    static func snakeCase(_ key: String) -> String {
        var out = ""
        var previousWasLower = false
        for character in key {
            if character.isUppercase {
                if previousWasLower { out += "_" }
                out += character.lowercased()
                previousWasLower = false
            } else {
                out.append(character)
                previousWasLower = character.isLowercase || character.isNumber
            }
        }
        return out
    }

    /// A type as a client would name it.
    static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "a boolean"
        case is Int.Type, is Int64.Type, is Int32.Type, is UInt.Type: "an integer"
        case is Double.Type, is Float.Type, is Decimal.Type: "a number"
        // Foundation reports a container it expected as `[String: Any]` or `[Any]`; Set is a JSON array too.
        case is any ExpressibleByDictionaryLiteral.Type: "an object"
        case is any ExpressibleByArrayLiteral.Type: "an array"
        default: "a valid value"
        }
    }
}
