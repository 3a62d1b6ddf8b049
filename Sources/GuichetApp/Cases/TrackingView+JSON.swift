import Foundation
import GuichetCore
import HTTPServer

/// The tracking answer written by hand: Foundation's JSONEncoder was 44% of the instructions of
/// the hottest public path (callgrind). Same document as the Codable form — keys sorted, absent
/// optionals left out, RFC 3339 seconds in UTC — which `TrackingJSONTests` checks.
extension TrackingView {
    func jsonBytes() -> [UInt8] {
        var out = JSONObjectWriter()
        out.int("days_overdue", daysOverdue)
        out.date("deadline_at", deadlineAt)
        out.string("deadline_date", deadlineDate?.description)
        if let explanation = deadlineExplanation {
            out.raw("deadline_explanation", explanation.json)
        }
        out.string("due_state", dueState)
        out.bool("feedback_allowed", feedbackAllowed)
        out.string("kind", kind)
        out.string("office", office)
        out.date("received_at", receivedAt)
        out.string("reference", reference)
        out.string("service", service)
        var name = JSONObjectWriter()
        name.string("ar", serviceName.ar)
        name.string("en", serviceName.en)
        name.string("fr", serviceName.fr)
        out.raw("service_name", name.finish())
        out.string("status", status)
        out.date("submitted_at", submittedAt)
        out.raw(
            "timeline",
            "["
                + timeline.map { event in
                    var item = JSONObjectWriter()
                    item.date("at", event.at)
                    item.string("from_status", event.fromStatus)
                    item.string("message", event.message)
                    item.string("to_status", event.toStatus)
                    item.string("type", event.type)
                    return item.finish()
                }.joined(separator: ",") + "]")
        return Array(out.finish().utf8)
    }
}

extension DeadlineExplanation {
    /// The explanation as the Codable form writes it (keys sorted).
    var json: String {
        func dates(_ list: [LocalDate]) -> String { "[" + list.map { "\"\($0)\"" }.joined(separator: ",") + "]" }
        var out = JSONObjectWriter()
        out.raw("counted_days", dates(countedDays))
        out.string("deadline_date", deadlineDate?.description)
        if let granted = `extension` {
            var item = JSONObjectWriter()
            item.int("days", granted.days)
            item.string("granted_on", granted.grantedOn.description)
            item.string("previous_deadline_date", granted.previousDeadlineDate?.description)
            item.string("reason", granted.reason)
            out.raw("extension", item.finish())
        }
        out.raw(
            "pauses",
            "["
                + pauses.map { pause in
                    var item = JSONObjectWriter()
                    item.string("paused_on", pause.pausedOn.description)
                    item.int("remaining_working_days", pause.remainingWorkingDays)
                    item.string("resumed_on", pause.resumedOn?.description)
                    return item.finish()
                }.joined(separator: ",") + "]")
        out.int("response_days", responseDays)
        out.raw(
            "skipped_holidays",
            "["
                + skippedHolidays.map { holiday in
                    var item = JSONObjectWriter()
                    item.string("date", holiday.date.description)
                    item.string("name", holiday.name)
                    return item.finish()
                }.joined(separator: ",") + "]")
        out.raw("skipped_weekend_days", dates(skippedWeekendDays))
        out.string("start_date", startDate?.description)
        return out.finish()
    }
}

/// A JSON object written member by member, in the order given (callers give sorted keys); nil
/// values are left out, as synthesized `Encodable` does.
struct JSONObjectWriter {
    private var text = "{"
    private var first = true

    private mutating func key(_ name: String) {
        if !first { text += "," }
        first = false
        JSONText.appendQuoted(name, to: &text)
        text += ":"
    }

    mutating func string(_ name: String, _ value: String?) {
        guard let value else { return }
        key(name)
        JSONText.appendQuoted(value, to: &text)
    }

    mutating func int(_ name: String, _ value: Int) {
        key(name)
        text += String(value)
    }

    mutating func bool(_ name: String, _ value: Bool) {
        key(name)
        text += value ? "true" : "false"
    }

    mutating func date(_ name: String, _ value: Date?) {
        guard let value else { return }
        key(name)
        text += "\"" + RFC3339.string(value) + "\""
    }

    mutating func raw(_ name: String, _ json: String) {
        key(name)
        text += json
    }

    mutating func finish() -> String { text + "}" }
}
