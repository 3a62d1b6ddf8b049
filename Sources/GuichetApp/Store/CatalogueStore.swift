import Foundation
import GuichetCore
import Postgres

/// SQL for offices, their calendars, departments and services (the service guide).
struct CatalogueStore {
    let connection: PostgresConnection

    private static let officeColumns: PostgresQuery = """
        SELECT code, name_ar, name_fr, name_en, timezone, weekend_days::int8[] AS weekend_days,
               petition_threshold, petition_period_days FROM offices
        """

    private static let serviceColumns: PostgresQuery = """
        SELECT office, code, kind, department, name_ar, name_fr, name_en, description_ar, description_fr,
               description_en, required_documents, response_days, extension_days, fee::text AS fee, fee_currency,
               active FROM services
        """

    func offices() throws -> [Office] {
        try connection.query(Self.officeColumns + " ORDER BY code").map(Office.init(row:))
    }

    func office(_ code: String) throws -> Office? {
        try connection.query(Self.officeColumns + " WHERE code = \(code)").first.map(Office.init(row:))
    }

    /// How a transaction holds an office's row while it relies on (or changes) its calendar.
    enum CalendarLock: String {
        /// Computing deadlines: many at once, but not while the calendar changes.
        case share = " FOR SHARE"
        /// Changing the weekend, time zone or holidays.
        case update = " FOR UPDATE"
    }

    /// The office with its row locked until the transaction ends: deadlines computed under a
    /// `share` lock cannot interleave with a calendar change, so no case escapes recomputation.
    func office(_ code: String, lock: CalendarLock) throws -> Office? {
        try connection.query(Self.officeColumns + " WHERE code = \(code)" + PostgresQuery(unsafeSQL: lock.rawValue))
            .first.map(Office.init(row:))
    }

    func departments(office: String) throws -> [Department] {
        try connection.query(
            "SELECT code, name_ar, name_fr, name_en FROM departments WHERE office = \(office) ORDER BY code"
        ).map { row in
            Department(
                code: try row.decode(column: "code"),
                name: Trilingual(
                    ar: try row.decode(column: "name_ar"), fr: try row.decode(column: "name_fr"),
                    en: try row.decode(column: "name_en")))
        }
    }

    func holidays(office: String) throws -> [Holiday] {
        try connection.query(
            "SELECT date, name_ar, name_fr, name_en FROM holidays WHERE office = \(office) ORDER BY date"
        ).map { row in
            Holiday(
                date: try row.decode(column: "date"),
                name: Trilingual(
                    ar: try row.decode(column: "name_ar"), fr: try row.decode(column: "name_fr"),
                    en: try row.decode(column: "name_en")))
        }
    }

    /// The office's working-day calendar (weekend, holidays named in `language`, time zone).
    func calendar(for office: Office, language: String = "fr") throws -> WorkingCalendar {
        let holidays = try holidays(office: office.code)
        var named: [LocalDate: String] = [:]
        for holiday in holidays { named[holiday.date] = holiday.name.text(in: language) }
        return try WorkingCalendar(
            timeZoneIdentifier: office.timezone,
            weekendDays: Set(office.weekendDays.compactMap(Weekday.init(rawValue:))), holidays: named)
    }

    func services(office: String?, kind: String?, includeInactive: Bool = false) throws -> [Service] {
        var query = Self.serviceColumns + " WHERE true"
        if let office { query.append(" AND office = \(office)") }
        if let kind { query.append(" AND kind = \(kind)") }
        if !includeInactive { query.append(" AND active") }
        query.append(" ORDER BY office, code")
        return try connection.query(query).map(Service.init(row:))
    }

    func service(office: String, code: String) throws -> Service? {
        try connection.query(Self.serviceColumns + " WHERE office = \(office) AND code = \(code)").first.map(
            Service.init(row:))
    }

    func insertOffice(_ office: Office) throws {
        try connection.execute(
            """
            INSERT INTO offices (code, name_ar, name_fr, name_en, timezone, weekend_days, petition_threshold,
                                 petition_period_days)
            VALUES (\(office.code), \(office.name.ar), \(office.name.fr), \(office.name.en), \(office.timezone),
                    \(PostgresArray(office.weekendDays))::smallint[], \(office.petitionThreshold),
                    \(office.petitionPeriodDays))
            """)
    }

    func updateOffice(_ office: Office) throws {
        try connection.execute(
            """
            UPDATE offices SET name_ar = \(office.name.ar), name_fr = \(office.name.fr), name_en = \(office.name.en),
                   timezone = \(office.timezone), weekend_days = \(PostgresArray(office.weekendDays))::smallint[],
                   petition_threshold = \(office.petitionThreshold), petition_period_days = \(office.petitionPeriodDays)
             WHERE code = \(office.code)
            """)
    }

    func insertDepartment(office: String, _ department: Department) throws {
        try connection.execute(
            """
            INSERT INTO departments (office, code, name_ar, name_fr, name_en)
            VALUES (\(office), \(department.code), \(department.name.ar), \(department.name.fr), \(department.name.en))
            """)
    }

    /// Adds or renames a holiday; returns whether the set of closed dates changed.
    @discardableResult
    func upsertHoliday(office: String, _ holiday: Holiday) throws -> Bool {
        let existed =
            try connection.query(
                "SELECT 1 FROM holidays WHERE office = \(office) AND date = \(holiday.date)"
            ).count > 0
        try connection.execute(
            """
            INSERT INTO holidays (office, date, name_ar, name_fr, name_en)
            VALUES (\(office), \(holiday.date), \(holiday.name.ar), \(holiday.name.fr), \(holiday.name.en))
            ON CONFLICT (office, date) DO UPDATE
               SET name_ar = excluded.name_ar, name_fr = excluded.name_fr, name_en = excluded.name_en
            """)
        return !existed
    }

    func deleteHoliday(office: String, date: LocalDate) throws -> Bool {
        try connection.execute("DELETE FROM holidays WHERE office = \(office) AND date = \(date)") > 0
    }

    func insertService(_ service: Service) throws {
        try connection.execute(
            """
            INSERT INTO services (office, code, kind, department, name_ar, name_fr, name_en, description_ar,
                                  description_fr, description_en, required_documents, response_days,
                                  extension_days, fee, fee_currency, active)
            VALUES (\(service.office), \(service.code), \(service.kind.rawValue), \(service.department),
                    \(service.name.ar), \(service.name.fr), \(service.name.en), \(service.description.ar),
                    \(service.description.fr), \(service.description.en),
                    \(PostgresJSON(service.requiredDocuments)), \(service.responseDays), \(service.extensionDays),
                    \(service.fee.amount)::numeric, \(service.fee.currency), \(service.active))
            """)
    }

    func updateService(_ service: Service) throws {
        try connection.execute(
            """
            UPDATE services SET kind = \(service.kind.rawValue), department = \(service.department),
                   name_ar = \(service.name.ar), name_fr = \(service.name.fr), name_en = \(service.name.en),
                   description_ar = \(service.description.ar), description_fr = \(service.description.fr),
                   description_en = \(service.description.en),
                   required_documents = \(PostgresJSON(service.requiredDocuments)),
                   response_days = \(service.responseDays), extension_days = \(service.extensionDays),
                   fee = \(service.fee.amount)::numeric, fee_currency = \(service.fee.currency),
                   active = \(service.active), updated_at = now()
             WHERE office = \(service.office) AND code = \(service.code)
            """)
    }
}
