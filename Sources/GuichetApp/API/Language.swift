import Foundation

/// The reader's language among the offices' three: `?lang=` first, else the first of
/// `Accept-Language` that we speak, else French.
enum Language {
    static let supported = ["ar", "fr", "en"]

    static func preferred(query: String?, acceptLanguage: String?) -> String {
        if let query, supported.contains(query) { return query }
        let ranked = (acceptLanguage ?? "").split(separator: ",").compactMap { part -> (String, Double)? in
            let pieces = part.split(separator: ";")
            guard let tag = pieces.first?.trimmingCharacters(in: .whitespaces).lowercased().split(separator: "-").first
            else { return nil }
            var quality = 1.0
            for piece in pieces.dropFirst() {
                let trimmed = piece.trimmingCharacters(in: .whitespaces)
                if trimmed.hasPrefix("q="), let value = Double(trimmed.dropFirst(2)) { quality = value }
            }
            return (String(tag), quality)
        }
        var best: (String, Double)?
        for candidate in ranked where supported.contains(candidate.0) && candidate.1 > (best?.1 ?? 0) {
            best = candidate
        }
        return best?.0 ?? "fr"
    }
}
