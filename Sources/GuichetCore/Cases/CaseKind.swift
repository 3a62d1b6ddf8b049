/// What a citizen is asking for; each service in the catalogue has one kind.
///
/// Raw values are the API's snake_case spellings.
public enum CaseKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// An administrative application: an extract, a permit, a legalisation.
    case application
    /// A complaint about a service or an agent.
    case complaint
    /// A petition: collects signatures before the office must answer it.
    case petition
    /// An access-to-information request.
    case informationRequest = "information_request"
    /// A suggestion to the municipality.
    case suggestion

    /// The status a new case of this kind starts in: petitions first collect signatures.
    public var initialStatus: CaseStatus {
        self == .petition ? .collectingSignatures : .received
    }
}
