import HTTPServer

/// The two formats of GeoReport v2, chosen as the specification does: by the extension of the
/// last path segment (`services.xml`, `requests/TUN-2026-000042.json`). XML is the required one.
enum Open311Format: String, Sendable, CaseIterable {
    case xml
    case json

    /// The media type, as the specification's examples and discovery documents name it.
    var mediaType: String {
        switch self {
        case .xml: "text/xml"
        case .json: "application/json"
        }
    }

    /// The `Content-Type`, with the charset the specification requires.
    var contentType: String { mediaType + "; charset=utf-8" }

    /// Splits `TUN-2026-000042.json` into the name and its format; nil for no or another extension.
    static func split(_ segment: String) -> (name: String, format: Open311Format)? {
        guard let dot = segment.lastIndex(of: ".") else { return nil }
        guard let format = Open311Format(rawValue: String(segment[segment.index(after: dot)...])) else { return nil }
        return (String(segment[..<dot]), format)
    }

    /// The answer: `value` as JSON, or as XML under `root`.
    func response(_ value: Open311Value, root: String, status: HTTPStatus = .ok) -> Response {
        let body =
            switch self {
            case .json: value.json()
            case .xml: value.xml(root: root)
            }
        return Response(status: status, headers: ["Content-Type": contentType], body: Array(body.utf8))
    }

    /// The specification's error document, `[{code, description}]` or
    /// `<errors><error><code/><description/></error></errors>`, with the HTTP status as each code.
    func errors(status: HTTPStatus, _ descriptions: [String], headers: HeaderFields = HeaderFields()) -> Response {
        let list = Open311Value.list(
            item: "error",
            descriptions.map { .object([("code", .integer(status.code)), ("description", .text($0))]) })
        var response = response(list, root: "errors", status: status)
        for field in headers where field.name.lowercased() != "content-type" {
            response.headers.add(field.name, field.value)
        }
        return response
    }
}
