/// Builds the data codeword sequence of a byte-mode symbol (ISO/IEC 18004:2015, section 7.4):
/// mode indicator, character count, the bytes, terminator, and pad codewords.
enum QRDataEncoder {
    /// Mode indicator of byte mode (table 2).
    private static let byteModeIndicator = 0b0100

    /// Width of the character count indicator in byte mode (table 3): 8 bits up to version 9, 16 beyond.
    static func countIndicatorBits(version: Int) -> Int { version <= 9 ? 8 : 16 }

    /// Whether `byteCount` bytes fit in one byte-mode segment of this version and level.
    static func fits(byteCount: Int, version: Int, level: QRCode.ErrorCorrection) -> Bool {
        let countBits = countIndicatorBits(version: version)
        guard byteCount < 1 << countBits else { return false }
        let needed = 4 + countBits + 8 * byteCount
        return needed <= QRVersion.dataCodewords(version, level) * 8
    }

    /// The data codewords, exactly `QRVersion.dataCodewords(version, level)` of them.
    ///
    /// The caller has checked `fits`; the bit stream is then completed as section 7.4.9 says:
    /// a terminator of up to four zero bits, zeros to the byte boundary, then the pad
    /// codewords 11101100 and 00010001 alternately.
    static func dataCodewords(_ bytes: [UInt8], version: Int, level: QRCode.ErrorCorrection) -> [UInt8] {
        let capacityBits = QRVersion.dataCodewords(version, level) * 8
        var bits = BitWriter()
        bits.append(byteModeIndicator, count: 4)
        bits.append(bytes.count, count: countIndicatorBits(version: version))
        for byte in bytes { bits.append(Int(byte), count: 8) }
        bits.append(0, count: min(4, capacityBits - bits.count))
        bits.append(0, count: (8 - bits.count % 8) % 8)
        var codewords = bits.bytes
        var pad: UInt8 = 0xEC
        while codewords.count * 8 < capacityBits {
            codewords.append(pad)
            pad = pad == 0xEC ? 0x11 : 0xEC
        }
        return codewords
    }
}
