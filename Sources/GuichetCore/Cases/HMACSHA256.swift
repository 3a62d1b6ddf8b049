/// HMAC with SHA-256 (RFC 2104), checked against RFC 4231's test vectors.
///
/// The server stores `HMAC(serverSecret, trackingKey)` rather than the key: a database leak alone
/// does not let anyone track cases, and without the secret the 40-bit keys cannot be brute-forced offline.
public enum HMACSHA256 {
    /// The MAC of `message` under `key`: 32 bytes.
    public static func authenticationCode(key: some Sequence<UInt8>, message: some Sequence<UInt8>) -> [UInt8] {
        Key(key).authenticationCode(message)
    }

    /// A key with its padded blocks already hashed: a MAC under it costs two compressions, not
    /// four (the tracking look-up checks one key per request under the same server secret).
    public struct Key: Sendable {
        private let inner: SHA256
        private let outer: SHA256

        /// Prepares `key` (hashed first when longer than a block, as RFC 2104 says).
        public init(_ key: some Sequence<UInt8>) {
            var keyBlock = Array(key)
            if keyBlock.count > SHA256.blockByteCount { keyBlock = SHA256.hash(keyBlock) }
            keyBlock += [UInt8](repeating: 0, count: SHA256.blockByteCount - keyBlock.count)
            var inner = SHA256()
            inner.update(keyBlock.map { $0 ^ 0x36 })
            var outer = SHA256()
            outer.update(keyBlock.map { $0 ^ 0x5c })
            self.inner = inner
            self.outer = outer
        }

        /// The MAC of `message`: 32 bytes.
        public func authenticationCode(_ message: some Sequence<UInt8>) -> [UInt8] {
            var inner = self.inner
            inner.update(message)
            var outer = self.outer
            outer.update(inner.finalize())
            return outer.finalize()
        }
    }
}
