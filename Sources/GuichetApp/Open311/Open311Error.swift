import HTTPServer

/// A refusal of the Open311 facade, written as the specification's `errors` document: each
/// description becomes one `error` whose `code` is the HTTP status.
struct Open311Error: Error, Sendable, CustomStringConvertible {
    var status: HTTPStatus
    var descriptions: [String]

    init(_ status: HTTPStatus, _ descriptions: String...) {
        self.status = status
        self.descriptions = descriptions
    }

    init(_ status: HTTPStatus, descriptions: [String]) {
        self.status = status
        self.descriptions = descriptions
    }

    /// The status only: descriptions may echo input.
    var description: String { "Open311Error(\(status.code))" }
}
