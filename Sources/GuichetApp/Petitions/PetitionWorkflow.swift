import Foundation
import GuichetCore
import HTTPServer
import Postgres

/// What a signature carries: the signer's name and identity number (CIN, CNIE).
struct SignatureRequest: Decodable, Sendable {
    var name: String?
    var nationalId: String?
}

/// What signing answers: the count, never who signed.
struct SignatureReceipt: Codable, Sendable {
    var reference: String
    var status: String
    var signatures: Int
    var threshold: Int
}

extension CaseWorkflow {
    /// Opens a new petition's collection, inside the filing transaction: the office's threshold and
    /// period are copied, and the collection ends when the office's local day `period` days after
    /// the filing day ends (a whole last day, whatever the hour it was filed).
    func openPetition(
        reference: String, office: Office, calendar: WorkingCalendar, receivedAt: Date, connection: PostgresConnection
    ) throws {
        let lastDay = calendar.localDate(of: receivedAt).adding(days: office.petitionPeriodDays)
        try PetitionStore(connection: connection).open(
            office: office.code, reference: reference, threshold: office.petitionThreshold,
            collectionEndsAt: calendar.endOfDay(lastDay))
    }

    /// The keyed hash a signer's identity number is stored as. The petition's reference is part of
    /// the message, so one person's signatures on different petitions hash differently and cannot
    /// be linked from the database; the secret keeps the 10⁸ possible numbers from being tried.
    func signatureHash(reference: String, nationalId: String) -> [UInt8] {
        HMACSHA256.authenticationCode(
            key: secret, message: Array("petition-signature\u{1F}\(reference)\u{1F}\(nationalId)".utf8))
    }

    /// An anonymous signature (the API and the petition page), limited per client address like
    /// filing. Every attempt counts, refused ones included: a `409 already_signed` tells whether a
    /// number signed, so guessing numbers must stay as expensive as signing.
    func signOnline(_ reference: String, _ request: SignatureRequest, client: String) throws -> SignatureReceipt {
        try database.read { connection in
            try RateLimiter(connection: connection).reserve(limits.signatures, client: client, now: clock.now())
        }
        return try sign(reference, request, user: nil)
    }

    /// Records a signature, online (`user` nil, channel web) or at the desk (channel desk), and
    /// moves the petition to `received` — its deadline starts — when it reaches its threshold.
    /// The case row is locked first, so concurrent signers are counted one after another and the
    /// move happens exactly once.
    func sign(_ reference: String, _ request: SignatureRequest, user: StaffUser?) throws -> SignatureReceipt {
        let (name, nationalId) = try Self.validatedSignature(request)
        let now = clock.now()
        return try database.write { connection in
            let record: CaseRecord
            if let user {
                record = try lockedCase(reference, user: user, connection: connection)
            } else {
                guard let parsed = CaseReference(parsing: reference),
                    let found = try CaseStore(connection: connection).fetch(
                        office: parsed.office.rawValue, reference: reference, forUpdate: true)
                else { throw Problems.notFound("petition") }
                record = found
            }
            let store = PetitionStore(connection: connection)
            guard record.kind == .petition,
                let collection = try store.collection(office: record.office, reference: record.reference)
            else { throw Problems.notFound("petition") }
            // Past the end the petition is lapsed in all but the sweeper's record of it.
            guard record.status == .collectingSignatures, now < collection.collectionEndsAt else {
                throw Problems.notCollecting
            }
            guard
                try store.addSignature(
                    office: record.office, reference: record.reference,
                    nationalIdHash: signatureHash(reference: record.reference, nationalId: nationalId), name: name,
                    channel: user == nil ? "web" : "desk", collectedBy: user?.username, at: now)
            else { throw Problems.alreadySigned }
            let count = collection.signatures + 1
            var status = record.status
            if count >= collection.threshold {
                status = .received
                try self.record(
                    CaseEvent(
                        seq: 0, at: now, actor: "system", type: "status_changed",
                        fromStatus: CaseStatus.collectingSignatures.rawValue, toStatus: CaseStatus.received.rawValue,
                        isPublic: true,
                        publicMessage:
                            "The petition reached \(collection.threshold) signatures; the office now owes an answer.",
                        data: ["signatures": String(count)]),
                    on: record, newStatus: .received, connection: connection)
            }
            return SignatureReceipt(
                reference: record.reference, status: status.rawValue, signatures: count,
                threshold: collection.threshold)
        }
    }

    /// Moves every petition of `office` whose collection ended below its threshold to `lapsed`,
    /// once: each is re-checked under its row lock, so with several sweeping instances only the
    /// first records the change.
    func lapseExpiredPetitions(office: String, now: Date) throws -> Int {
        let expired = try database.read { connection in
            try PetitionStore(connection: connection).expired(office: office, now: now)
        }
        var lapsed = 0
        for reference in expired {
            let done = try database.write { connection -> Bool in
                guard
                    let record = try CaseStore(connection: connection).fetch(
                        office: office, reference: reference, forUpdate: true),
                    record.status == .collectingSignatures,
                    let collection = try PetitionStore(connection: connection).collection(
                        office: office, reference: reference),
                    collection.collectionEndsAt <= now
                else { return false }
                try self.record(
                    CaseEvent(
                        seq: 0, at: now, actor: "system", type: "status_changed",
                        fromStatus: CaseStatus.collectingSignatures.rawValue, toStatus: CaseStatus.lapsed.rawValue,
                        isPublic: true,
                        publicMessage:
                            "The signature period ended with \(collection.signatures) of \(collection.threshold) signatures.",
                        data: ["signatures": String(collection.signatures)]),
                    on: record, newStatus: .lapsed, connection: connection)
                return true
            }
            if done { lapsed += 1 }
        }
        return lapsed
    }

    /// A signer's name (one line, 1–200 characters) and identity number (up to two letters then 5
    /// to 10 digits, spaces ignored, letters upper-cased so one person cannot sign twice by
    /// spelling it differently).
    static func validatedSignature(_ request: SignatureRequest) throws -> (name: String, nationalId: String) {
        var issues: [ValidationError.Issue] = []
        let name = try optionalText(request.name, field: "name", limit: 200)
        if name == nil {
            issues.append(.init(field: "name", code: .required, message: "name is required"))
        } else if name?.contains(where: \.isNewline) == true {
            issues.append(.init(field: "name", code: .invalidFormat, message: "name must be one line"))
        }
        let id = (request.nationalId ?? "").filter { !$0.isWhitespace }.uppercased()
        if id.isEmpty {
            issues.append(.init(field: "national_id", code: .required, message: "national_id is required"))
        } else if !CaseValidation.isNationalId(id) {
            issues.append(
                .init(
                    field: "national_id", code: .invalidFormat,
                    message: "national_id must be up to two letters then 5 to 10 digits"))
        }
        guard issues.isEmpty, let name else { throw Problems.validation(ValidationError(issues: issues)) }
        return (name, id)
    }
}
