import Foundation
import GuichetCore
import HTTPServer

/// How a submission's first answer is kept for retries without keeping the tracking key in clear:
/// the idempotency key is stored only as an HMAC, and the tracking key is XOR-sealed with a pad
/// derived from the idempotency key, which only the client knows.
struct IdempotencySeal {
    let key: String
    let office: String
    let secret: [UInt8]

    /// What the database holds instead of the client's key.
    var storedKey: String {
        Hex.encode(HMACSHA256.authenticationCode(key: secret, message: Array("idempotency:\(office):\(key)".utf8)))
    }

    func requestHash(_ body: [UInt8]) -> [UInt8] { SHA256.hash(body) }

    private var pad: [UInt8] {
        HMACSHA256.authenticationCode(key: Array(key.utf8), message: Array("seal:\(office)".utf8) + secret)
    }

    func seal(_ response: SubmissionResponse) throws -> String {
        var stored = response
        stored.trackingKey = Hex.encode(zip(Array(response.trackingKey.utf8), pad).map { $0 ^ $1 })
        return String(decoding: try JSONCoding.encoder.encode(stored), as: UTF8.self)
    }

    func open(_ text: String) throws -> SubmissionResponse {
        var response = try JSONCoding.decoder.decode(SubmissionResponse.self, from: Data(text.utf8))
        response.trackingKey = String(
            decoding: zip(Hex.decode(response.trackingKey), pad).map { $0 ^ $1 }, as: UTF8.self)
        return response
    }
}

/// The JSON conventions of the API: snake_case keys, RFC 3339 dates without fractions, sorted
/// keys (stable bytes for tests and caches).
enum JSONCoding {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()
}
