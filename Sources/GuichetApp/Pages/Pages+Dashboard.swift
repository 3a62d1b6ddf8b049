import Foundation
import GuichetCore
import HTTPServer

extension Pages {
    /// `GET /desk/dashboard`: the supervisor's view of what is late and what soon will be, by
    /// department, service and agent, most overdue first; CSV export; on-time rate and
    /// satisfaction per service over the last 90 days as server-drawn SVG bar charts.
    func dashboard(_ request: Request) throws -> Response {
        try desk(request) {
            let session = try deskSession(request, role: .supervisor)
            let c = context(request)
            let t = c.t
            guard let officeCode = session.user.office,
                let (office, services, departments) = try catalogue(office: officeCode)
            else { return try notFound(request) }
            let serviceNames = Dictionary(
                services.map { ($0.code, $0.name.text(in: t.language)) }, uniquingKeysWith: { a, _ in a })
            let departmentNames = Dictionary(
                departments.map { ($0.code, $0.name.text(in: t.language)) }, uniquingKeysWith: { a, _ in a })
            let dates = PageDates(language: t.language, timezone: office.timezone)

            var late: [CaseSummary] = []
            for state in [DueState.overdue, .dueSoon] {
                var query = try CaseListQuery(QueryParameters())
                query.dueState = state
                query.limit = 200
                late += try workflow.list(query, user: session.user).items
            }
            late.sort {
                ($0.daysOverdue, $1.deadlineAt ?? .distantFuture, $1.reference)
                    > ($1.daysOverdue, $0.deadlineAt ?? .distantFuture, $0.reference)
            }
            let rows = late.map { item -> HTML in
                """
                <tr><td><a href="/desk/case/\(item.reference)" dir="ltr">\(item.reference)</a></td>\
                <td><span class="due \(item.dueState)">\(t.code("due.", item.dueState))</span></td>\
                <td>\(item.daysOverdue)</td><td>\(dates.shortDate(item.deadlineDate))</td>\
                <td>\(departmentNames[item.department] ?? item.department)</td>\
                <td>\(serviceNames[item.service] ?? item.service)</td><td>\(item.assignee ?? t("dashboard.unassigned"))</td></tr>
                """
            }
            let lateTable: HTML =
                rows.isEmpty
                ? Self.alert(t("dashboard.nothing_late"), kind: "success")
                : """
                <div class="table-wrap" tabindex="0" role="region" aria-labelledby="late-title"><table id="late">
                <thead><tr><th scope="col">\(t("field.reference"))</th><th scope="col">\(t("field.due_state"))</th>\
                <th scope="col">\(t("dashboard.days_overdue"))</th><th scope="col">\(t("field.deadline"))</th>\
                <th scope="col">\(t("field.department"))</th><th scope="col">\(t("field.service"))</th>\
                <th scope="col">\(t("field.assignee"))</th></tr></thead><tbody>\(rows)</tbody></table></div>
                """
            func counts(_ title: String, _ key: (CaseSummary) -> String) -> HTML {
                var table: [String: (overdue: Int, soon: Int)] = [:]
                for item in late {
                    var entry = table[key(item)] ?? (0, 0)
                    if item.dueState == "overdue" { entry.overdue += 1 } else { entry.soon += 1 }
                    table[key(item)] = entry
                }
                let lines = table.sorted { ($0.value.overdue, $0.value.soon) > ($1.value.overdue, $1.value.soon) }.map {
                    "<tr><th scope=\"row\">\($0.key)</th><td>\($0.value.overdue)</td><td>\($0.value.soon)</td></tr>"
                        as HTML
                }
                return """
                    <div class="card"><h3>\(title)</h3><table><thead><tr><th scope="col">\(title)</th>\
                    <th scope="col">\(t("due.overdue"))</th><th scope="col">\(t("due.due_soon"))</th></tr></thead>\
                    <tbody>\(lines)</tbody></table></div>
                    """
            }
            let groups: HTML =
                late.isEmpty
                ? .empty
                : """
                <div class="grid">\(counts(t("field.department"), { departmentNames[$0.department] ?? $0.department }))\
                \(counts(t("field.service"), { serviceNames[$0.service] ?? $0.service }))\
                \(counts(t("field.assignee"), { $0.assignee ?? t("dashboard.unassigned") }))</div>
                """

            let today = PageDates.localDate(workflow.clock.now(), timezone: office.timezone)
            let report = try PerformanceReport(workflow: workflow).report(
                office: officeCode, from: today.adding(days: -90), to: today, grouping: .service)
            let measured = report.items.filter { $0.resolved > 0 || $0.ratings > 0 }
            let onTime = BarChart(
                title: t("dashboard.on_time_chart"),
                bars: measured.map { row in
                    BarChart.Bar(
                        label: serviceNames[row.group] ?? row.group, value: row.onTimeRate.map { $0 * 100 },
                        text: Self.percent(row.onTimeRate, t))
                }, maximum: 100, rightToLeft: t.language == "ar")
            let satisfaction = BarChart(
                title: t("dashboard.satisfaction_chart"),
                bars: measured.map { row in
                    BarChart.Bar(
                        label: serviceNames[row.group] ?? row.group, value: row.satisfaction,
                        text: Self.satisfaction(row.satisfaction))
                }, maximum: 5, rightToLeft: t.language == "ar")
            let charts: HTML =
                measured.isEmpty
                ? Self.alert(t("dashboard.no_performance"), kind: "info")
                : """
                <div class="grid charts"><figure class="card">\(onTime.svg())<figcaption>\(t("dashboard.on_time_chart"))</figcaption></figure>\
                <figure class="card">\(satisfaction.svg())<figcaption>\(t("dashboard.satisfaction_chart"))</figcaption></figure></div>
                """
            let content: HTML = """
                <h1>\(t("dashboard.title", office.name.text(in: t.language)))</h1>
                <p class="lead">\(t("dashboard.counts", String(late.filter { $0.dueState == "overdue" }.count), String(late.filter { $0.dueState == "due_soon" }.count)))</p>
                <h2 id="late-title">\(t("dashboard.late_title"))</h2>
                <p><a class="button" href="/api/v1/reports/overdue?format=csv" download>\(t("dashboard.csv"))</a></p>
                \(lateTable)
                \(groups)
                <h2>\(t("dashboard.performance_title"))</h2>
                \(charts)
                """
            return c.layout.response(
                c.layout.page(
                    title: t("dashboard.title", office.name.text(in: t.language)), request: request,
                    staff: session.staff, content: content),
                request: request, private: true)
        }
    }

    func registerDesk(in router: inout RouterBuilder) {
        router.get("/desk") { _ in PageLayout.redirect("/desk/new") }
        router.get("/desk/login") { request in try loginForm(request) }
        router.post("/desk/login") { request in try login(request) }
        router.post("/desk/logout") { request in try logout(request) }
        router.get("/desk/new") { request in try deskNew(request) }
        router.post("/desk/cases") { request in try deskRegister(request) }
        router.get("/desk/queue") { request in try deskQueue(request) }
        router.get("/desk/case/{reference}") { request in try deskCase(request) }
        router.post("/desk/case/{reference}/{action}") { request in try deskAction(request) }
        router.get("/desk/dashboard") { request in try dashboard(request) }
    }
}

extension PageDates {
    /// The local date of `instant` in `timezone`.
    static func localDate(_ instant: Date, timezone: String) -> LocalDate {
        let zone = TimeZone(identifier: timezone) ?? TimeZone(secondsFromGMT: 0) ?? .current
        let seconds = instant.timeIntervalSince1970 + Double(zone.secondsFromGMT(for: instant))
        return LocalDate(daysSinceEpoch: Int((seconds / 86_400).rounded(.down)))
    }
}
