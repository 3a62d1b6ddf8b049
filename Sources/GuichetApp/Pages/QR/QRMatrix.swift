/// The module grid under construction (ISO/IEC 18004:2015, section 6.3, "Symbol structure").
///
/// Function patterns are drawn first and marked, so codeword placement and masking — which
/// touch only the encoding region — can skip them.
struct QRMatrix {
    let version: Int
    let size: Int
    /// Row-major, `true` is dark.
    private(set) var modules: [Bool]
    /// Row-major, `true` for finder, separator, timing, alignment, format and version modules.
    private var isFunction: [Bool]

    init(version: Int) {
        self.version = version
        self.size = QRVersion.size(version)
        self.modules = Array(repeating: false, count: size * size)
        self.isFunction = Array(repeating: false, count: size * size)
    }

    /// A finished symbol's modules, for scoring it again; nothing is marked as a function module.
    init(version: Int, modules: [Bool]) {
        self.version = version
        self.size = QRVersion.size(version)
        self.modules = modules
        self.isFunction = Array(repeating: false, count: modules.count)
    }

    subscript(x: Int, y: Int) -> Bool { modules[y * size + x] }

    private mutating func setFunction(x: Int, y: Int, dark: Bool) {
        modules[y * size + x] = dark
        isFunction[y * size + x] = true
    }

    // MARK: Function patterns

    /// Draws everything but the data: finders with separators, timing, alignment, the
    /// version information, and reserves the format information area.
    mutating func drawFunctionPatterns() {
        // Timing patterns (section 6.3.5): row and column 6 alternate, dark on even indices.
        for index in 0..<size {
            setFunction(x: 6, y: index, dark: index % 2 == 0)
            setFunction(x: index, y: 6, dark: index % 2 == 0)
        }
        // Finder patterns (section 6.3.3) at three corners; drawn after timing so they win.
        drawFinder(centreX: 3, centreY: 3)
        drawFinder(centreX: size - 4, centreY: 3)
        drawFinder(centreX: 3, centreY: size - 4)

        // Alignment patterns (section 6.3.6) at every pair of centres but the three that
        // would overlap a finder.
        let centres = QRVersion.alignmentCentres(version)
        let last = centres.count - 1
        for (i, x) in centres.enumerated() {
            for (j, y) in centres.enumerated() {
                let overlapsFinder = (i == 0 && j == 0) || (i == 0 && j == last) || (i == last && j == 0)
                if !overlapsFinder { drawAlignment(centreX: x, centreY: y) }
            }
        }

        // Reserve the format information area now (its bits depend on the mask chosen later).
        drawFormatInformation(level: .medium, mask: 0)
        drawVersionInformation()
    }

    /// A 7×7 finder plus its one-module light separator (section 6.3.4), clipped at the edges.
    private mutating func drawFinder(centreX: Int, centreY: Int) {
        for dy in -4...4 {
            for dx in -4...4 {
                let x = centreX + dx
                let y = centreY + dy
                guard (0..<size).contains(x), (0..<size).contains(y) else { continue }
                let ring = max(abs(dx), abs(dy))  // 0 centre … 3 outer border, 4 separator
                setFunction(x: x, y: y, dark: ring != 2 && ring != 4)
            }
        }
    }

    /// A 5×5 alignment pattern: dark border, light ring, dark centre.
    private mutating func drawAlignment(centreX: Int, centreY: Int) {
        for dy in -2...2 {
            for dx in -2...2 {
                setFunction(x: centreX + dx, y: centreY + dy, dark: max(abs(dx), abs(dy)) != 1)
            }
        }
    }

    /// The 15-bit format information (section 7.9.1): 2 bits of level, 3 of mask, a BCH(15,5)
    /// remainder with generator 0x537, XORed with 0x5412 so it is never all light.
    static func formatBits(level: QRCode.ErrorCorrection, mask: Int) -> Int {
        let data = level.formatBits << 3 | mask
        var remainder = data
        for _ in 0..<10 { remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537) }
        return (data << 10 | remainder) ^ 0x5412
    }

    /// Writes both copies of the format information (figure 25), bit 0 least significant, and
    /// the single dark module at (8, size − 8) that section 7.9.1 places beside the lower copy.
    mutating func drawFormatInformation(level: QRCode.ErrorCorrection, mask: Int) {
        let bits = Self.formatBits(level: level, mask: mask)
        func bit(_ index: Int) -> Bool { (bits >> index) & 1 == 1 }

        // First copy, around the top-left finder: up column 8, then left along row 8, skipping timing.
        for index in 0...5 { setFunction(x: 8, y: index, dark: bit(index)) }
        setFunction(x: 8, y: 7, dark: bit(6))
        setFunction(x: 8, y: 8, dark: bit(7))
        setFunction(x: 7, y: 8, dark: bit(8))
        for index in 9..<15 { setFunction(x: 14 - index, y: 8, dark: bit(index)) }

        // Second copy: bits 0…7 along row 8 under the top-right finder, 8…14 down column 8 beside the bottom-left.
        for index in 0..<8 { setFunction(x: size - 1 - index, y: 8, dark: bit(index)) }
        for index in 8..<15 { setFunction(x: 8, y: size - 15 + index, dark: bit(index)) }
        setFunction(x: 8, y: size - 8, dark: true)
    }

    /// The 18-bit version information for version 7 and above (section 7.10): 6 bits of
    /// version and a BCH(18,6) remainder with generator 0x1F25, in two 6×3 blocks.
    private mutating func drawVersionInformation() {
        guard version >= 7 else { return }
        var remainder = version
        for _ in 0..<12 { remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1F25) }
        let bits = version << 12 | remainder
        for index in 0..<18 {
            let dark = (bits >> index) & 1 == 1
            let near = index / 3
            let far = size - 11 + index % 3
            setFunction(x: far, y: near, dark: dark)  // left of the top-right finder, 3 wide × 6 high
            setFunction(x: near, y: far, dark: dark)  // above the bottom-left finder, 6 wide × 3 high
        }
    }

    // MARK: Data

    /// Places the codewords in the encoding region (section 7.7.3, "Symbol character
    /// placement"): two-module-wide columns from the right, alternately upward and downward,
    /// skipping the vertical timing column and function modules; leftover remainder bits stay light.
    mutating func placeCodewords(_ codewords: [UInt8]) {
        let totalBits = codewords.count * 8
        var bitIndex = 0
        var right = size - 1
        while right >= 1 {
            if right == 6 { right = 5 }  // the vertical timing pattern is not part of any column pair
            let upward = (right + 1) & 2 == 0
            for step in 0..<size {
                let y = upward ? size - 1 - step : step
                for x in [right, right - 1] where !isFunction[y * size + x] && bitIndex < totalBits {
                    let byte = codewords[bitIndex >> 3]
                    modules[y * size + x] = (byte >> (7 - UInt8(bitIndex & 7))) & 1 == 1
                    bitIndex += 1
                }
            }
            right -= 2
        }
    }

    /// XORs data mask `mask` over the encoding region (section 7.8.2, table 10); applying it
    /// twice undoes it.
    mutating func applyMask(_ mask: Int) {
        for y in 0..<size {
            for x in 0..<size where !isFunction[y * size + x] && Self.maskCondition(mask, x: x, y: y) {
                modules[y * size + x].toggle()
            }
        }
    }

    /// Table 10's conditions, with i the row (y) and j the column (x).
    static func maskCondition(_ mask: Int, x: Int, y: Int) -> Bool {
        switch mask {
        case 0: (y + x) % 2 == 0
        case 1: y % 2 == 0
        case 2: x % 3 == 0
        case 3: (y + x) % 3 == 0
        case 4: (y / 2 + x / 3) % 2 == 0
        case 5: (y * x) % 2 + (y * x) % 3 == 0
        case 6: ((y * x) % 2 + (y * x) % 3) % 2 == 0
        default: ((y + x) % 2 + (y * x) % 3) % 2 == 0
        }
    }

    /// The mask with the lowest penalty (section 7.8.3), evaluated with its format information
    /// drawn, as the standard scores the whole symbol; ties go to the lower mask number.
    func bestMask(level: QRCode.ErrorCorrection) -> Int {
        var best = 0
        var bestScore = Int.max
        for mask in 0..<8 {
            var candidate = self
            candidate.applyMask(mask)
            candidate.drawFormatInformation(level: level, mask: mask)
            let score = candidate.penalty()
            if score < bestScore {
                best = mask
                bestScore = score
            }
        }
        return best
    }
}
