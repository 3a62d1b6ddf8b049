import Foundation
import GuichetCore
import HTTPServer

/// The supervisors' reports. Supervisors see their office; administrators any (`office=`).
struct ReportsAPI: Sendable {
    let workflow: CaseWorkflow
    let authenticator: Authenticator

    func register(in router: inout RouterBuilder) {
        router.get("/api/v1/reports/overdue", execution: .evented(startOverdue)) { request in try overdue(request) }
        router.get("/api/v1/reports/performance") { request in try performance(request) }
        router.get("/api/v1/reports/departments", execution: .evented(startDepartments)) { request in
            try departments(request)
        }
    }

    /// The office the report covers: the supervisor's own; for administrators the asked one or all.
    private func office(_ request: Request, user: StaffUser) throws -> String? {
        let asked = try request.query["office"]
        if user.role == .admin { return asked }
        if let asked, asked != user.office { throw Problems.notFound("office") }
        return user.office
    }

    private func overdue(_ request: Request) throws -> Response {
        let user = try authenticator.require(request, role: .supervisor)
        var (filter, csv) = try overdueQuery(request)
        filter.office = try office(request, user: user)
        return OverdueReport(workflow: workflow).response(filter: filter, csv: csv)
    }

    /// A dashboard's first page on the event loop, without a worker: the session check, then the
    /// page, each one statement sent from the loop (`OverdueReport.startPage`). Whatever it cannot
    /// settle alone goes to `overdue` on a worker, which answers it in full: CSV or a long page, no
    /// credentials or bad ones, a role or office refused, a calendar not in memory, any error.
    private func startOverdue(_ request: Request, _ reply: EventedReply) {
        guard let (asked, csv) = try? overdueQuery(request), OverdueReport.answersOnLoop(asked, csv: csv) else {
            return reply.decline()
        }
        forSupervisorOnLoop(request, reply) { office in
            var filter = asked
            filter.office = office
            OverdueReport(workflow: workflow).startPage(filter, reply: reply)
        }
    }

    /// The department counts on the event loop, as `startOverdue`: with the overdue page, the
    /// dashboards' constant poll, and over a folded tally a 1.5 ms statement, beside which a
    /// worker's hand-over and wake-up are not small. When the reports read the primary, the session
    /// check rides in the report's own statement: one round trip, not two. With a replica it stays
    /// a statement of its own on the primary, where a sign-out shows at once.
    private func startDepartments(_ request: Request, _ reply: EventedReply) {
        guard workflow.reports.readsPrimary else {
            return forSupervisorOnLoop(request, reply) { office in
                DepartmentSummary(workflow: workflow).start(office: office, reply: reply)
            }
        }
        guard let lookup = try? authenticator.sessionLookup(for: request), let query = try? request.query else {
            return reply.decline()
        }
        DepartmentSummary(workflow: workflow).start(caller: lookup.query, asked: query["office"], reply: reply)
    }

    /// The session check sent from the loop, then `report` with the office the caller may see (nil:
    /// every office). Every refusal is declined to the worker, which answers it with its problem
    /// document: no credentials or bad ones, a role below supervisor, an office not the caller's.
    private func forSupervisorOnLoop(
        _ request: Request, _ reply: EventedReply, report: @escaping @Sendable (_ office: String?) -> Void
    ) {
        guard let lookup = try? authenticator.sessionLookup(for: request) else { return reply.decline() }
        authenticator.database.query(onLoop: lookup.query, reply: reply) { [self] rows in
            do {
                let user = try lookup.user(from: rows)
                guard user.role.includes(.supervisor) else { return reply.decline() }
                report(try office(request, user: user))
            } catch {
                reply.decline()
            }
        }
    }

    /// The report's filters and format as asked; the office is the caller's to settle (`office`).
    private func overdueQuery(_ request: Request) throws -> (filter: OverdueReport.Filter, csv: Bool) {
        let query = try request.query
        let format = query["format"] ?? "json"
        guard ["json", "csv"].contains(format) else { throw Problems.invalidField("format", "json or csv") }
        var limit: Int?
        if let text = query["limit"] {
            guard let value = Int(text), (1...1_000_000).contains(value) else {
                throw Problems.invalidField("limit", code: "out_of_range", "between 1 and 1,000,000")
            }
            limit = value
        }
        let filter = OverdueReport.Filter(
            office: nil, department: query["department"], service: query["service"], assignee: query["assignee"],
            limit: limit)
        return (filter, format == "csv")
    }

    private func performance(_ request: Request) throws -> Response {
        let user = try authenticator.require(request, role: .supervisor)
        let query = try request.query
        let today = LocalDate(daysSinceEpoch: Int(workflow.clock.now().timeIntervalSince1970 / 86_400))
        func date(_ name: String, default fallback: LocalDate) throws -> LocalDate {
            guard let text = query[name] else { return fallback }
            guard let parsed = LocalDate(parsing: text) else {
                throw Problems.invalidField(name, code: "invalid_format", "\(name) must be YYYY-MM-DD")
            }
            return parsed
        }
        let to = try date("to", default: today)
        let from = try date("from", default: to.adding(days: -30))
        guard from <= to, from.days(to: to) <= 3660 else {
            throw Problems.invalidField(
                "from", code: "out_of_range", "from must be on or before to, at most 10 years apart")
        }
        guard let grouping = PerformanceReport.Grouping(rawValue: query["group_by"] ?? "service") else {
            throw Problems.invalidField("group_by", "service, department or assignee")
        }
        let report = try PerformanceReport(workflow: workflow).report(
            office: try office(request, user: user), from: from, to: to, grouping: grouping)
        return try .json(report)
    }

    private func departments(_ request: Request) throws -> Response {
        let (user, lookup) = try authenticator.requireSession(request, role: .supervisor)
        let office = try office(request, user: user)
        let summary = DepartmentSummary(workflow: workflow)
        // On the primary, the statement the loop sends (`startDepartments`), so that it is prepared
        // on this connection when the loop borrows it.
        let rows =
            workflow.reports.readsPrimary
            ? try summary.rows(caller: lookup.query, asked: try request.query["office"])
            : try summary.rows(office: office)
        return .json(bytes: DepartmentSummary.jsonBytes(rows))
    }
}
