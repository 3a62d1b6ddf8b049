import Foundation

/// Checks a ``CaseDraft`` field by field and collects every problem into one ``ValidationError``.
///
/// Lengths count Unicode scalars, the unit PostgreSQL's `varchar(n)` counts in a UTF-8 database,
/// so a text accepted here always fits its column (Arabic with combining marks included).
public enum CaseValidation {
    /// The named limits, one place to read them.
    public enum Limits {
        /// Maximum subject length.
        public static let subject = 200
        /// Maximum description length.
        public static let description = 5000
        /// Maximum applicant name length.
        public static let applicantName = 200
        /// Maximum postal address length.
        public static let address = 500
        /// Maximum e-mail length (RFC 5321's path limit).
        public static let email = 254
        /// Maximum phone text length, separators included.
        public static let phone = 32
        /// The number of digits a phone number may have (E.164 allows at most 15).
        public static let phoneDigits: ClosedRange<Int> = 6...15
        /// How far back `received_at` may go.
        public static let backdating: TimeInterval = 30 * 86_400
    }

    /// Returns the validated case, or throws every problem found.
    ///
    /// - Parameters:
    ///   - draft: the input as decoded from JSON.
    ///   - now: the server's clock (the test clock in test mode).
    ///   - isStaff: whether an authenticated agent sends it; only staff may set a channel other
    ///     than `web` or back-date with `received_at`.
    public static func validate(_ draft: CaseDraft, now: Date, isStaff: Bool) throws(ValidationError) -> ValidatedCase {
        var issues: [ValidationError.Issue] = []
        func issue(_ field: String, _ code: ValidationError.Code, _ message: String) {
            issues.append(ValidationError.Issue(field: field, code: code, message: message))
        }

        func text(_ field: String, _ value: String?, limit: Int, multiline: Bool, required: Bool) -> String? {
            let trimmed = value?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            if trimmed.isEmpty {
                if required { issue(field, .required, "\(field) is required") }
                return nil
            }
            if trimmed.unicodeScalars.count > limit {
                issue(field, .tooLong, "\(field) must be at most \(limit) characters")
                return nil
            }
            let allowed: Set<Unicode.Scalar> = multiline ? ["\n", "\t", "\r"] : []
            if trimmed.unicodeScalars.contains(where: {
                $0.properties.generalCategory == .control && !allowed.contains($0)
            }) {
                issue(field, .invalidFormat, "\(field) must not contain control characters")
                return nil
            }
            return trimmed
        }

        let subject = text("subject", draft.subject, limit: Limits.subject, multiline: false, required: true)
        let description = text(
            "description", draft.description, limit: Limits.description, multiline: true, required: true)

        var name: String?
        var nationalId: String?
        var phone: String?
        var email: String?
        var address: String?
        if let applicant = draft.applicant {
            name = text("applicant.name", applicant.name, limit: Limits.applicantName, multiline: false, required: true)
            address = text(
                "applicant.address", applicant.address, limit: Limits.address, multiline: true, required: false)
            if let raw = text(
                "applicant.national_id", applicant.nationalId, limit: 16, multiline: false, required: false)
            {
                let upper = raw.uppercased()
                if isNationalId(upper) {
                    nationalId = upper
                } else {
                    issue(
                        "applicant.national_id", .invalidFormat,
                        "national_id must be up to two letters then 5 to 10 digits")
                }
            }
            if let raw = text(
                "applicant.phone", applicant.phone, limit: Limits.phone, multiline: false, required: false)
            {
                if isPhone(raw) {
                    phone = raw
                } else {
                    issue(
                        "applicant.phone", .invalidFormat, "phone must be 6 to 15 digits, optionally with a leading +")
                }
            }
            if let raw = text(
                "applicant.email", applicant.email, limit: Limits.email, multiline: false, required: false)
            {
                if isEmail(raw) {
                    email = raw
                } else {
                    issue("applicant.email", .invalidFormat, "email must look like name@example.org")
                }
            }
        } else {
            issue("applicant", .required, "applicant is required")
        }

        var channel = CaseChannel.web
        if let raw = draft.channel {
            if let parsed = CaseChannel(rawValue: raw) {
                if parsed.isIntegration {
                    issue("channel", .invalidValue, "channel \(raw) is set only by its own endpoint")
                } else if parsed.requiresStaff && !isStaff {
                    issue("channel", .invalidValue, "only staff may register a case on this channel")
                } else {
                    channel = parsed
                }
            } else {
                issue("channel", .invalidValue, "channel must be one of web, desk, phone, mail, email")
            }
        }

        if let receivedAt = draft.receivedAt {
            if !isStaff {
                issue("received_at", .invalidValue, "only staff may give received_at")
            } else if receivedAt > now {
                issue("received_at", .outOfRange, "received_at must not be in the future")
            } else if now.timeIntervalSince(receivedAt) > Limits.backdating {
                issue("received_at", .outOfRange, "received_at must be at most 30 days ago")
            }
        }

        guard issues.isEmpty, let subject, let description, let name else { throw ValidationError(issues: issues) }
        return ValidatedCase(
            subject: subject, description: description, applicantName: name, nationalId: nationalId,
            phone: phone, email: email, address: address, channel: channel,
            receivedAt: draft.receivedAt ?? now, isBackdated: draft.receivedAt != nil)
    }

    /// Tunisia's CIN is 8 digits; Morocco's CNIE is one or two letters then digits. So: at most two
    /// uppercase ASCII letters, then 5 to 10 ASCII digits.
    public static func isNationalId(_ value: String) -> Bool {
        let bytes = Array(value.utf8)
        let letters = bytes.prefix { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }.count
        let digits = bytes.dropFirst(letters)
        return letters <= 2 && (5...10).contains(digits.count)
            && digits.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    /// An optional leading `+`, then digits with spaces, hyphens, dots or parentheses between them;
    /// 6 to 15 digits in all (local numbers and E.164).
    public static func isPhone(_ value: String) -> Bool {
        var bytes = Substring(value).utf8[...]
        if bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        var digits = 0
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits += 1
            case UInt8(ascii: " "), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "("), UInt8(ascii: ")"): continue
            default: return false
            }
        }
        return Limits.phoneDigits.contains(digits)
    }

    /// A basic shape check, not RFC 5322: one `@`, a non-empty local part of at most 64 bytes, a domain
    /// of dot-separated non-empty labels with at least one dot, and no spaces or control characters.
    /// Whether the address works is only known by writing to it.
    public static func isEmail(_ value: String) -> Bool {
        let parts = value.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, let local = parts.first, let domain = parts.last,
            !local.isEmpty, local.utf8.count <= 64
        else { return false }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty }) else { return false }
        return !value.unicodeScalars.contains {
            $0.properties.isWhitespace || $0.properties.generalCategory == .control
        }
    }
}
