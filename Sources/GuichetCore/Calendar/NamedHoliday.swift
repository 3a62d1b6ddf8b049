/// A holiday as shown in an explanation: its date and the name the office gave it.
public struct NamedHoliday: Sendable, Hashable, Codable {
    /// The holiday's date.
    public let date: LocalDate
    /// The holiday's name, e.g. "Fête de l'Évacuation".
    public let name: String

    /// Makes a named holiday.
    public init(date: LocalDate, name: String) {
        self.date = date
        self.name = name
    }
}
