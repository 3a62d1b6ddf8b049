/// CSV fields per RFC 4180, and neutralised against spreadsheet formula injection (a field
/// starting with `=`, `+`, `-` or `@` opens in Excel as a formula).
enum CSV {
    static func field(_ value: String) -> String {
        var text = value
        if let first = text.first, "=+-@\t\r".contains(first) { text = "'" + text }
        if text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return text
    }
}
