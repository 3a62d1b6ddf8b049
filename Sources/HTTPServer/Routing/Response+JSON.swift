import Foundation

extension Response {
    /// A JSON response: snake_case keys, ISO 8601 UTC dates without fractional seconds, keys not
    /// sorted (their order is unspecified: Foundation on Linux keeps them in a hashed dictionary),
    /// `Content-Type: application/json`. An encoding failure (a non-finite
    /// `Double`, a throwing `encode(to:)`) is a bug on our side: it throws `500 internal_error`
    /// rather than sending half a document.
    public static func json(_ value: some Encodable, status: HTTPStatus = .ok) throws(HTTPError) -> Response {
        let data: Data
        do {
            data = try JSONCoding.makeEncoder().encode(value)
        } catch {
            throw HTTPError(
                .internalServerError, code: "internal_error", detail: "The server could not complete the request.")
        }
        return json(bytes: Array(data), status: status)
    }

    /// A JSON response from a document already written (by hand, on the hottest paths).
    public static func json(bytes: [UInt8], status: HTTPStatus = .ok) -> Response {
        Response(status: status, headers: ["Content-Type": "application/json"], body: bytes)
    }
}
