// The shapes of the demo catalogue that `guichet seed-demo` loads (see DemoCatalogue.swift).
// Plain values, no behaviour: the loader turns them into offices, holidays, departments and services.

/// A public holiday of an office: the date (YYYY-MM-DD) and its name.
struct DemoHoliday: Sendable {
    /// Local date, `YYYY-MM-DD`.
    let date: String
    /// What the day is called; several feasts on one date share one combined name.
    let name: Trilingual
}

/// A department of an office.
struct DemoDepartment: Sendable {
    /// Lowercase ASCII with hyphens, unique within the office.
    let code: String
    /// The department's name.
    let name: Trilingual
}

/// A service of an office's guide.
struct DemoService: Sendable {
    /// Lowercase ASCII with hyphens, e.g. "birth-certificate"; unique within the office.
    let code: String
    /// application | complaint | petition | information_request | suggestion
    let kind: String
    /// A `DemoDepartment` code of the same office.
    let department: String
    /// The service's name.
    let name: Trilingual
    /// One to three sentences: what it is, who can ask, how it is delivered.
    let description: Trilingual
    /// The documents the citizen brings or attaches; empty when none is needed.
    let requiredDocuments: [Trilingual]
    /// Working days; 0 = same day.
    let responseDays: Int
    /// The most a supervisor may extend the deadline by, once, in working days.
    let extensionDays: Int
    /// Decimal text in the office currency: "0", "2.000" (TND has 3 decimals), "20.00" (MAD has 2).
    let fee: String
    /// "TND" or "MAD".
    let currency: String
}

/// A demo office with its calendar, departments and guide.
struct DemoOffice: Sendable {
    /// 2–8 uppercase letters; the prefix of the office's case references.
    let code: String
    /// The office's name.
    let name: Trilingual
    /// IANA time zone.
    let timezone: String
    /// ISO weekday numbers, 1 = Monday … 7 = Sunday.
    let weekendDays: [Int]
    /// Signatures a petition needs before it is received.
    let petitionThreshold: Int
    /// Days a petition has to collect them before it lapses.
    let petitionPeriodDays: Int
    /// Public holidays, sorted by date, one entry per date.
    let holidays: [DemoHoliday]
    /// Departments of the office.
    let departments: [DemoDepartment]
    /// The office's service guide.
    let services: [DemoService]
}
