import Foundation
import GuichetCore
import Postgres

/// Text in the three languages of the offices (Arabic, French, English).
public struct Trilingual: Sendable, Codable, Hashable {
    /// Arabic.
    public var ar: String
    /// French.
    public var fr: String
    /// English.
    public var en: String

    /// Makes a text.
    public init(ar: String, fr: String, en: String) {
        self.ar = ar
        self.fr = fr
        self.en = en
    }

    /// The text in `language` (`ar`, `fr`, `en`), French otherwise.
    public func text(in language: String) -> String {
        switch language {
        case "ar": ar
        case "en": en
        default: fr
        }
    }
}

/// A citizen office: its code, names, time zone, weekend and petition rules.
public struct Office: Sendable, Codable {
    /// `TUN`.
    public var code: String
    /// Names in ar, fr, en.
    public var name: Trilingual
    /// IANA time zone.
    public var timezone: String
    /// ISO weekday numbers of the weekend.
    public var weekendDays: [Int]
    /// Signatures a petition needs.
    public var petitionThreshold: Int
    /// Days a petition may collect signatures.
    public var petitionPeriodDays: Int

    init(
        code: String, name: Trilingual, timezone: String, weekendDays: [Int], petitionThreshold: Int,
        petitionPeriodDays: Int
    ) {
        self.code = code
        self.name = name
        self.timezone = timezone
        self.weekendDays = weekendDays
        self.petitionThreshold = petitionThreshold
        self.petitionPeriodDays = petitionPeriodDays
    }

    init(row: PostgresRow) throws {
        code = try row.decode(column: "code")
        name = Trilingual(
            ar: try row.decode(column: "name_ar"), fr: try row.decode(column: "name_fr"),
            en: try row.decode(column: "name_en"))
        timezone = try row.decode(column: "timezone")
        weekendDays = try row.decode(PostgresArray<Int>.self, column: "weekend_days").elements
        petitionThreshold = try row.decode(column: "petition_threshold")
        petitionPeriodDays = try row.decode(column: "petition_period_days")
    }
}

/// A department of an office.
public struct Department: Sendable, Codable {
    /// `etat-civil`.
    public var code: String
    /// Names in ar, fr, en.
    public var name: Trilingual
}

/// A public holiday of an office.
public struct Holiday: Sendable, Codable {
    /// The date.
    public var date: LocalDate
    /// Its name in ar, fr, en.
    public var name: Trilingual
}

/// A service of an office's guide: what it needs, what it costs, how long it takes.
public struct Service: Sendable, Codable {
    /// The office.
    public var office: String
    /// `birth-certificate`.
    public var code: String
    /// The kind of case it opens.
    public var kind: CaseKind
    /// The department in charge.
    public var department: String
    /// Names in ar, fr, en.
    public var name: Trilingual
    /// Descriptions in ar, fr, en.
    public var description: Trilingual
    /// Documents the citizen brings.
    public var requiredDocuments: [Trilingual]
    /// Working days to answer (0: the same day).
    public var responseDays: Int
    /// Working days one extension may add.
    public var extensionDays: Int
    /// The fee.
    public var fee: Fee
    /// Whether new cases may be filed.
    public var active: Bool

    /// A fee, as decimal text in its currency (no binary floating point for money).
    public struct Fee: Sendable, Codable, Hashable {
        /// `"2.000"`.
        public var amount: String
        /// `"TND"`.
        public var currency: String
    }

    init(
        office: String, code: String, kind: CaseKind, department: String, name: Trilingual, description: Trilingual,
        requiredDocuments: [Trilingual], responseDays: Int, extensionDays: Int, fee: Fee, active: Bool
    ) {
        self.office = office
        self.code = code
        self.kind = kind
        self.department = department
        self.name = name
        self.description = description
        self.requiredDocuments = requiredDocuments
        self.responseDays = responseDays
        self.extensionDays = extensionDays
        self.fee = fee
        self.active = active
    }

    init(row: PostgresRow) throws {
        office = try row.decode(column: "office")
        code = try row.decode(column: "code")
        let kindText: String = try row.decode(column: "kind")
        kind = CaseKind(rawValue: kindText) ?? .application
        department = try row.decode(column: "department")
        name = Trilingual(
            ar: try row.decode(column: "name_ar"), fr: try row.decode(column: "name_fr"),
            en: try row.decode(column: "name_en"))
        description = Trilingual(
            ar: try row.decode(column: "description_ar"), fr: try row.decode(column: "description_fr"),
            en: try row.decode(column: "description_en"))
        requiredDocuments = try row.decode(PostgresJSON<[Trilingual]>.self, column: "required_documents").value
        responseDays = try row.decode(column: "response_days")
        extensionDays = try row.decode(column: "extension_days")
        fee = Fee(amount: try row.decode(column: "fee"), currency: try row.decode(column: "fee_currency"))
        active = try row.decode(column: "active")
    }
}
