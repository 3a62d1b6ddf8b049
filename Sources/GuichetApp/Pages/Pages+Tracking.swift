import Foundation
import GuichetCore
import HTTPServer

extension Pages {
    /// `GET /track?reference=…&key=…`: the form, and once both are given the case's public view.
    /// The key is in the URL, so the answer is `no-store` and `no-referrer`.
    func track(_ request: Request) throws -> Response {
        let c = context(request)
        let t = c.t
        let query = try request.query
        let reference = (query["reference"] ?? "").trimmingCharacters(in: .whitespaces).uppercased()
        let key = (query["key"] ?? "").trimmingCharacters(in: .whitespaces).uppercased()
        var result: HTML = .empty
        var status: HTTPStatus = .ok
        if !reference.isEmpty || !key.isEmpty {
            do {
                let view = try workflow.track(
                    reference: reference, key: key, client: request.remoteAddress, language: t.language)
                result = try trackingResult(view, key: key, notice: query["feedback"], t: t)
            } catch let error as HTTPError {
                status = error.status
                result = Self.alert(
                    error.status == .notFound ? t("track.not_found") : Self.message(for: error, t))
            }
        }
        let content: HTML = """
            <h1>\(t("track.title"))</h1>
            <form method="get" action="/track" class="stack narrow">
            <label for="reference">\(t("field.reference"))</label>
            <input id="reference" name="reference" required value="\(reference)" autocomplete="off" \
            placeholder="TUN-2026-000001" dir="ltr" spellcheck="false">
            <label for="key">\(t("field.key"))</label>
            <input id="key" name="key" required value="\(key)" autocomplete="off" dir="ltr" spellcheck="false" \
            maxlength="12">
            <button type="submit">\(t("track.submit"))</button>
            </form>
            \(result)
            """
        return c.layout.response(
            c.layout.page(title: t("track.title"), request: request, content: content), status: status,
            request: request, noReferrer: true)
    }

    private func trackingResult(_ view: TrackingView, key: String, notice: String?, t: Localizer) throws -> HTML {
        let office = try catalogue(office: view.office)?.0
        let dates = PageDates(language: t.language, timezone: office?.timezone ?? "UTC")
        let events = Self.timelineItems(view.timeline, dates: dates, t: t)
        let overdue: HTML =
            view.dueState == "overdue"
            ? " <span class=\"hint\">\(t("track.days_overdue", String(view.daysOverdue)))</span>" : .empty
        var noticeHTML: HTML = .empty
        if notice == "thanks" { noticeHTML = Self.alert(t("feedback.thanks"), kind: "success") }
        if let notice, notice != "thanks" {
            noticeHTML = Self.alert(t.code("error.", notice, fallback: "error.generic"))
        }
        let feedbackForm: HTML = view.feedbackAllowed ? feedbackForm(view.reference, key: key, t: t) : .empty
        return """
            <section class="card result" aria-labelledby="case-title">
            <h2 id="case-title">\(t("track.case", view.reference))</h2>
            \(noticeHTML)
            <dl class="facts">
            <div><dt>\(t("field.service"))</dt><dd>\(view.serviceName.text(in: t.language))</dd></div>
            <div><dt>\(t("field.status"))</dt><dd><strong class="status" data-status="\(view.status)">\(t.code("status.", view.status))</strong></dd></div>
            <div><dt>\(t("field.due_state"))</dt><dd><span class="due \(view.dueState)">\(t.code("due.", view.dueState))</span>\(overdue)</dd></div>
            <div><dt>\(t("field.submitted"))</dt><dd>\(dates.instant(view.submittedAt))</dd></div>
            <div><dt>\(t("field.deadline"))</dt><dd><strong>\(dates.date(view.deadlineDate))</strong></dd></div>
            </dl>
            \(explanation(view.deadlineExplanation, dates: dates, t: t))
            <h3>\(t("track.timeline"))</h3>
            <ol class="timeline">\(events)</ol>
            </section>
            \(feedbackForm)
            """
    }

    /// "Why this date": the days counted and skipped, the pauses and the extension.
    func explanation(_ explanation: DeadlineExplanation?, dates: PageDates, t: Localizer) -> HTML {
        guard let explanation else { return .empty }
        func list(_ days: [LocalDate]) -> String {
            // A long delay lists its range, not sixty dates.
            if days.count > 8, let first = days.first, let last = days.last {
                return dates.shortDate(first) + " … " + dates.shortDate(last) + " (\(days.count))"
            }
            return days.map { dates.shortDate($0) }.joined(separator: t("list.separator"))
        }
        var items: [HTML] = []
        if let start = explanation.startDate {
            items.append("<li>\(t("why.start", dates.date(start), String(explanation.responseDays)))</li>")
        }
        if !explanation.countedDays.isEmpty {
            items.append("<li>\(t("why.counted", list(explanation.countedDays)))</li>")
        }
        if !explanation.skippedWeekendDays.isEmpty {
            items.append("<li>\(t("why.weekend", list(explanation.skippedWeekendDays)))</li>")
        }
        for holiday in explanation.skippedHolidays {
            items.append("<li>\(t("why.holiday", dates.shortDate(holiday.date), holiday.name))</li>")
        }
        for pause in explanation.pauses {
            let resumed = pause.resumedOn.map { dates.shortDate($0) } ?? t("why.still_paused")
            items.append(
                "<li>\(t("why.pause", dates.shortDate(pause.pausedOn), resumed, String(pause.remainingWorkingDays)))</li>"
            )
        }
        if let granted = explanation.extension {
            items.append("<li>\(t("why.extension", String(granted.days), granted.reason))</li>")
        }
        return """
            <details class="why"><summary>\(t("why.title"))</summary><ul>\(items)</ul></details>
            """
    }

    private func feedbackForm(_ reference: String, key: String, t: Localizer) -> HTML {
        let radios = (1...5).map { value -> HTML in
            """
            <input type="radio" id="rating-\(value)" name="rating" value="\(value)" required>\
            <label for="rating-\(value)">\(t("feedback.rating_\(value)"))</label>
            """
        }
        return """
            <section class="card" aria-labelledby="feedback-title">
            <h2 id="feedback-title">\(t("feedback.title"))</h2>
            <form method="post" action="/track/feedback" class="stack">
            <input type="hidden" name="reference" value="\(reference)">
            <input type="hidden" name="key" value="\(key)">
            <fieldset class="rating"><legend>\(t("feedback.rating"))</legend>\(radios)</fieldset>
            <label for="comment">\(t("feedback.comment")) <span class="hint">\(t("field.optional"))</span></label>
            <textarea id="comment" name="comment" rows="3" maxlength="2000"></textarea>
            <button type="submit">\(t("feedback.submit"))</button>
            </form></section>
            """
    }

    /// `POST /track/feedback`: the once-only rating, then back to the tracking page.
    func feedback(_ request: Request) throws -> Response {
        let form = try request.formBody()
        let reference = form["reference"] ?? ""
        let key = form["key"] ?? ""
        var notice = "thanks"
        do {
            try workflow.recordFeedback(
                reference: reference, key: key, rating: Int(form["rating"] ?? "") ?? 0, comment: form["comment"],
                client: request.remoteAddress)
        } catch let error as HTTPError {
            notice = error.code
        }
        return PageLayout.redirect(
            HTML.url("/track", [("reference", reference), ("key", key), ("feedback", notice)]), noReferrer: true)
    }

    /// `GET /receipt?reference=…&key=…&missing=…`: the printable receipt (A5/A4 print styles) with
    /// the tracking key, the deadline, the documents still missing and a QR code of the tracking link.
    func receipt(_ request: Request) throws -> Response {
        let c = context(request)
        let t = c.t
        let query = try request.query
        let reference = query["reference"] ?? ""
        let key = query["key"] ?? ""
        let view: TrackingView
        do {
            view = try workflow.track(
                reference: reference, key: key, client: request.remoteAddress, language: t.language)
        } catch let error as HTTPError where error.status == .notFound {
            return try notFound(request)
        }
        guard let (office, services, _) = try catalogue(office: view.office) else { return try notFound(request) }
        let service = services.first { $0.code == view.service }
        let documents = service?.requiredDocuments ?? []
        let missingText = query["missing"] ?? ""
        let missing: [Trilingual] =
            missingText == "all"
            ? documents
            : missingText.split(separator: ",").compactMap { Int($0) }.filter { documents.indices.contains($0) }.map {
                documents[$0]
            }
        let dates = PageDates(language: t.language, timezone: office.timezone)
        let link = trackingLink(reference: view.reference, key: key)
        let missingHTML: HTML =
            missing.isEmpty
            ? "<p>\(t("receipt.nothing_missing"))</p>"
            : "<ul class=\"docs\">\(missing.map { "<li>\($0.text(in: t.language))</li>" as HTML })</ul>"
        let qr = HTML(unsafeRaw: receiptQRCodeSVG(for: link))
        let content: HTML = """
            <article class="receipt" aria-labelledby="receipt-title">
            <header><p class="office">\(office.name.text(in: t.language))</p>
            <h1 id="receipt-title">\(t("receipt.title"))</h1></header>
            <div class="receipt-body">
            <dl class="facts">
            <div><dt>\(t("field.reference"))</dt><dd class="code" dir="ltr" id="receipt-reference">\(view.reference)</dd></div>
            <div><dt>\(t("field.key"))</dt><dd class="code key" dir="ltr" id="receipt-key">\(key)</dd></div>
            <div><dt>\(t("field.service"))</dt><dd>\(view.serviceName.text(in: t.language))</dd></div>
            <div><dt>\(t("field.submitted"))</dt><dd>\(dates.instant(view.submittedAt))</dd></div>
            <div><dt>\(t("field.deadline"))</dt><dd><strong id="receipt-deadline">\(dates.date(view.deadlineDate))</strong></dd></div>
            </dl>
            <figure class="qr"><div class="qr-code" id="receipt-qr">\(qr)</div>
            <figcaption>\(t("receipt.qr_caption"))</figcaption></figure>
            </div>
            <h2>\(t("receipt.missing"))</h2>
            \(missingHTML)
            <p class="hint">\(t("receipt.keep_key"))</p>
            <p class="link" dir="ltr">\(link)</p>
            </article>
            <p class="no-print actions"><button type="button" class="js-only" id="print-receipt" hidden>\(t("receipt.print"))</button>
            \(t("receipt.paper")) <a href="\(HTML.url("/receipt", paperQuery(request, "a5")))">A5</a> ·
            <a href="\(HTML.url("/receipt", paperQuery(request, "a4")))" id="paper-a4">A4</a>
            <a href="/">\(t("nav.offices"))</a></p>
            """
        return c.layout.response(
            c.layout.page(
                title: t("receipt.title"), request: request, bodyClass: "receipt-page", scripts: ["/js/receipt.js"],
                content: content),
            request: request, noReferrer: true)
    }

    /// The receipt's own query with the paper size replaced (A5 for the desk printers, A4 at home).
    private func paperQuery(_ request: Request, _ paper: String) -> [(String, String)] {
        let query = (try? request.query) ?? QueryParameters()
        return query.pairs.filter { $0.name != "paper" }.map { ($0.name, $0.value) } + [("paper", paper)]
    }
}

extension Pages {
    /// A public timeline as `<li>` items, newest first: when, what, the status it moved to, and
    /// the office's public message (the tracking page and the petition page).
    static func timelineItems(_ events: [TrackingView.Event], dates: PageDates, t: Localizer) -> [HTML] {
        events.reversed().map { event in
            let status: HTML =
                event.toStatus.map { " — <strong>\(t.code("status.", $0))</strong>" as HTML } ?? .empty
            let message: HTML = event.message.map { "<p class=\"message\">\($0)</p>" } ?? .empty
            return """
                <li><time datetime="\(PageDates.iso(event.at))">\(dates.instant(event.at))</time> \
                \(t.code("event.", event.type, fallback: "event.other"))\(status)\(message)</li>
                """
        }
    }
}
