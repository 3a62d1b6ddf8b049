/// Per-version capacity facts of QR Code Model 2: codeword counts, block structure and
/// alignment pattern centres (ISO/IEC 18004:2015, tables 1, 9 and annex E).
enum QRVersion {
    /// Every version this encoder supports: all of Model 2.
    static let range = 1...40

    /// Modules per side (section 5.3.1, "Versions"): 21 for version 1, four more per version.
    static func size(_ version: Int) -> Int { 17 + 4 * version }

    /// Codewords in the symbol, data and error correction together (table 1).
    ///
    /// Computed rather than tabulated: the module count minus the function patterns (finders with
    /// separators and format areas, timing, alignment, version information), then divided by 8 —
    /// the leftover 0…7 modules are the remainder bits of section 7.7.3.
    static func totalCodewords(_ version: Int) -> Int {
        var modules = (16 * version + 128) * version + 64
        if version >= 2 {
            let alignmentCount = version / 7 + 2
            // Alignment patterns (25 modules each), less the ones overlapping the timing patterns.
            modules -= (25 * alignmentCount - 10) * alignmentCount - 55
            if version >= 7 { modules -= 36 }  // two 6×3 version information blocks
        }
        return modules / 8
    }

    /// Error-correction codewords per block (table 9); every block of a version and level has the same count.
    static func ecCodewordsPerBlock(_ version: Int, _ level: QRCode.ErrorCorrection) -> Int {
        ecPerBlock[level.tableIndex][version]
    }

    /// Number of error-correction blocks (table 9), short blocks and long blocks together.
    static func blockCount(_ version: Int, _ level: QRCode.ErrorCorrection) -> Int {
        blocks[level.tableIndex][version]
    }

    /// Data codewords the symbol carries at this level.
    static func dataCodewords(_ version: Int, _ level: QRCode.ErrorCorrection) -> Int {
        totalCodewords(version) - ecCodewordsPerBlock(version, level) * blockCount(version, level)
    }

    /// Row and column coordinates of alignment pattern centres (annex E, table E.1).
    ///
    /// The table is regular: the first centre is at 6, the last at `size - 7`, and the others
    /// are evenly spaced by an even step counted back from the last, so it is computed.
    static func alignmentCentres(_ version: Int) -> [Int] {
        guard version >= 2 else { return [] }
        let count = version / 7 + 2
        let step = (version * 8 + count * 3 + 5) / (count * 4 - 4) * 2
        var centres = [6]
        for index in stride(from: count - 2, through: 0, by: -1) {
            centres.append(size(version) - 7 - index * step)
        }
        return centres
    }

    // Table 9, indexed [level][version]; index 0 is unused so a version indexes directly.
    private static let ecPerBlock: [[Int]] = [
        [
            0, 7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28,
            28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
        ],
        [
            0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26,
            26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28,
        ],
        [
            0, 13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30,
            28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
        ],
        [
            0, 17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28,
            30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
        ],
    ]

    private static let blocks: [[Int]] = [
        [
            0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8,
            8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25,
        ],
        [
            0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16,
            17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49,
        ],
        [
            0, 1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20,
            23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68,
        ],
        [
            0, 1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25,
            25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81,
        ],
    ]
}

extension QRCode.ErrorCorrection {
    /// Row of the capacity tables: L, M, Q, H in that order.
    var tableIndex: Int {
        switch self {
        case .low: 0
        case .medium: 1
        case .quartile: 2
        case .high: 3
        }
    }

    /// The two error-correction bits of the format information (table 12): L 01, M 00, Q 11, H 10.
    var formatBits: Int {
        switch self {
        case .low: 1
        case .medium: 0
        case .quartile: 3
        case .high: 2
        }
    }
}
