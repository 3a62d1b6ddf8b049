import Foundation
import GuichetCore
import HTTPServer

extension Pages {
    /// `GET /desk/queue?status=&due_state=&q=&assignee=`: the cases of the agent's office.
    func deskQueue(_ request: Request) throws -> Response {
        try desk(request) {
            let session = try deskSession(request)
            let c = context(request)
            let t = c.t
            let query = try request.query
            var filters = QueryParameters()
            var listQuery: CaseListQuery
            do {
                listQuery = try CaseListQuery(query)
                filters = query
            } catch {
                listQuery = try CaseListQuery(QueryParameters())
            }
            if query["mine"] == "1" { listQuery.assignee = session.user.username }
            let page = try workflow.list(listQuery, user: session.user)
            let office = try session.user.office.flatMap { try catalogue(office: $0) }
            let names = Dictionary(
                (office?.1 ?? []).map { ($0.code, $0.name.text(in: t.language)) }, uniquingKeysWith: { a, _ in a })
            let dates = PageDates(language: t.language, timezone: office?.0.timezone ?? "UTC")
            let rows = page.items.map { item -> HTML in
                """
                <tr><td><a href="/desk/case/\(item.reference)" dir="ltr">\(item.reference)</a></td>\
                <td>\(item.subject)</td><td>\(names[item.service] ?? item.service)</td>\
                <td>\(t.code("status.", item.status))</td>\
                <td><span class="due \(item.dueState)">\(t.code("due.", item.dueState))</span></td>\
                <td>\(dates.shortDate(item.deadlineDate))</td><td>\(item.assignee ?? "—")</td></tr>
                """
            }
            let statusOptions = CaseStatus.allCases.map { status -> HTML in
                "<option value=\"\(status.rawValue)\"\(HTML.selected(filters["status"] == status.rawValue))>\(t.code("status.", status.rawValue))</option>"
            }
            let dueOptions = DueState.allCases.map { due -> HTML in
                "<option value=\"\(due.rawValue)\"\(HTML.selected(filters["due_state"] == due.rawValue))>\(t.code("due.", due.rawValue))</option>"
            }
            let table: HTML =
                rows.isEmpty
                ? Self.alert(t("queue.empty"), kind: "info")
                : """
                <div class="table-wrap" tabindex="0" role="region" aria-label="\(t("queue.title"))"><table>
                <thead><tr><th scope="col">\(t("field.reference"))</th><th scope="col">\(t("field.subject"))</th>\
                <th scope="col">\(t("field.service"))</th><th scope="col">\(t("field.status"))</th>\
                <th scope="col">\(t("field.due_state"))</th><th scope="col">\(t("field.deadline"))</th>\
                <th scope="col">\(t("field.assignee"))</th></tr></thead>
                <tbody>\(rows)</tbody></table></div>
                """
            let more: HTML =
                page.nextCursor.map { cursor in
                    let pairs = filters.pairs.filter { $0.name != "cursor" }.map { ($0.name, Optional($0.value)) }
                    return
                        "<p><a href=\"\(HTML.url("/desk/queue", pairs + [("cursor", cursor)]))\">\(t("queue.more"))</a></p>"
                } ?? .empty
            let content: HTML = """
                <h1>\(t("queue.title"))</h1>
                <form method="get" action="/desk/queue" class="filters">
                <div><label for="f-q">\(t("queue.search"))</label><input id="f-q" name="q" type="search" value="\(filters["q"])"></div>
                <div><label for="f-status">\(t("field.status"))</label><select id="f-status" name="status">\
                <option value="">\(t("queue.any"))</option>\(statusOptions)</select></div>
                <div><label for="f-due">\(t("field.due_state"))</label><select id="f-due" name="due_state">\
                <option value="">\(t("queue.any"))</option>\(dueOptions)</select></div>
                <div class="check"><input type="checkbox" id="f-mine" name="mine" value="1"\(HTML.checked(query["mine"] == "1"))>\
                <label for="f-mine">\(t("queue.mine"))</label></div>
                <button type="submit">\(t("queue.filter"))</button>
                </form>
                \(table)
                \(more)
                """
            return c.layout.response(
                c.layout.page(title: t("queue.title"), request: request, staff: session.staff, content: content),
                request: request, private: true)
        }
    }

    /// `GET /desk/case/{reference}`: the case with its timeline and its actions.
    func deskCase(_ request: Request) throws -> Response {
        try desk(request) {
            let session = try deskSession(request)
            let c = context(request)
            let t = c.t
            let query = try request.query
            let reference = request.parameter("reference") ?? ""
            let view: CaseView
            do {
                view = try workflow.view(reference, user: session.user)
            } catch let error as HTTPError where error.status == .notFound {
                return try notFound(request)
            }
            let office = try catalogue(office: view.office)
            let dates = PageDates(language: t.language, timezone: office?.0.timezone ?? "UTC")
            let service = office?.1.first { $0.code == view.service }
            let events = (view.timeline ?? []).reversed().map { event -> HTML in
                let status: HTML =
                    event.toStatus.map { " — <strong>\(t.code("status.", $0))</strong>" as HTML } ?? .empty
                let message: HTML = event.publicMessage.map { "<p class=\"message\">\($0)</p>" } ?? .empty
                let note: HTML =
                    event.internalNote.map {
                        "<p class=\"note\"><span class=\"tag\">\(t("case.internal"))</span> \($0)</p>"
                    }
                    ?? .empty
                return """
                    <li><time datetime="\(PageDates.iso(event.at))">\(dates.instant(event.at))</time> \
                    \(t.code("event.", event.type, fallback: "event.other")) · \(event.actor)\(status)\(message)\(note)</li>
                    """
            }
            var notice: HTML = .empty
            if let done = query["done"] {
                notice = Self.alert(t.code("case.done_", done, fallback: "case.done"), kind: "success")
            }
            if let failed = query["error"] { notice = Self.alert(t.code("error.", failed, fallback: "error.generic")) }
            let applicant = view.applicant
            let content: HTML = """
                <h1 dir="auto">\(t("track.case", view.reference))</h1>
                \(notice)
                <div class="columns">
                <section class="card" aria-labelledby="facts-title"><h2 id="facts-title">\(view.subject)</h2>
                <dl class="facts">
                <div><dt>\(t("field.service"))</dt><dd>\(service?.name.text(in: t.language) ?? view.service)</dd></div>
                <div><dt>\(t("field.status"))</dt><dd><strong>\(t.code("status.", view.status))</strong></dd></div>
                <div><dt>\(t("field.due_state"))</dt><dd><span class="due \(view.dueState)">\(t.code("due.", view.dueState))</span></dd></div>
                <div><dt>\(t("field.deadline"))</dt><dd>\(dates.date(view.deadlineDate))</dd></div>
                <div><dt>\(t("field.channel"))</dt><dd>\(t.code("channel.", view.channel))</dd></div>
                <div><dt>\(t("field.assignee"))</dt><dd>\(view.assignee ?? "—")</dd></div>
                <div><dt>\(t("field.name"))</dt><dd>\(applicant?.name ?? "—")</dd></div>
                <div><dt>\(t("field.phone"))</dt><dd dir="ltr">\(applicant?.phone ?? "—")</dd></div>
                </dl>
                <p>\(view.description)</p>
                \(explanation(view.deadlineExplanation, dates: dates, t: t))
                <h3>\(t("track.timeline"))</h3><ol class="timeline">\(events)</ol>
                </section>
                <section aria-labelledby="actions-title"><h2 id="actions-title">\(t("case.actions"))</h2>
                \(actionForms(view, session: session, departments: office?.2 ?? [], t: t))
                </section>
                </div>
                """
            return c.layout.response(
                c.layout.page(title: view.reference, request: request, staff: session.staff, content: content),
                request: request, private: true)
        }
    }

    private func actionForms(_ view: CaseView, session: DeskSession, departments: [Department], t: Localizer) -> HTML {
        let base = "/desk/case/\(view.reference)"
        let csrf: HTML = "<input type=\"hidden\" name=\"csrf\" value=\"\(session.csrf)\">"
        let targets =
            CaseStatus(rawValue: view.status).map { from in
                CaseStatus.allCases.filter { (try? StatusTransition.validated(from: from, to: $0)) != nil }
            } ?? []
        let statusOptions = targets.map {
            "<option value=\"\($0.rawValue)\">\(t.code("status.", $0.rawValue))</option>" as HTML
        }
        var forms: [HTML] = []
        if !targets.isEmpty {
            forms.append(
                """
                <form method="post" action="\(base)/status" class="card stack">\(csrf)
                <h3>\(t("case.change_status"))</h3>
                <label for="a-status">\(t("field.status"))</label><select id="a-status" name="status">\(statusOptions)</select>
                <label for="a-message">\(t("field.public_message"))</label><textarea id="a-message" name="public_message" rows="2" maxlength="2000"></textarea>
                <label for="a-note">\(t("field.internal_note"))</label><textarea id="a-note" name="internal_note" rows="2" maxlength="2000"></textarea>
                <button type="submit">\(t("case.apply"))</button></form>
                """)
        }
        if targets.contains(.awaitingCitizen) {
            forms.append(
                """
                <form method="post" action="\(base)/status" class="card stack">\(csrf)
                <input type="hidden" name="status" value="awaiting_citizen">
                <h3>\(t("case.ask_documents"))</h3>
                <label for="a-docs">\(t("case.documents_needed"))</label><textarea id="a-docs" name="public_message" rows="2" required maxlength="2000"></textarea>
                <button type="submit">\(t("case.ask"))</button></form>
                """)
        }
        forms.append(
            """
            <form method="post" action="\(base)/notes" class="card stack">\(csrf)
            <h3>\(t("case.add_note"))</h3>
            <label for="a-text">\(t("field.note"))</label><textarea id="a-text" name="text" rows="2" required maxlength="5000"></textarea>
            <div class="check"><input type="checkbox" id="a-public" name="public" value="1"><label for="a-public">\(t("case.note_public"))</label></div>
            <button type="submit">\(t("case.add"))</button></form>
            """)
        if session.user.role.includes(.supervisor) {
            let departmentOptions = departments.map {
                "<option value=\"\($0.code)\"\(HTML.selected($0.code == view.department))>\($0.name.text(in: t.language))</option>"
                    as HTML
            }
            forms.append(
                """
                <form method="post" action="\(base)/assign" class="card stack">\(csrf)
                <h3>\(t("case.assign"))</h3>
                <label for="a-assignee">\(t("field.assignee"))</label><input id="a-assignee" name="assignee" value="\(view.assignee)" dir="ltr">
                <label for="a-department">\(t("field.department"))</label><select id="a-department" name="department">\(departmentOptions)</select>
                <button type="submit">\(t("case.apply"))</button></form>
                """)
            if !view.extensionUsed, CaseStatus(rawValue: view.status)?.isOpen == true, view.extensionDays > 0 {
                forms.append(
                    """
                    <form method="post" action="\(base)/extension" class="card stack">\(csrf)
                    <h3>\(t("case.extend"))</h3>
                    <label for="a-days">\(t("field.days", String(view.extensionDays)))</label>\
                    <input id="a-days" name="days" type="number" min="1" max="\(view.extensionDays)" required value="\(view.extensionDays)">
                    <label for="a-reason">\(t("field.reason"))</label><textarea id="a-reason" name="reason" rows="2" required maxlength="2000"></textarea>
                    <button type="submit">\(t("case.extend_submit"))</button></form>
                    """)
            }
        } else {
            forms.append(
                """
                <form method="post" action="\(base)/assign" class="card stack">\(csrf)
                <input type="hidden" name="assignee" value="\(session.user.username)">
                <button type="submit">\(t("case.take"))</button></form>
                """)
        }
        forms.append(
            """
            <form method="post" action="\(base)/tracking-key" class="card stack">\(csrf)
            <h3>\(t("case.reissue"))</h3><p class="hint">\(t("case.reissue_hint"))</p>
            <button type="submit">\(t("case.reissue_submit"))</button></form>
            """)
        return HTML.join(forms)
    }

    /// `POST /desk/case/{reference}/{action}`: one action, then back to the case page.
    func deskAction(_ request: Request) throws -> Response {
        try desk(request) {
            let form = try request.formBody()
            let session = try deskSession(request, form: form)
            let reference = request.parameter("reference") ?? ""
            let action = request.parameter("action") ?? ""
            let back = "/desk/case/\(HTML.urlComponent(reference))"
            do {
                switch action {
                case "status":
                    _ = try workflow.changeStatus(
                        reference,
                        CaseWorkflow.StatusChange(
                            status: form["status"] ?? "", publicMessage: form["public_message"],
                            internalNote: form["internal_note"]), user: session.user)
                case "notes":
                    _ = try workflow.addNote(
                        reference, CaseWorkflow.Note(text: form["text"] ?? "", public: form["public"] == "1"),
                        user: session.user)
                case "assign":
                    let assignee = (form["assignee"] ?? "").trimmingCharacters(in: .whitespaces)
                    _ = try workflow.assign(
                        reference,
                        CaseWorkflow.Assignment(
                            assignee: assignee.isEmpty ? nil : assignee, department: form["department"]),
                        user: session.user)
                case "extension":
                    _ = try workflow.extend(
                        reference,
                        CaseWorkflow.ExtensionRequest(days: Int(form["days"] ?? "") ?? 0, reason: form["reason"]),
                        user: session.user)
                case "tracking-key":
                    let key = try workflow.reissueKey(reference, user: session.user)
                    // The new key is shown once, on the receipt to hand to the citizen.
                    return PageLayout.redirect(
                        HTML.url("/receipt", [("reference", reference), ("key", key)]), noReferrer: true)
                default:
                    return try notFound(request)
                }
                return PageLayout.redirect(back + "?done=" + HTML.urlComponent(action))
            } catch let error as HTTPError {
                return PageLayout.redirect(back + "?error=" + HTML.urlComponent(error.code))
            }
        }
    }
}
