import Foundation
import HTTPServer

/// The reverse proxies whose `X-Forwarded-For` and `X-Forwarded-Proto` this server believes
/// (`--trusted-proxy CIDR`). Anyone can send those headers; only a proxy we run can vouch for them,
/// so they are read only when the TCP peer is inside one of these networks. Otherwise a client could
/// pick a new address per request and escape every per-address rate limit.
public struct TrustedProxies: Sendable, Equatable {
    /// One network, `10.0.0.0/8` or `::1/128`, as 16 bytes (IPv4 as IPv4-mapped IPv6) and a prefix length.
    public struct Network: Sendable, Equatable, CustomStringConvertible {
        let address: [UInt8]
        let prefixLength: Int

        /// Parses `192.168.0.0/16`, `fd00::/8`, or a bare address (a single host).
        public init?(_ text: Substring) {
            let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
            guard let address = IPAddress.parse(parts[0]) else { return nil }
            let isIPv4 = !parts[0].contains(":")
            let maximum = isIPv4 ? 32 : 128
            var length = maximum
            if parts.count == 2 {
                guard let given = Int(parts[1]), (0...maximum).contains(given), parts[1].allSatisfy(\.isASCII) else {
                    return nil
                }
                length = given
            }
            self.address = address
            // IPv4 networks live in the last 32 bits of the mapped form.
            prefixLength = isIPv4 ? length + 96 : length
        }

        /// Whether `candidate` (16 bytes) lies in this network.
        func contains(_ candidate: [UInt8]) -> Bool {
            var remaining = prefixLength
            for index in 0..<16 where remaining > 0 {
                let bits = min(8, remaining)
                let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - bits))
                if address[index] & mask != candidate[index] & mask { return false }
                remaining -= bits
            }
            return true
        }

        /// The network in CIDR notation, for the start-up log.
        public var description: String {
            let isIPv4 = address[0..<12] == IPAddress.mappedPrefix[0..<12]
            if isIPv4 {
                return address[12..<16].map(String.init).joined(separator: ".") + "/\(prefixLength - 96)"
            }
            let groups = stride(from: 0, to: 16, by: 2).map {
                String(UInt16(address[$0]) << 8 | UInt16(address[$0 + 1]), radix: 16)
            }
            return groups.joined(separator: ":") + "/\(prefixLength)"
        }
    }

    /// The networks; empty trusts no one (the default: forwarding headers are ignored).
    public private(set) var networks: [Network] = []

    /// No trusted proxy.
    public init() {}

    /// Parses a comma-separated list of networks (`--trusted-proxy 10.0.0.0/8,127.0.0.1`); nil names
    /// the first entry that is not one, so a typo stops the server instead of trusting nobody silently.
    public static func parse(_ lists: [String]) -> Result<TrustedProxies, InvalidNetwork> {
        var proxies = TrustedProxies()
        for list in lists {
            for entry in list.split(separator: ",") {
                let trimmed = entry.trimmingCharacters(in: .whitespaces)
                if trimmed.isEmpty { continue }
                guard let network = Network(Substring(trimmed)) else { return .failure(InvalidNetwork(text: trimmed)) }
                proxies.networks.append(network)
            }
        }
        return .success(proxies)
    }

    /// An entry of `--trusted-proxy` that is not an address or a CIDR network.
    public struct InvalidNetwork: Error, CustomStringConvertible {
        /// The entry as given (configuration, not client input).
        public let text: String
        /// `not a network: "10.0.0/33"`.
        public var description: String { "not an IP address or CIDR network: \"\(text)\"" }
    }

    /// Whether `address` (text, as the server reports a peer) is a trusted proxy.
    public func trusts(_ address: Substring) -> Bool {
        guard !networks.isEmpty, let bytes = IPAddress.parse(address) else { return false }
        return networks.contains { $0.contains(bytes) }
    }

    /// Where a request really comes from.
    public struct Origin: Sendable, Equatable {
        /// The client's address: the TCP peer, or the rightmost untrusted hop of `X-Forwarded-For`.
        public var client: String
        /// Whether a trusted proxy says the client spoke HTTPS to it.
        public var forwardedHTTPS: Bool
    }

    /// Resolves the client of a request from `peer` and its forwarding headers. The headers count only
    /// when `peer` is trusted (most requests come straight in, and their headers are not even read);
    /// then `X-Forwarded-For` is read from the right (each proxy appends the address it saw), skipping
    /// trusted hops: the first untrusted one is the client. Entries further left were written by the
    /// client itself and prove nothing. A hop that is not an address stops the walk at the last proxy
    /// we trust, the stricter bucket for rate limits.
    public func origin(peer: String, headers: HeaderFields) -> Origin {
        guard trusts(Substring(peer)) else { return Origin(client: peer, forwardedHTTPS: false) }
        let forwardedFor = headers.values("X-Forwarded-For")
        let forwardedProto = headers.values("X-Forwarded-Proto")
        let proto = forwardedProto.flatMap { $0.split(separator: ",") }.last
        let https = proto.map { $0.trimmingCharacters(in: .whitespaces).lowercased() == "https" } ?? false
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }.map {
            Substring($0.trimmingCharacters(in: .whitespaces))
        }
        var client = peer
        for hop in hops.reversed() {
            let address = IPAddress.stripPort(hop)
            guard IPAddress.parse(address) != nil else { break }
            client = String(address)
            if !trusts(address) { break }
        }
        return Origin(client: client, forwardedHTTPS: https)
    }
}
