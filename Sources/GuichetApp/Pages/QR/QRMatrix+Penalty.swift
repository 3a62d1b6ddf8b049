/// The data mask penalty score of ISO/IEC 18004:2015, section 7.8.3.1, table 11: the lower the
/// score, the fewer features a reader could mistake for a finder or lose track of.
extension QRMatrix {
    /// N1: a run of five or more same-coloured modules scores 3, plus 1 per module beyond five.
    static let runWeight = 3
    /// N2: each 2×2 block of one colour (overlapping blocks count separately).
    static let blockWeight = 3
    /// N3: each 1:1:3:1:1 finder-like sequence with four light modules on one side.
    static let finderLikeWeight = 40
    /// N4: per 5 % step that the dark share departs from 50 %.
    static let balanceWeight = 10

    /// Sum of the four penalty features over the whole symbol.
    ///
    /// Works on the flat module array by index, rows with stride 1 and columns with stride
    /// `size`: this runs eight times per symbol, so it allocates nothing per line.
    func penalty() -> Int {
        var score = 0
        for line in 0..<size {
            score += linePenalty(first: line * size, stride: 1)  // row `line`
            score += linePenalty(first: line, stride: size)  // column `line`
        }

        for y in 0..<size - 1 {
            for x in 0..<size - 1 {
                let index = y * size + x
                let colour = modules[index]
                if modules[index + 1] == colour && modules[index + size] == colour
                    && modules[index + size + 1] == colour
                {
                    score += Self.blockWeight
                }
            }
        }

        var dark = 0
        for module in modules where module { dark += 1 }
        let total = size * size
        // k = ⌊|dark/total − 50 %| / 5 %⌋, in integers: |20·dark − 10·total| / total.
        score += Self.balanceWeight * (abs(20 * dark - 10 * total) / total)
        return score
    }

    /// Features 1 and 3 on one row or column of `size` modules starting at `first`.
    func linePenalty(first: Int, stride step: Int) -> Int {
        func dark(_ position: Int) -> Bool { modules[first + position * step] }
        // Outside the symbol is the quiet zone, which is light.
        func light(_ positions: Range<Int>) -> Bool {
            for position in positions where (0..<size).contains(position) && dark(position) { return false }
            return true
        }

        var score = 0
        var runLength = 1
        for position in 1...size {
            if position < size && dark(position) == dark(position - 1) {
                runLength += 1
                continue
            }
            if runLength >= 5 { score += Self.runWeight + runLength - 5 }
            runLength = 1
        }

        // Feature 3: dark-light-dark×3-light-dark, with four light modules before or after. The
        // standard leaves open whether the quiet zone counts and whether light on both sides
        // counts twice; like ZXing's MaskUtil, the quiet zone counts and each match scores once.
        // Readers do not care which mask wins — only the score, and so the choice, can differ.
        for start in 0...(size - 7)
        where dark(start) && !dark(start + 1) && dark(start + 2) && dark(start + 3) && dark(start + 4)
            && !dark(start + 5) && dark(start + 6)
        {
            if light(start - 4..<start) || light(start + 7..<start + 11) { score += Self.finderLikeWeight }
        }
        return score
    }
}
