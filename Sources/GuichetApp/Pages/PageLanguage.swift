import HTTPServer

/// The reader's language for a page: `?lang=` (which the response then remembers in a cookie),
/// else the `guichet_lang` cookie, else the first of `Accept-Language` we speak, else French.
enum PageLanguage {
    static let cookieName = "guichet_lang"

    /// The language, and whether it came from `?lang=` and must be remembered.
    static func resolve(_ request: Request) -> (language: String, remember: Bool) {
        let query = (try? request.query)?["lang"]
        if let query, Translations.languages.contains(query) { return (query, true) }
        if let cookie = request.cookies[cookieName], Translations.languages.contains(cookie) { return (cookie, false) }
        return (Language.preferred(query: nil, acceptLanguage: request.headers["Accept-Language"]), false)
    }
}
