/// A QR Code Model 2 symbol (ISO/IEC 18004:2015) for the printed receipt's tracking link.
///
/// The text is encoded as one byte-mode segment of UTF-8 (section 7.4.5, "Byte mode"); the
/// smallest version 1…40 that holds it at the requested error-correction level is chosen
/// (section 7.3.2), and of the eight data masks the one with the lowest penalty score
/// (section 7.8.3) is applied. The result is an immutable grid of modules; rendering lives in
/// `QRCode+SVG.swift`.
struct QRCode: Sendable {
    /// The error-correction level (section 7.5.1): the share of codewords that may be
    /// damaged and still be recovered — about 7 %, 15 %, 25 % and 30 %.
    enum ErrorCorrection: Sendable, CaseIterable {
        case low, medium, quartile, high
    }

    /// The symbol version, 1…40; the side is `17 + 4 × version` modules (section 5.3.1).
    let version: Int
    /// The level the symbol was encoded with.
    let errorCorrection: ErrorCorrection
    /// The data mask pattern 0…7 applied to the encoding region (section 7.8.2).
    let mask: Int
    /// Modules per side, quiet zone excluded.
    let size: Int
    private let modules: [Bool]

    /// Encodes `text` as UTF-8 at the smallest version that holds it.
    ///
    /// - Throws: `QRCodeError.dataTooLong` when even version 40 cannot hold the bytes.
    init(_ text: String, errorCorrection: ErrorCorrection = .medium) throws(QRCodeError) {
        try self.init(text, errorCorrection: errorCorrection, version: nil, mask: nil)
    }

    /// Encodes `text` at a forced version and mask, or chooses either when `nil`.
    ///
    /// Forcing both gives a reproducible symbol for known-answer tests; the receipt uses the
    /// public initialiser. A version or mask out of range throws rather than traps.
    init(_ text: String, errorCorrection: ErrorCorrection, version: Int?, mask: Int?) throws(QRCodeError) {
        let bytes = Array(text.utf8)
        let chosenVersion: Int
        if let version {
            guard QRVersion.range.contains(version) else { throw .invalidVersion(version) }
            guard QRDataEncoder.fits(byteCount: bytes.count, version: version, level: errorCorrection) else {
                throw .dataTooLong(byteCount: bytes.count)
            }
            chosenVersion = version
        } else {
            guard
                let smallest = QRVersion.range.first(where: {
                    QRDataEncoder.fits(byteCount: bytes.count, version: $0, level: errorCorrection)
                })
            else { throw .dataTooLong(byteCount: bytes.count) }
            chosenVersion = smallest
        }
        if let mask, !(0..<8).contains(mask) { throw .invalidMask(mask) }

        let data = QRDataEncoder.dataCodewords(bytes, version: chosenVersion, level: errorCorrection)
        let codewords = ReedSolomon.interleavedCodewords(data, version: chosenVersion, level: errorCorrection)
        var matrix = QRMatrix(version: chosenVersion)
        matrix.drawFunctionPatterns()
        matrix.placeCodewords(codewords)
        let chosenMask = mask ?? matrix.bestMask(level: errorCorrection)
        matrix.applyMask(chosenMask)
        matrix.drawFormatInformation(level: errorCorrection, mask: chosenMask)

        self.version = chosenVersion
        self.errorCorrection = errorCorrection
        self.mask = chosenMask
        self.size = matrix.size
        self.modules = matrix.modules
    }

    /// Whether the module at column `x`, row `y` (origin top left) is dark; outside the
    /// symbol — the quiet zone — is light.
    func isDark(x: Int, y: Int) -> Bool {
        guard (0..<size).contains(x), (0..<size).contains(y) else { return false }
        return modules[y * size + x]
    }
}

/// Why a QR code could not be built. Carries sizes only, never the text itself.
enum QRCodeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The UTF-8 bytes exceed the capacity of version 40 (or of the forced version) at the requested level.
    case dataTooLong(byteCount: Int)
    /// A forced version outside 1…40.
    case invalidVersion(Int)
    /// A forced mask outside 0…7.
    case invalidMask(Int)

    var description: String {
        switch self {
        case .dataTooLong(let count): "QR code: \(count) bytes exceed the capacity at this error-correction level"
        case .invalidVersion(let version): "QR code: version \(version) is outside 1…40"
        case .invalidMask(let mask): "QR code: mask \(mask) is outside 0…7"
        }
    }
}
