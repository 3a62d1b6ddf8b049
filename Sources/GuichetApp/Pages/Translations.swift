import Foundation

/// Every string the pages show, in Arabic, French and English, loaded once from
/// `Public/i18n/{ar,fr,en}.json` (flat objects: key → text). Loading fails when a key is missing
/// in any language, so a forgotten translation stops the server at start instead of showing a key.
struct Translations: Sendable {
    static let languages = ["ar", "fr", "en"]

    /// Why the translation files were refused; names files and keys, never user data.
    struct LoadError: Error, CustomStringConvertible {
        var description: String
    }

    private let tables: [String: [String: String]]

    /// The keys (the same in every language).
    var keys: Set<String> { Set(tables["fr"]?.keys ?? [:].keys) }

    init(tables: [String: [String: String]]) throws {
        for language in Self.languages where tables[language] == nil {
            throw LoadError(description: "translations: no table for \(language)")
        }
        let all = Set(tables.values.flatMap(\.keys))
        for language in Self.languages {
            let missing = all.subtracting(tables[language]?.keys ?? [:].keys)
            if !missing.isEmpty {
                throw LoadError(
                    description: "translations: \(language).json lacks \(missing.sorted().joined(separator: ", "))")
            }
            if let empty = tables[language]?.first(where: { $0.value.isEmpty }) {
                throw LoadError(description: "translations: \(language).json has an empty \(empty.key)")
            }
        }
        self.tables = tables
    }

    /// Reads `directory/{ar,fr,en}.json`.
    init(directory: String) throws {
        var tables: [String: [String: String]] = [:]
        for language in Self.languages {
            let path = directory + "/" + language + ".json"
            guard let data = FileManager.default.contents(atPath: path),
                let table = try? JSONDecoder().decode([String: String].self, from: data)
            else { throw LoadError(description: "translations: cannot read \(path) as a JSON object of strings") }
            tables[language] = table
        }
        try self.init(tables: tables)
    }

    /// The text of `key` in `language`; the key itself (visible in tests) if it is unknown.
    func text(_ key: String, _ language: String) -> String {
        tables[language]?[key] ?? tables["fr"]?[key] ?? key
    }

    /// Whether `key` exists.
    func has(_ key: String) -> Bool { tables["fr"]?[key] != nil }
}

/// The translations bound to the reader's language: `t("guide.title")`, and `t(key, arguments…)` that
/// fills `{0}`, `{1}`… with escaped-later plain text.
struct Localizer: Sendable {
    let language: String
    let translations: Translations

    var direction: String { language == "ar" ? "rtl" : "ltr" }

    func callAsFunction(_ key: String) -> String { translations.text(key, language) }

    func callAsFunction(_ key: String, _ arguments: String...) -> String {
        var text = translations.text(key, language)
        for (index, argument) in arguments.enumerated() {
            text = text.replacingOccurrences(of: "{\(index)}", with: argument)
        }
        return text
    }

    /// A key built from a prefix and a stable code (`status.` + `in_progress`), with a fallback
    /// key when the code is unknown (a future event type).
    func code(_ prefix: String, _ code: String, fallback: String? = nil) -> String {
        let key = prefix + code
        if translations.has(key) { return translations.text(key, language) }
        if let fallback { return translations.text(fallback, language) }
        return code
    }
}
