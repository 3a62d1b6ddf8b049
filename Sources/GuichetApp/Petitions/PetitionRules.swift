import GuichetCore

/// What staff may do to a petition by hand. GuichetCore's ``StatusTransition`` allows a petition
/// collecting signatures to move to `received` and `lapsed` because the system does exactly that;
/// but a person choosing either would override the citizens' count or the office's period, so by
/// hand only `withdrawn` (the author's request) leaves `collecting_signatures`.
enum PetitionRules {
    /// The statuses staff may move a case in `status` to.
    static func staffTargets(from status: CaseStatus) -> Set<CaseStatus> {
        status == .collectingSignatures ? [.withdrawn] : StatusTransition.targets(from: status)
    }

    /// Throws `409 invalid_transition`, listing what staff may choose, when a collecting petition
    /// is asked to move anywhere but `withdrawn`; other cases are left to ``StatusTransition``.
    static func checkStaffTransition(from: CaseStatus, to: CaseStatus) throws {
        guard from != .collectingSignatures || staffTargets(from: from).contains(to) else {
            throw Problems.invalidTransition(
                from: from, to: to, allowed: staffTargets(from: from),
                reason: "A petition leaves collecting_signatures by its count or its period; by hand only withdrawn.")
        }
    }
}
