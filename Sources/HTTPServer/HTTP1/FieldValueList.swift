/// Helpers for list-valued fields (`#element`, RFC 9110 §5.6.1) and case-insensitive tokens,
/// working on UTF-8 views so no intermediate Strings are built.
enum FieldValueList {
    /// Calls `body` with each comma-separated element of `value`, trimmed of OWS, skipping empty
    /// elements as RFC 9110 §5.6.1.2 tells recipients to. Stops early when `body` returns false.
    static func forEachElement(_ value: String, _ body: (Substring.UTF8View) -> Bool) {
        let utf8 = value.utf8
        var start = utf8.startIndex
        while start <= utf8.endIndex {
            let end = utf8[start...].firstIndex(of: ASCII.comma) ?? utf8.endIndex
            let element = trimmed(value[start..<end].utf8)
            if !element.isEmpty && !body(element) { return }
            if end == utf8.endIndex { return }
            start = utf8.index(after: end)
        }
    }

    /// Every comma-separated element of `value`, including empty ones, trimmed of OWS. Used where an
    /// empty element is an error rather than noise (`Content-Length: 5,`).
    static func elements(_ value: String) -> [Substring.UTF8View] {
        var result: [Substring.UTF8View] = []
        let utf8 = value.utf8
        var start = utf8.startIndex
        while true {
            let end = utf8[start...].firstIndex(of: ASCII.comma) ?? utf8.endIndex
            result.append(trimmed(value[start..<end].utf8))
            if end == utf8.endIndex { return result }
            start = utf8.index(after: end)
        }
    }

    /// `bytes` without leading and trailing SP and HTAB.
    static func trimmed(_ bytes: Substring.UTF8View) -> Substring.UTF8View {
        var bytes = bytes
        while let first = bytes.first, first == ASCII.sp || first == ASCII.htab { bytes = bytes.dropFirst() }
        while let last = bytes.last, last == ASCII.sp || last == ASCII.htab { bytes = bytes.dropLast() }
        return bytes
    }

    /// Whether `bytes` equals `lowercase` ignoring ASCII case; `lowercase` must be lowercase ASCII.
    static func equalsIgnoringCase(_ bytes: some Collection<UInt8>, _ lowercase: StaticString) -> Bool {
        guard bytes.count == lowercase.utf8CodeUnitCount else { return false }
        return lowercase.withUTF8Buffer { expected in
            var index = 0
            for byte in bytes {
                let folded = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
                if folded != expected[index] { return false }
                index += 1
            }
            return true
        }
    }

    /// Whether any element of any field named `name` equals `lowercaseToken` ignoring case.
    static func containsToken(_ headers: HeaderFields, _ name: String, _ lowercaseToken: StaticString) -> Bool {
        var found = false
        for field in headers where HeaderFields.equalNames(field.name, name) {
            forEachElement(field.value) { element in
                found = equalsIgnoringCase(element, lowercaseToken)
                return !found
            }
            if found { return true }
        }
        return false
    }
}
