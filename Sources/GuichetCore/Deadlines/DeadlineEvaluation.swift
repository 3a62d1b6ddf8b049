/// The result of running a timeline through a ``DeadlineCalculator``: the state and its explanation.
public struct DeadlineEvaluation: Sendable, Hashable, Codable {
    /// Where the deadline stands.
    public let state: DeadlineState
    /// Why it is there.
    public let explanation: DeadlineExplanation
}
