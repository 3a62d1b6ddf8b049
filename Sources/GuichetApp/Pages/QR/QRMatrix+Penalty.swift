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
    func penalty() -> Int {
        var score = 0
        for line in 0..<size {
            let row = (0..<size).map { self[$0, line] }
            let column = (0..<size).map { self[line, $0] }
            score += Self.runPenalty(row) + Self.runPenalty(column)
            score += Self.finderLikePenalty(row) + Self.finderLikePenalty(column)
        }

        for y in 0..<size - 1 {
            for x in 0..<size - 1 {
                let colour = self[x, y]
                if self[x + 1, y] == colour && self[x, y + 1] == colour && self[x + 1, y + 1] == colour {
                    score += Self.blockWeight
                }
            }
        }

        let dark = modules.reduce(0) { $0 + ($1 ? 1 : 0) }
        let total = size * size
        // k = ⌊|dark/total − 50 %| / 5 %⌋, in integers: |20·dark − 10·total| / total.
        score += Self.balanceWeight * (abs(20 * dark - 10 * total) / total)
        return score
    }

    /// Feature 1 on one row or column.
    static func runPenalty(_ line: [Bool]) -> Int {
        var score = 0
        var runLength = 0
        var previous: Bool?
        for module in line {
            if module == previous {
                runLength += 1
            } else {
                if runLength >= 5 { score += runWeight + runLength - 5 }
                runLength = 1
                previous = module
            }
        }
        if runLength >= 5 { score += runWeight + runLength - 5 }
        return score
    }

    /// Feature 3 on one row or column: dark-light-dark×3-light-dark with four light modules
    /// before or after; the quiet zone beyond the symbol counts as light.
    static func finderLikePenalty(_ line: [Bool]) -> Int {
        let core: [Bool] = [true, false, true, true, true, false, true]
        func isLight(_ range: Range<Int>) -> Bool {
            range.allSatisfy { !line.indices.contains($0) || !line[$0] }
        }
        var score = 0
        for start in 0...(line.count - core.count) where Array(line[start..<start + core.count]) == core {
            let end = start + core.count
            if isLight(start - 4..<start) || isLight(end..<end + 4) { score += finderLikeWeight }
        }
        return score
    }
}
