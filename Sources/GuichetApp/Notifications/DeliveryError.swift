import HTTPServer

/// Why one delivery attempt failed. Its description names the stage and the code only — never a
/// relay's reply text or an address, which could quote personal data into the outbox and the log.
enum DeliveryError: Error, CustomStringConvertible {
    /// The relay or gateway could not be reached or the connection broke before the point of no return.
    case network(stage: String, SystemError)
    /// The SMTP relay answered `code` at `stage` (`RCPT`, `DATA`, end of data).
    case smtpReply(stage: String, code: Int)
    /// A reply that is not SMTP or HTTP.
    case malformedReply(stage: String)
    /// The gateway answered with this HTTP status.
    case httpStatus(Int)
    /// An address the message cannot safely be sent to (control characters, angle brackets).
    case unusableAddress
    /// The connection broke after the end of the message was sent: the relay may have it.
    case outcomeUnknown(SystemError)
    /// The claim on the row ran out before the point of no return; another worker has it now.
    case claimLost

    /// Whether trying again cannot help (a 5xx reply, a 4xx from the gateway other than 408 and 429,
    /// an unusable address).
    var isPermanent: Bool {
        switch self {
        case .smtpReply(_, let code): code >= 500
        case .httpStatus(let status): status >= 400 && status < 500 && status != 408 && status != 429
        case .unusableAddress: true
        case .network, .malformedReply, .outcomeUnknown, .claimLost: false
        }
    }

    var description: String {
        switch self {
        case .network(let stage, let error): "\(stage): \(error)"
        case .smtpReply(let stage, let code): "smtp \(stage) \(code)"
        case .malformedReply(let stage): "\(stage): malformed reply"
        case .httpStatus(let status): "gateway HTTP \(status)"
        case .unusableAddress: "unusable address"
        case .outcomeUnknown(let error): "after end of data: \(error)"
        case .claimLost: "claim lost"
        }
    }
}
