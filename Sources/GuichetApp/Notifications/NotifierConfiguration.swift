import Foundation

/// Where and how the delivery worker sends notifications. With neither a relay nor a gateway the
/// outbox is still written (another instance, or this one once configured, delivers it later).
public struct NotifierConfiguration: Sendable {
    /// A `host:port` to connect to.
    public struct Endpoint: Sendable, Equatable {
        /// Host name or address.
        public var host: String
        /// TCP port.
        public var port: Int
    }

    /// A plain-HTTP endpoint: host, port and request path.
    public struct HTTPEndpoint: Sendable, Equatable {
        /// Host name or address.
        public var host: String
        /// TCP port.
        public var port: Int
        /// Request target (`/send`).
        public var path: String
    }

    /// Why a notifier URL or address was refused at start-up.
    public struct ConfigurationError: Error, CustomStringConvertible {
        /// What is wrong, naming the flag.
        public var description: String
    }

    /// The SMTP relay (`--smtp-url smtp://host:port`).
    public var smtp: Endpoint?
    /// The envelope and `From:` address (`--mail-from`), required with a relay.
    public var mailFrom = ""
    /// The SMS gateway (`--sms-gateway-url http://host:port/path`).
    public var smsGateway: HTTPEndpoint?
    /// Run the delivery worker in this instance (`--no-notifier` turns it off).
    public var enabled = true
    /// How long a claimed message is reserved for one attempt; longer than any attempt can take.
    public var leaseSeconds = 120
    /// The first retry waits this long; each next one twice as long, at most an hour.
    public var retryBaseSeconds = 30
    /// Attempts before a message is given up as `failed`.
    public var maxAttempts = 8
    /// Connect, read and write timeout for each step of an attempt.
    public var timeoutSeconds: Double = 10
    /// How often an idle worker looks for due messages.
    public var pollSeconds: Double = 1

    /// Nothing configured, worker on.
    public init() {}

    /// The channels this instance can deliver.
    var channels: [NotificationChannel] {
        (smtp == nil ? [] : [.email]) + (smsGateway == nil ? [] : [.sms])
    }

    /// The wait before attempt `attempt + 1`: base × 2^(attempt − 1), at most an hour.
    func retryDelay(afterAttempt attempt: Int) -> Double {
        min(3600, Double(retryBaseSeconds) * pow(2, Double(max(0, min(attempt - 1, 20)))))
    }

    /// `smtp://host[:port]` (port 25 by default).
    public static func parseSMTP(_ text: String) throws(ConfigurationError) -> Endpoint {
        guard let url = URLComponents(string: text), url.scheme == "smtp", let host = url.host, !host.isEmpty,
            url.path.isEmpty || url.path == "/"
        else {
            throw ConfigurationError(
                description: "--smtp-url must look like smtp://host:port (no TLS: use a local relay)")
        }
        return Endpoint(host: host, port: url.port ?? 25)
    }

    /// `http://host[:port][/path]` (port 80 and path `/` by default).
    public static func parseGateway(_ text: String) throws(ConfigurationError) -> HTTPEndpoint {
        guard let url = URLComponents(string: text), url.scheme == "http", let host = url.host, !host.isEmpty else {
            throw ConfigurationError(
                description: "--sms-gateway-url must look like http://host:port/path (no TLS: use a local proxy)")
        }
        let path = url.percentEncodedPath.isEmpty ? "/" : url.percentEncodedPath
        let query = url.percentEncodedQuery.map { "?" + $0 } ?? ""
        return HTTPEndpoint(host: host, port: url.port ?? 80, path: path + query)
    }

    /// Checks `--mail-from`.
    public static func validateMailFrom(_ address: String) throws(ConfigurationError) {
        guard MailMessage.isUsableAddress(address) else {
            throw ConfigurationError(description: "--mail-from must be one address like guichet@example.tn")
        }
    }
}
