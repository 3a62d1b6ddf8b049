import Foundation
import XCTest

@testable import GuichetApp

/// The QR encoder checked three ways: against reference matrices from an independent encoder,
/// structurally (function patterns and format information read back), and end to end by
/// rasterising the symbol and decoding it with zbar's `zbarimg` (Debian package `zbar-tools`).
final class QRCodeTests: XCTestCase {
    static let trackingURL = "https://guichet.example.tn/track.html?reference=TUN-2026-000042"

    // MARK: Known answers

    /// "hello", version 1, level M, mask 2, from python3-qrcode 7.4.2 (Debian bookworm):
    /// `QRCode(version=1, error_correction=ERROR_CORRECT_M, mask_pattern=2, border=0)` with an
    /// 8-bit-byte `QRData`, rows top to bottom, `#` dark.
    static let helloReference = [
        "#######.......#######",
        "#.....#..#.##.#.....#",
        "#.###.#.#.###.#.###.#",
        "#.###.#.#.#.#.#.###.#",
        "#.###.#.#.#.#.#.###.#",
        "#.....#.#..#..#.....#",
        "#######.#.#.#.#######",
        "........#.#..........",
        "#.#####...##..#####..",
        "###.#..#..#####..##.#",
        ".##.#.#.....#.##.###.",
        "....##.#...####..##..",
        ".#.#..####..#..#....#",
        "........###.#..#.#..#",
        "#######..#.#.#..#.##.",
        "#.....#.#.#....#####.",
        "#.###.#.##.#.#..#..#.",
        "#.###.#.##.#####.#...",
        "#.###.#.#...#.##..#..",
        "#.....#..#.####.###..",
        "#######.#...#...#..#.",
    ]

    /// The 63-byte tracking URL, version 7 (so version information is present), level H,
    /// mask 5, made the same way.
    static let trackingReference = [
        "#######.#..#....#..#.###.##.#.#.##..#.#######",
        "#.....#....##.#.#..#.#.##...#...#..#..#.....#",
        "#.###.#.##.#..#..#.##..#######.###.#..#.###.#",
        "#.###.#...#..#####.#.#.###..#...#..##.#.###.#",
        "#.###.#.####..###.#######..#.##...###.#.###.#",
        "#.....#......#####.##...####.#.#.#....#.....#",
        "#######.#.#.#.#.#.#.#.#.#.#.#.#.#.#.#.#######",
        "........##.#####.#..#...#....#.#.##.#........",
        ".....##...#...##.##.########..##..#...#.#.#.#",
        "##......#####..#.#.....#.#.##.#.#.###.#..#...",
        "...#.###.#.#.##..#.#####.#####.#.##..###.###.",
        "#...##.#.#..#.#.#.#.#.#..###.##.####...##.#.#",
        "###...#..##...##.#..##...####.#.#.##.##.#..##",
        "#.##.#.#..#.##...#..#.....##.###.#..##.#....#",
        ".#....##..#.##.###.#..###.###.###.##.##...#..",
        "#.###..#..####..##.#..##.####.#..#...##..##..",
        "#.##..#.#.###......#...##........##..#...#.##",
        "##.###.#...###...##.#..#..##..##.#.###..###.#",
        "....###.##...#.####.#....##.###.##..#..##.#.#",
        ".#.###......#.###.##.##.##...#..#...#...###..",
        "...##########..##...#######....#..#.######..#",
        "#####...####..##.####...##.###.######...##...",
        "#..##.#.##.#...#...##.#.#.#.#.##.##.#.#.##.#.",
        "..#.#...#.##.#.#.##.#...#....####...#...#####",
        "#..######.#...#.#.##########.############....",
        "#.####...#.#...#.#....###.##..#....###.#.##.#",
        "#.#####.#..#.##.#.#######.#.###...##.#.####..",
        "...#.#.#..#....###..#...#####.####.##..#.##..",
        ".##...#.##.##....##...#.#.##.###..#.....#..##",
        "...#.#.##.#.#####.....#..##..#.#.#....##..###",
        ".....###..##.##....#.#####.#.....#..#.####..#",
        "#....#...#.#.#...#.##.#.#...#...#..#..##..###",
        "#####.#.......#.##.#.#.#.#..#.##.#...#..##.##",
        "........#...#..###..#.#.#...###.###.....###..",
        "....#.#..##...#.#.#..###########.##.#..#..##.",
        ".####..#..#.#.#######.#....#..#.#.##..#..##..",
        "#..##.#..####.##.#..#######.#...#########...#",
        "........#.###...#.#.#...#.#.#....#.##...###.#",
        "#######...##.#....#.#.#.#####..##.###.#.#.##.",
        "#.....#.#.##.###..#.#...#...##.#.##.#...#.##.",
        "#.###.#...##.###..#######.##...#....#####....",
        "#.###.#...#..#..###..###.......##.......#####",
        "#.###.#..##..##...##.#..####..#.#...#...#####",
        "#.....#...#......#..##.##..##..##...#...###..",
        "#######...#.##########.#..#.###..#...##..#.#.",
    ]

    func testHelloMatchesReferenceMatrix() throws {
        let code = try QRCode("hello", errorCorrection: .medium, version: 1, mask: 2)
        XCTAssertEqual(Self.rows(of: code), Self.helloReference)
    }

    func testVersion7TrackingURLMatchesReferenceMatrix() throws {
        let code = try QRCode(Self.trackingURL, errorCorrection: .high, version: 7, mask: 5)
        XCTAssertEqual(Self.rows(of: code), Self.trackingReference)
    }

    /// Byte-mode capacities of ISO/IEC 18004 table 7, versions 1…10 and 40, as L, M, Q, H.
    static let byteCapacity: [Int: [Int]] = [
        1: [17, 14, 11, 7], 2: [32, 26, 20, 14], 3: [53, 42, 32, 24], 4: [78, 62, 46, 34],
        5: [106, 84, 60, 44], 6: [134, 106, 74, 58], 7: [154, 122, 86, 64], 8: [192, 152, 108, 84],
        9: [230, 180, 130, 98], 10: [271, 213, 151, 119], 40: [2953, 2331, 1663, 1273],
    ]

    func testVersionSelectionFollowsTheStandardsCapacityTable() throws {
        for (version, capacities) in Self.byteCapacity {
            for level in QRCode.ErrorCorrection.allCases {
                let capacity = capacities[level.tableIndex]
                let full = try QRCode(Self.text(byteCount: capacity), errorCorrection: level)
                XCTAssertEqual(full.version, version, "\(capacity) bytes at \(level)")
                if version < 40 {
                    let over = try QRCode(Self.text(byteCount: capacity + 1), errorCorrection: level)
                    XCTAssertEqual(over.version, version + 1, "\(capacity + 1) bytes at \(level)")
                }
            }
        }
    }

    func testTrackingURLIsSmall() throws {
        let url = Self.trackingURL + "&lang=fr"
        XCTAssertEqual(url.utf8.count, 71)
        XCTAssertEqual(try QRCode(url).version, 5)
        XCTAssertEqual(try QRCode(url, errorCorrection: .low).version, 4)
    }

    // MARK: Structure

    func testSizeIs17Plus4TimesVersion() throws {
        for version in QRVersion.range {
            let code = try QRCode("x", errorCorrection: .medium, version: version, mask: 0)
            XCTAssertEqual(code.size, 17 + 4 * version)
            XCTAssertEqual(code.version, version)
        }
    }

    func testFinderPatternsAtThreeCornersAndNotTheFourth() throws {
        let code = try QRCode(Self.trackingURL)
        let last = code.size - 7
        for (left, top) in [(0, 0), (last, 0), (0, last)] {
            for dy in -1...7 {
                for dx in -1...7 {
                    let ring = max(abs(dx - 3), abs(dy - 3))  // 4 is the light separator
                    XCTAssertEqual(
                        code.isDark(x: left + dx, y: top + dy), ring != 2 && ring != 4,
                        "finder at (\(left), \(top)), offset (\(dx), \(dy))")
                }
            }
        }
        XCTAssertFalse((0..<7).allSatisfy { code.isDark(x: last + $0, y: last) }, "no finder bottom right")
    }

    func testTimingPatternsAlternate() throws {
        for version in [1, 5, 10, 40] {
            let code = try QRCode("timing", errorCorrection: .quartile, version: version, mask: nil)
            for index in 8..<(code.size - 8) {
                XCTAssertEqual(code.isDark(x: index, y: 6), index % 2 == 0, "row 6, column \(index)")
                XCTAssertEqual(code.isDark(x: 6, y: index), index % 2 == 0, "column 6, row \(index)")
            }
        }
    }

    func testFormatInformationReadsBackLevelAndMaskInBothCopies() throws {
        let expectedBits: [QRCode.ErrorCorrection: Int] = [.low: 0b01, .medium: 0b00, .quartile: 0b11, .high: 0b10]
        for level in QRCode.ErrorCorrection.allCases {
            for mask in 0..<8 {
                let code = try QRCode("format", errorCorrection: level, version: 2, mask: mask)
                let (first, second) = Self.formatInformation(of: code)
                XCTAssertEqual(first, second, "both copies agree")
                let unmasked = first ^ 0x5412
                XCTAssertEqual(unmasked >> 13, expectedBits[level], "level bits for \(level)")
                XCTAssertEqual((unmasked >> 10) & 0b111, mask)
                XCTAssertEqual(Self.bchRemainder(unmasked, generator: 0x537, degree: 10), 0, "valid BCH(15,5)")
                XCTAssertTrue(code.isDark(x: 8, y: code.size - 8), "the dark module")
            }
        }
    }

    func testAutomaticMaskIsRecordedInFormatInformation() throws {
        let code = try QRCode(Self.trackingURL)
        let (first, _) = Self.formatInformation(of: code)
        XCTAssertEqual(((first ^ 0x5412) >> 10) & 0b111, code.mask)
    }

    func testAutomaticMaskHasTheLowestPenalty() throws {
        for level in QRCode.ErrorCorrection.allCases {
            let code = try QRCode(Self.trackingURL, errorCorrection: level)
            let scores = try (0..<8).map { mask in
                let candidate = try QRCode(Self.trackingURL, errorCorrection: level, version: code.version, mask: mask)
                let modules = (0..<candidate.size * candidate.size).map {
                    candidate.isDark(x: $0 % candidate.size, y: $0 / candidate.size)
                }
                return QRMatrix(version: candidate.version, modules: modules).penalty()
            }
            let lowest = scores.min() ?? 0
            XCTAssertEqual(code.mask, scores.firstIndex(of: lowest), "scores \(scores) at \(level)")
        }
    }

    func testVersionInformationFromVersion7() throws {
        for version in 7...40 {
            let code = try QRCode("v", errorCorrection: .low, version: version, mask: 0)
            var topRight = 0
            var bottomLeft = 0
            for index in 0..<18 {
                let near = index / 3
                let far = code.size - 11 + index % 3
                if code.isDark(x: far, y: near) { topRight |= 1 << index }
                if code.isDark(x: near, y: far) { bottomLeft |= 1 << index }
            }
            XCTAssertEqual(topRight, bottomLeft)
            XCTAssertEqual(topRight >> 12, version)
            XCTAssertEqual(Self.bchRemainder(topRight, generator: 0x1F25, degree: 12), 0, "valid BCH(18,6)")
        }
    }

    func testTooLongInputThrows() {
        XCTAssertThrowsError(try QRCode(Self.text(byteCount: 3000), errorCorrection: .high)) { error in
            XCTAssertEqual(error as? QRCodeError, .dataTooLong(byteCount: 3000))
        }
        XCTAssertThrowsError(try QRCode(Self.text(byteCount: 2954), errorCorrection: .low))
        XCTAssertThrowsError(try QRCode(Self.text(byteCount: 1274), errorCorrection: .high))
        XCTAssertNoThrow(try QRCode(Self.text(byteCount: 1273), errorCorrection: .high))
        XCTAssertThrowsError(try QRCode(Self.text(byteCount: 15), errorCorrection: .medium, version: 1, mask: nil))
        XCTAssertThrowsError(try QRCode("x", errorCorrection: .medium, version: 41, mask: nil))
        XCTAssertThrowsError(try QRCode("x", errorCorrection: .medium, version: 1, mask: 8))
    }

    func testErrorDescriptionHoldsNoText() {
        let description = String(describing: QRCodeError.dataTooLong(byteCount: 3000))
        XCTAssertFalse(description.contains("xyz"))
        XCTAssertTrue(description.contains("3000"))
    }

    func testReedSolomonMatchesTheStandardsWorkedExample() {
        // ISO/IEC 18004 annex I: "01234567" at 1-M, data codewords and their 10 EC codewords.
        let data: [UInt8] = [
            0x10, 0x20, 0x0C, 0x56, 0x61, 0x80, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11,
        ]
        let ec = ReedSolomon.remainder(data, generator: ReedSolomon.generator(degree: 10))
        XCTAssertEqual(ec, [0xA5, 0x24, 0xD4, 0xC1, 0xED, 0x36, 0xC7, 0x87, 0x2C, 0x55])
    }

    // MARK: SVG

    func testSVGIsOnePathWhoseRunsCoverExactlyTheDarkModules() throws {
        let code = try QRCode(Self.trackingURL)
        let svg = code.svg(moduleSize: 3, quietZone: 4, title: "Suivi <TUN-2026-000042> & co")
        XCTAssertTrue(svg.hasPrefix("<svg"))
        XCTAssertTrue(svg.hasSuffix("</svg>"))
        let side = code.size + 8
        XCTAssertTrue(svg.contains(#"viewBox="0 0 \#(side) \#(side)""#))
        XCTAssertTrue(svg.contains(#"width="\#(side * 3)""#))
        XCTAssertTrue(svg.contains(#"shape-rendering="crispEdges""#))
        XCTAssertTrue(svg.contains(#"role="img""#))
        XCTAssertTrue(svg.contains("<title id=\"qr-title\">Suivi &lt;TUN-2026-000042&gt; &amp; co</title>"))
        XCTAssertEqual(svg.components(separatedBy: "<path").count - 1, 1)

        // Paint the path's rectangles ("M x y h n v1 h-n z") and compare with the matrix.
        guard let dStart = svg.range(of: #" d=""#), let dEnd = svg[dStart.upperBound...].firstIndex(of: "\"")
        else { return XCTFail("no d attribute") }
        let commands = svg[dStart.upperBound..<dEnd].split(separator: "z")
        var painted = Set<[Int]>()
        for command in commands {
            let numbers = command.split(whereSeparator: { "Mhv ".contains($0) }).compactMap { Int($0) }
            // x, y, run length, 1, −run length
            XCTAssertEqual(numbers.count, 5, String(command))
            guard numbers.count == 5, numbers[3] == 1, numbers[4] == -numbers[2] else {
                XCTFail("unexpected path command \(command)")
                continue
            }
            for x in numbers[0]..<(numbers[0] + numbers[2]) {
                XCTAssertTrue(painted.insert([x - 4, numbers[1] - 4]).inserted, "no overlap")
            }
        }
        var dark = Set<[Int]>()
        for y in 0..<code.size {
            for x in 0..<code.size where code.isDark(x: x, y: y) { dark.insert([x, y]) }
        }
        XCTAssertEqual(painted, dark)
        XCTAssertLessThan(commands.count, dark.count, "runs are merged")
    }

    func testSVGWithoutTitleHasNoTitleElement() throws {
        let svg = try QRCode("hello").svg()
        XCTAssertFalse(svg.contains("<title"))
        XCTAssertFalse(svg.contains("aria-labelledby"))
        XCTAssertTrue(svg.contains(#"viewBox="0 0 29 29""#))
    }

    // MARK: Decoding with zbar

    func testZbarDecodesShortAndLongInputsAtEveryLevel() throws {
        let inputs = [
            "hello",
            Self.trackingURL + "&lang=fr",
            Self.text(byteCount: 150),
            Self.trackingURL + "&office=" + "مكتب الحالة المدنية بتونس",
        ]
        XCTAssertEqual(inputs[1].utf8.count, 71)
        XCTAssertEqual(inputs[2].utf8.count, 150)
        for text in inputs {
            for level in QRCode.ErrorCorrection.allCases {
                try assertDecodes(text, try QRCode(text, errorCorrection: level))
            }
        }
    }

    func testZbarDecodesVersions1Through10AtEveryLevel() throws {
        for version in 1...10 {
            for level in QRCode.ErrorCorrection.allCases {
                let capacity = try XCTUnwrap(Self.byteCapacity[version])[level.tableIndex]
                let text = Self.text(byteCount: capacity)
                let code = try QRCode(text, errorCorrection: level)
                XCTAssertEqual(code.version, version)
                try assertDecodes(text, code)
            }
        }
    }

    func testZbarDecodesEveryVersionUpTo40() throws {
        for version in 11...40 {
            let level = QRCode.ErrorCorrection.allCases[version % 4]
            // Full capacity: the data codewords less 2½ for the mode and 16-bit count indicators.
            let text = Self.text(byteCount: QRVersion.dataCodewords(version, level) - 3)
            try assertDecodes(text, try QRCode(text, errorCorrection: level, version: version, mask: nil))
        }
    }

    func testZbarDecodesEveryMask() throws {
        for mask in 0..<8 {
            let code = try QRCode(Self.trackingURL, errorCorrection: .medium, version: 7, mask: mask)
            try assertDecodes(Self.trackingURL, code)
        }
    }

    // MARK: Helpers

    /// Deterministic printable text of an exact byte count, URL-like so zbar reads it as text.
    static func text(byteCount: Int) -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789-/.?=&ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        return String((0..<byteCount).map { alphabet[($0 * 7 + $0 / alphabet.count) % alphabet.count] })
    }

    static func rows(of code: QRCode) -> [String] {
        (0..<code.size).map { y in String((0..<code.size).map { code.isDark(x: $0, y: y) ? "#" : "." }) }
    }

    /// Both 15-bit copies of the format information, bit 0 least significant, positions as in figure 25.
    static func formatInformation(of code: QRCode) -> (Int, Int) {
        let size = code.size
        var firstPositions: [(Int, Int)] = (0...5).map { (8, $0) } + [(8, 7), (8, 8), (7, 8)]
        firstPositions += (9..<15).map { (14 - $0, 8) }
        let secondPositions: [(Int, Int)] = (0..<8).map { (size - 1 - $0, 8) } + (8..<15).map { (8, size - 15 + $0) }
        func read(_ positions: [(Int, Int)]) -> Int {
            var bits = 0
            for (index, (x, y)) in positions.enumerated() where code.isDark(x: x, y: y) { bits |= 1 << index }
            return bits
        }
        return (read(firstPositions), read(secondPositions))
    }

    /// Polynomial remainder over GF(2): zero for a valid BCH code word.
    static func bchRemainder(_ word: Int, generator: Int, degree: Int) -> Int {
        var value = word
        let top = Int.bitWidth - value.leadingZeroBitCount
        for shift in stride(from: top - 1 - degree, through: 0, by: -1) where value & (1 << (shift + degree)) != 0 {
            value ^= generator << shift
        }
        return value
    }

    static let zbarimg = ["/usr/bin/zbarimg", "/usr/local/bin/zbarimg"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// Rasterises the symbol to a binary PGM (P5) with a 4-module quiet zone and 4 pixels per
    /// module, runs `zbarimg --raw -q`, and requires the decoded text to equal the input.
    func assertDecodes(
        _ expectedText: String, _ code: QRCode, file: StaticString = #filePath, line: UInt = #line
    ) throws {
        guard let zbarimg = Self.zbarimg else {
            throw XCTSkip("zbarimg not installed: apt-get install -y zbar-tools")
        }
        let scale = 4
        let border = 4
        let side = (code.size + 2 * border) * scale
        var pixels = Data("P5\n\(side) \(side)\n255\n".utf8)
        for py in 0..<side {
            for px in 0..<side {
                let dark = code.isDark(x: px / scale - border, y: py / scale - border)
                pixels.append(dark ? 0 : 255)
            }
        }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("qr-\(UUID().uuidString).pgm")
        try pixels.write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: zbarimg)
        process.arguments = ["--raw", "-q", url.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice  // ImageMagick's D-Bus chatter
        try process.run()
        let decodedData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        var decoded = String(decoding: decodedData, as: UTF8.self)
        if decoded.hasSuffix("\n") { decoded.removeLast() }
        let context = "version \(code.version), \(code.errorCorrection), mask \(code.mask)"
        XCTAssertEqual(process.terminationStatus, 0, "zbarimg found no symbol: \(context)", file: file, line: line)
        XCTAssertEqual(decoded, expectedText, context, file: file, line: line)
    }
}
