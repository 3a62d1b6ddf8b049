/// Character data and element names for the XML Open311 answers, without an XML library.
///
/// Escapes the five characters XML 1.0 gives meaning to (`&`, `<`, `>`, `"`, `'`), so text can never
/// close an element or open a new one, and replaces the characters XML 1.0 forbids outright (C0
/// controls but tab, LF and CR; U+FFFE and U+FFFF; XML 1.0 §2.2 `Char`) with U+FFFD: a parser
/// refuses a whole document over one such character, so a stray byte in a name must not break it.
enum XMLText {
    /// Appends `text` escaped as character data (also safe inside a quoted attribute).
    static func appendEscaped(_ text: String, to out: inout String) {
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                if isAllowed(scalar) {
                    out.unicodeScalars.append(scalar)
                } else {
                    out += "\u{FFFD}"
                }
            }
        }
    }

    /// XML 1.0 `Char`: tab, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD, U+10000 and up (Swift scalars are
    /// never surrogates).
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: true
        case 0x20...0xFFFD: true
        case 0x10000...: true
        default: false
        }
    }

    /// Whether `name` can be an element name as we write them: the spec's snake_case field names
    /// (`[a-z_][a-z0-9_]*`). Names come from our code, never from input; this guards the writer.
    static func isElementName(_ name: String) -> Bool {
        guard let first = name.utf8.first, first == UInt8(ascii: "_") || (0x61...0x7A).contains(first) else {
            return false
        }
        return name.utf8.allSatisfy {
            $0 == UInt8(ascii: "_") || (0x61...0x7A).contains($0) || (0x30...0x39).contains($0)
        }
    }
}
