/// A set of bytes named after an ABNF rule of RFC 9110/9112: a 256-entry lookup table stored as
/// one bit per byte value (four 64-bit words), the way picohttpparser uses `token_char_map`.
///
/// The words are literals, not computed, so the tables are constants the optimiser can fold into
/// the scanning loops (no lazy global initialisation on the hot path). `ByteClassTests` rebuilds
/// every table from the RFC's character lists and checks the literals against them.
struct ByteClass: Sendable, Equatable {
    /// Bytes 0x00–0x3F.
    let low: UInt64
    /// Bytes 0x40–0x7F.
    let high: UInt64
    /// Bytes 0x80–0xBF.
    let obsLow: UInt64
    /// Bytes 0xC0–0xFF.
    let obsHigh: UInt64

    /// A table from its four words, lowest byte values first.
    init(_ low: UInt64, _ high: UInt64, _ obsLow: UInt64, _ obsHigh: UInt64) {
        self.low = low
        self.high = high
        self.obsLow = obsLow
        self.obsHigh = obsHigh
    }

    /// A table holding exactly the given bytes (used by tests to check the literals).
    init(containing bytes: some Sequence<UInt8>) {
        var words: [UInt64] = [0, 0, 0, 0]
        for byte in bytes { words[Int(byte >> 6)] |= 1 << UInt64(byte & 63) }
        self.init(words[0], words[1], words[2], words[3])
    }

    /// Whether `byte` belongs to the rule.
    @inline(__always)
    func contains(_ byte: UInt8) -> Bool {
        // Selects rather than switches, so the compiler can use conditional moves: a four-way
        // branch per byte cost 11 instructions a byte in the response encoder's name check.
        let word = byte < 0x80 ? (byte < 0x40 ? low : high) : (byte < 0xC0 ? obsLow : obsHigh)
        return word &>> UInt64(byte & 63) & 1 != 0
    }

    /// `tchar` (RFC 9110 §5.6.2): the bytes of a `token` — method names and field names.
    /// `!#$%&'*+-.^_`|~`, digits and ASCII letters.
    static let tchar = ByteClass(0x03FF_6CFA_0000_0000, 0x57FF_FFFF_C7FF_FFFE, 0, 0)

    /// `field-content` bytes (RFC 9110 §5.5): `field-vchar` (VCHAR / obs-text) plus SP and HTAB inside
    /// a value. Every other control byte, NUL, CR, LF and DEL are excluded.
    static let fieldContent = ByteClass(
        0xFFFF_FFFF_0000_0200, 0x7FFF_FFFF_FFFF_FFFF, 0xFFFF_FFFF_FFFF_FFFF, 0xFFFF_FFFF_FFFF_FFFF)

    /// Bytes allowed in a `request-target` (RFC 9112 §3.2): VCHAR only. Control bytes, SP and DEL end
    /// or break the request line; obs-text has no place in a URI (RFC 3986 needs percent-encoding).
    static let requestTarget = ByteClass(0xFFFF_FFFE_0000_0000, 0x7FFF_FFFF_FFFF_FFFF, 0, 0)

    /// `HEXDIG` (RFC 5234 B.1, case-insensitive as RFC 9112 §7.1 `chunk-size` uses it).
    static let hexDigit = ByteClass(0x03FF_0000_0000_0000, 0x0000_007E_0000_007E, 0, 0)
}

/// Byte constants the parsers compare against, named for readability.
enum ASCII {
    static let cr = UInt8(ascii: "\r")
    static let lf = UInt8(ascii: "\n")
    static let sp = UInt8(ascii: " ")
    static let htab = UInt8(ascii: "\t")
    static let colon = UInt8(ascii: ":")
    static let semicolon = UInt8(ascii: ";")
    static let comma = UInt8(ascii: ",")
    static let zero = UInt8(ascii: "0")
    static let nine = UInt8(ascii: "9")
}
