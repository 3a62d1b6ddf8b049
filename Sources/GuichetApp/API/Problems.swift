import GuichetCore
import HTTPServer

/// The problems the API answers with, one constructor per stable `code`, so the same situation
/// always gets the same status, code and wording.
enum Problems {
    static func notFound(_ what: String = "case") -> HTTPError {
        HTTPError(.notFound, code: "not_found", detail: "No \(what) matches.")
    }

    /// Unknown reference and wrong key look exactly alike: no one can probe which references exist.
    static let caseNotFound = HTTPError(
        .notFound, code: "not_found", detail: "No case matches this reference and key.")

    static func validation(_ error: ValidationError) -> HTTPError {
        HTTPError(
            .unprocessableContent, code: ValidationError.code, detail: "Some fields are missing or invalid.",
            extensions: [
                "errors": .array(
                    error.issues.map { issue in
                        .object([
                            ("field", .string(issue.field)), ("code", .string(issue.code.rawValue)),
                            ("message", .string(issue.message)),
                        ])
                    })
            ])
    }

    static func invalidField(_ field: String, code: String = "invalid_value", _ message: String) -> HTTPError {
        validation(
            ValidationError(issues: [
                ValidationError.Issue(
                    field: field, code: ValidationError.Code(rawValue: code) ?? .invalidValue, message: message)
            ]))
    }

    static func unknownOffice() -> HTTPError {
        HTTPError(.unprocessableContent, code: "unknown_office", detail: "No office has this code.")
    }

    static func unknownService() -> HTTPError {
        HTTPError(
            .unprocessableContent, code: "unknown_service",
            detail: "This office offers no active service with this code.")
    }

    static func invalidTransition(_ error: InvalidTransitionError) -> HTTPError {
        HTTPError(
            .conflict, code: InvalidTransitionError.code,
            detail: "A case cannot go from \(error.from.rawValue) to \(error.to.rawValue).",
            extensions: ["allowed": .array(error.allowed.map(\.rawValue).sorted().map { .string($0) })])
    }

    static let unauthenticated = HTTPError(
        .unauthorized, code: "unauthenticated", detail: "Sign in to use this endpoint.",
        headers: ["WWW-Authenticate": "Bearer"])

    static let forbidden = HTTPError(.forbidden, code: "forbidden", detail: "Your role does not allow this action.")

    static let csrf = HTTPError(
        .forbidden, code: "csrf_failed",
        detail: "A cookie-authenticated change needs the X-CSRF-Token header from sign-in, or a same-origin Origin.")

    static func rateLimited(retryAfter seconds: Int) -> HTTPError {
        HTTPError(
            .tooManyRequests, code: "rate_limited", detail: "Too many attempts; try again later.",
            headers: ["Retry-After": String(max(1, seconds))])
    }

    static func conflict(_ code: String, _ detail: String) -> HTTPError {
        HTTPError(.conflict, code: code, detail: detail)
    }

    /// A move the core table allows but staff may not make by hand (a petition's count or period
    /// decides); same code as any refused move, with the statuses staff may choose.
    static func invalidTransition(
        from: CaseStatus, to: CaseStatus, allowed: Set<CaseStatus>, reason: String
    ) -> HTTPError {
        HTTPError(
            .conflict, code: InvalidTransitionError.code,
            detail: "A case cannot go from \(from.rawValue) to \(to.rawValue) by hand. \(reason)",
            extensions: ["allowed": .array(allowed.map(\.rawValue).sorted().map { .string($0) })])
    }

    static let alreadySigned = HTTPError(
        .conflict, code: "already_signed", detail: "This identity number has already signed this petition.")

    static let notCollecting = HTTPError(
        .conflict, code: "not_collecting", detail: "This petition no longer collects signatures.")
}
