import Foundation
import GuichetCore
import HTTPServer

extension Pages {
    /// `GET /stats?office=TUN`: the office's public record over the last 12 months, drawn from the
    /// same figures as `GET /api/v1/stats/{office}` (small counts withheld the same way): totals,
    /// the on-time rate per service as a chart, the on-time rate per service month by month, and
    /// queue fairness. Anyone may read it; it names no person and no case.
    func statistics(_ request: Request) throws -> Response {
        let c = context(request)
        let t = c.t
        guard let code = try request.query["office"], let (office, _, _) = try catalogue(office: code) else {
            return try notFound(request)
        }
        let stats = try PublicStatistics(workflow: workflow, threshold: openDataThreshold).statistics(office: code)
        let officeName = office.name.text(in: t.language)
        let rightToLeft = t.language == "ar"
        let serviceName = { (service: PublicStatistics.ServiceStatistics) in
            service.name?.text(in: t.language) ?? service.service
        }

        let totals: HTML = """
            <dl class="facts" id="totals">\
            <div><dt>\(t("stats.received"))</dt><dd>\(Self.count(stats.totals.received, t))</dd></div>\
            <div><dt>\(t("stats.resolved"))</dt><dd>\(Self.count(stats.totals.resolved, t))</dd></div>\
            <div><dt>\(t("stats.on_time_rate"))</dt><dd>\(Self.percent(stats.totals.onTimeRate, t))</dd></div>\
            <div><dt>\(t("stats.median_days"))</dt><dd>\(Self.decimal(stats.totals.medianWorkingDays))</dd></div>\
            <div><dt>\(t("stats.satisfaction"))</dt><dd>\(Self.satisfaction(stats.totals.satisfaction))</dd></div>\
            <div><dt>\(t("stats.queue_jumps"))</dt><dd>\(Self.fairness(stats.fairness, t))</dd></div>\
            </dl>
            """

        let answered = stats.services.filter { $0.total.onTimeRate != nil }
        let chart: HTML =
            answered.isEmpty
            ? Self.alert(t("stats.no_answers"), kind: "info")
            : """
            <figure class="card">\(BarChart(
                title: t("stats.on_time_chart"),
                bars: answered.map { service in
                    BarChart.Bar(
                        label: serviceName(service), value: service.total.onTimeRate.map { $0 * 100 },
                        text: Self.percent(service.total.onTimeRate, t))
                }, maximum: 100, rightToLeft: rightToLeft).svg())\
            <figcaption>\(t("stats.on_time_chart"))</figcaption></figure>
            """

        let months = stats.services.first?.months.map(\.month) ?? []
        let monthHeads = months.map { "<th scope=\"col\" dir=\"ltr\">\($0)</th>" as HTML }
        let monthRows = stats.services.map { service -> HTML in
            let cells = service.months.map { month -> HTML in
                "<td>\(Self.percent(month.figures.onTimeRate, t, withheld: month.figures.suppressed))</td>"
            }
            return "<tr><th scope=\"row\">\(serviceName(service))</th>\(cells)</tr>"
        }
        let overTime: HTML = """
            <div class="table-wrap" tabindex="0" role="region" aria-labelledby="over-time-title">\
            <table id="over-time"><thead><tr><th scope="col">\(t("field.service"))</th>\(monthHeads)</tr></thead>\
            <tbody>\(monthRows)</tbody></table></div>
            """

        let serviceRows = stats.services.map { service -> HTML in
            """
            <tr><th scope="row">\(serviceName(service))</th>\
            <td>\(Self.count(service.total.received, t))</td><td>\(Self.count(service.total.resolved, t))</td>\
            <td>\(Self.percent(service.total.onTimeRate, t, withheld: service.total.suppressed))</td>\
            <td>\(Self.decimal(service.total.medianWorkingDays))</td>\
            <td>\(Self.satisfaction(service.total.satisfaction))</td><td>\(Self.fairness(service.fairness, t))</td></tr>
            """
        }
        let perService: HTML = """
            <div class="table-wrap" tabindex="0" role="region" aria-labelledby="services-title">\
            <table id="services"><thead><tr><th scope="col">\(t("field.service"))</th>\
            <th scope="col">\(t("stats.received"))</th><th scope="col">\(t("stats.resolved"))</th>\
            <th scope="col">\(t("stats.on_time_rate"))</th><th scope="col">\(t("stats.median_days"))</th>\
            <th scope="col">\(t("stats.satisfaction"))</th><th scope="col">\(t("stats.queue_jumps"))</th></tr></thead>\
            <tbody>\(serviceRows)</tbody></table></div>
            """

        let content: HTML = """
            <h1>\(t("stats.title", officeName))</h1>
            <p class="lead">\(t("stats.lead", stats.fromMonth, stats.toMonth))</p>
            <p class="hint">\(t("stats.suppression", String(stats.suppressionThreshold)))</p>
            \(totals)
            <h2>\(t("stats.on_time_chart"))</h2>
            \(chart)
            <h2 id="over-time-title">\(t("stats.over_time_title"))</h2>
            \(overTime)
            <h2 id="services-title">\(t("stats.services_title"))</h2>
            \(perService)
            <p class="hint">\(t("stats.fairness_hint"))</p>
            <p><a href="/api/v1/opendata/cases.csv" download>\(t("stats.open_data_csv"))</a> · \
            <a href="/api/v1/opendata/cases.json">\(t("stats.open_data_json"))</a> · \
            <a href="/api/v1/stats/\(office.code)">\(t("stats.api"))</a></p>
            """
        var response = c.layout.response(
            c.layout.page(title: t("stats.title", officeName), request: request, content: content), request: request)
        response.headers.add("Cache-Control", "public, max-age=300")
        return response
    }

    /// A count, or the "withheld" mark when it was below the threshold.
    static func count(_ value: Int?, _ t: Localizer) -> String {
        value.map(String.init) ?? t("stats.withheld")
    }

    /// A rate as a whole percentage; "—" when nothing was answered, the withheld mark when it was
    /// suppressed.
    static func percent(_ value: Double?, _ t: Localizer, withheld: [String] = []) -> String {
        if let value { return "\(Int((value * 100).rounded())) %" }
        return withheld.contains("on_time_rate") ? t("stats.withheld") : "—"
    }

    static func decimal(_ value: Double?) -> String {
        value.map { String(format: "%.1f", $0) } ?? "—"
    }

    static func satisfaction(_ value: Double?) -> String {
        value.map { String(format: "%.1f / 5", $0) } ?? "—"
    }

    static func fairness(_ fairness: PublicStatistics.Fairness, _ t: Localizer) -> String {
        if fairness.suppressed { return t("stats.withheld") }
        guard let jumps = fairness.queueJumps, let answered = fairness.answered, answered > 0 else { return "—" }
        return t("stats.jumps_of", String(jumps), String(answered))
    }
}
