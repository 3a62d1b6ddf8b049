import Foundation
import GuichetCore
import HTTPServer

extension Pages {
    /// `GET /`: choose an office.
    func home(_ request: Request) throws -> Response {
        let c = context(request)
        let t = c.t
        let offices = try workflow.database.read { connection in try CatalogueStore(connection: connection).offices() }
        let items = offices.map { office -> HTML in
            """
            <li class="card"><h2><a href="\(HTML.url("/guide", [("office", office.code)]))">\(office.name.text(in: t.language))</a></h2>\
            <p><a href="\(HTML.url("/file", [("office", office.code)]))">\(t("home.file_online"))</a> · \
            <a href="\(HTML.url("/petitions", [("office", office.code)]))">\(t("home.petitions"))</a> · \
            <a href="\(HTML.url("/stats", [("office", office.code)]))">\(t("home.statistics"))</a></p></li>
            """
        }
        let content: HTML = """
            <h1>\(t("home.title"))</h1>
            <p class="lead">\(t("home.lead"))</p>
            <ul class="cards">\(items)</ul>
            <section class="card"><h2>\(t("home.track_title"))</h2><p>\(t("home.track_lead"))</p>\
            <p><a class="button" href="/track">\(t("nav.track"))</a></p></section>
            """
        return c.layout.response(
            c.layout.page(title: t("home.title"), request: request, content: content), request: request)
    }

    /// `GET /guide?office=TUN&q=…`: the office's services, searchable by name in any language.
    func guide(_ request: Request) throws -> Response {
        let c = context(request)
        let t = c.t
        let query = try request.query
        guard let code = query["office"], let (office, services, departments) = try catalogue(office: code) else {
            return try notFound(request)
        }
        let q = (query["q"] ?? "").trimmingCharacters(in: .whitespaces)
        let matching = services.filter { $0.active && Self.matches($0, q) }
        let departmentNames = Dictionary(departments.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        let items = matching.map { service -> HTML in
            let documents = service.requiredDocuments.map { "<li>\($0.text(in: t.language))</li>" as HTML }
            let docs: HTML =
                documents.isEmpty ? "<p>\(t("guide.no_documents"))</p>" : "<ul class=\"docs\">\(documents)</ul>"
            return """
                <li class="card service" id="\(service.code)"><h2>\(service.name.text(in: t.language))</h2>
                <p>\(service.description.text(in: t.language))</p>
                <dl class="facts">\
                <div><dt>\(t("guide.department"))</dt><dd>\(departmentNames[service.department]?.text(in: t.language) ?? service.department)</dd></div>\
                <div><dt>\(t("guide.delay"))</dt><dd>\(Self.delayText(service, t))</dd></div>\
                <div><dt>\(t("guide.fee"))</dt><dd>\(Self.feeText(service, t))</dd></div></dl>
                <h3>\(t("guide.documents"))</h3>\(docs)
                <p><a class="button" href="\(HTML.url("/file", [("office", office.code), ("service", service.code)]))">\(t("guide.file_this"))</a></p></li>
                """
        }
        let results: HTML =
            matching.isEmpty
            ? Self.alert(t("guide.no_match"), kind: "info")
            : "<p role=\"status\">\(t("guide.count", String(matching.count)))</p><ul class=\"cards\">\(items)</ul>"
        let content: HTML = """
            <h1>\(t("guide.title", office.name.text(in: t.language)))</h1>
            <form class="search" method="get" action="/guide" role="search">
            <input type="hidden" name="office" value="\(office.code)">
            <label for="q">\(t("guide.search_label"))</label>
            <div class="row"><input id="q" name="q" type="search" value="\(q)" autocomplete="off">
            <button type="submit">\(t("guide.search"))</button></div>
            </form>
            \(results)
            """
        return c.layout.response(
            c.layout.page(
                title: t("guide.title", office.name.text(in: t.language)), request: request, content: content),
            request: request)
    }

    /// Whether `service` matches the words of `q` in any of its three names (case and accents ignored).
    static func matches(_ service: Service, _ q: String) -> Bool {
        let words = fold(q).split(separator: " ")
        if words.isEmpty { return true }
        let haystack = fold([service.name.ar, service.name.fr, service.name.en, service.code].joined(separator: " "))
        return words.allSatisfy { haystack.contains($0) }
    }

    static func fold(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
    }

    /// The page-shaped 404.
    func notFound(_ request: Request) throws -> Response {
        let c = context(request)
        let content: HTML =
            "<h1>\(c.t("error.not_found_title"))</h1><p>\(c.t("error.not_found"))</p><p><a href=\"/\">\(c.t("nav.offices"))</a></p>"
        return c.layout.response(
            c.layout.page(title: c.t("error.not_found_title"), request: request, content: content), status: .notFound,
            request: request)
    }
}
