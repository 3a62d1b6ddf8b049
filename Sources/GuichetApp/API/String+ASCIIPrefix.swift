extension String {
    /// Whether the string starts with `prefix`, ASCII letters compared in any case (HTTP schemes and
    /// media types are case-insensitive). `prefix` is lowercase; other bytes must match exactly.
    /// Byte by byte, without lowercasing a copy: it runs on every response and staff request.
    func hasPrefixIgnoringASCIICase(_ prefix: StaticString) -> Bool {
        prefix.withUTF8Buffer { expected in
            let bytes = utf8
            guard bytes.count >= expected.count else { return false }
            return zip(bytes, expected).allSatisfy { byte, wanted in
                byte == wanted || (wanted >= UInt8(ascii: "a") && wanted <= UInt8(ascii: "z") && byte | 0x20 == wanted)
            }
        }
    }
}
