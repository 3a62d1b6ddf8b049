/// Reed–Solomon error correction over GF(2⁸) as QR codes use it (ISO/IEC 18004:2015,
/// section 7.5.2, "Generating the error correction codewords", and annex A): field polynomial
/// x⁸ + x⁴ + x³ + x² + 1 (0x11D), generator polynomial ∏ (x − αⁱ) for i = 0 … n − 1.
enum ReedSolomon {
    /// αⁱ for i = 0 … 254, and the inverse table; `exp` is doubled so a product needs no modulo.
    private static let tables: (exp: [UInt8], log: [Int]) = {
        var exp = [UInt8](repeating: 0, count: 512)
        var log = [Int](repeating: 0, count: 256)
        var value = 1
        for power in 0..<255 {
            exp[power] = UInt8(value)
            log[value] = power
            value <<= 1
            if value & 0x100 != 0 { value ^= 0x11D }
        }
        for power in 255..<512 { exp[power] = exp[power - 255] }
        return (exp, log)
    }()

    /// Product in GF(2⁸).
    static func multiply(_ a: UInt8, _ b: UInt8) -> UInt8 {
        guard a != 0, b != 0 else { return 0 }
        return tables.exp[tables.log[Int(a)] + tables.log[Int(b)]]
    }

    /// Coefficients of the generator polynomial of `degree`, highest power first, the leading 1 omitted.
    static func generator(degree: Int) -> [UInt8] {
        var coefficients: [UInt8] = [1]
        for power in 0..<degree {
            // Multiply by (x − α^power); in GF(2⁸) subtraction is XOR.
            var next = [UInt8](repeating: 0, count: coefficients.count + 1)
            for (index, coefficient) in coefficients.enumerated() {
                next[index] ^= coefficient
                next[index + 1] ^= multiply(coefficient, tables.exp[power])
            }
            coefficients = next
        }
        return Array(coefficients.dropFirst())
    }

    /// The remainder of data(x)·xⁿ divided by the generator: the n error-correction codewords.
    static func remainder(_ data: [UInt8], generator: [UInt8]) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: generator.count)
        for byte in data {
            let factor = byte ^ result[0]
            result.removeFirst()
            result.append(0)
            for index in generator.indices {
                result[index] ^= multiply(generator[index], factor)
            }
        }
        return result
    }

    /// Splits the data codewords into blocks, appends each block's error correction, and
    /// interleaves them into the final sequence (section 7.6, "Constructing the final message
    /// codeword sequence").
    ///
    /// Table 9 gives short blocks first and long blocks (one more data codeword) after; the
    /// data codewords are read column by column across blocks, then the error-correction ones.
    static func interleavedCodewords(_ data: [UInt8], version: Int, level: QRCode.ErrorCorrection) -> [UInt8] {
        let blockCount = QRVersion.blockCount(version, level)
        let ecLength = QRVersion.ecCodewordsPerBlock(version, level)
        let shortLength = data.count / blockCount
        let longBlocks = data.count % blockCount
        let shortBlocks = blockCount - longBlocks
        let generator = generator(degree: ecLength)

        var dataBlocks: [[UInt8]] = []
        var ecBlocks: [[UInt8]] = []
        var start = 0
        for block in 0..<blockCount {
            let length = shortLength + (block < shortBlocks ? 0 : 1)
            let slice = Array(data[start..<start + length])
            start += length
            dataBlocks.append(slice)
            ecBlocks.append(remainder(slice, generator: generator))
        }

        var result: [UInt8] = []
        result.reserveCapacity(QRVersion.totalCodewords(version))
        for column in 0...shortLength {
            for block in dataBlocks where column < block.count {
                result.append(block[column])
            }
        }
        for column in 0..<ecLength {
            for block in ecBlocks {
                result.append(block[column])
            }
        }
        return result
    }
}
