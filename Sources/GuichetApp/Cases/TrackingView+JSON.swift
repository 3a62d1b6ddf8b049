import Foundation
import GuichetCore
import HTTPServer

/// The tracking answer written by hand: Foundation's JSONEncoder was 44% of the instructions of
/// the hottest public path (callgrind). Same document as the Codable form — keys sorted, absent
/// optionals left out, RFC 3339 seconds in UTC — which `TrackingJSONTests` checks.
extension TrackingView {
    func jsonBytes() -> [UInt8] {
        var out = JSONObjectWriter(capacity: 2048)
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
        out.array(
            "timeline",
            timeline.map { event in
                var item = JSONObjectWriter()
                item.date("at", event.at)
                item.string("from_status", event.fromStatus)
                item.string("message", event.message)
                item.string("to_status", event.toStatus)
                item.string("type", event.type)
                return item.finish()
            })
        return out.finish()
    }
}

extension DeadlineExplanation {
    /// The explanation as the Codable form writes it (keys sorted).
    var json: [UInt8] {
        func dates(_ list: [LocalDate]) -> [[UInt8]] {
            list.map { date in
                var item: [UInt8] = [UInt8(ascii: "\"")]
                item.append(contentsOf: date.description.utf8)
                item.append(UInt8(ascii: "\""))
                return item
            }
        }
        var out = JSONObjectWriter(capacity: 512)
        out.array("counted_days", dates(countedDays))
        out.string("deadline_date", deadlineDate?.description)
        if let granted = `extension` {
            var item = JSONObjectWriter()
            item.int("days", granted.days)
            item.string("granted_on", granted.grantedOn.description)
            item.string("previous_deadline_date", granted.previousDeadlineDate?.description)
            item.string("reason", granted.reason)
            out.raw("extension", item.finish())
        }
        out.array(
            "pauses",
            pauses.map { pause in
                var item = JSONObjectWriter()
                item.string("paused_on", pause.pausedOn.description)
                item.int("remaining_working_days", pause.remainingWorkingDays)
                item.string("resumed_on", pause.resumedOn?.description)
                return item.finish()
            })
        out.int("response_days", responseDays)
        out.array(
            "skipped_holidays",
            skippedHolidays.map { holiday in
                var item = JSONObjectWriter()
                item.string("date", holiday.date.description)
                item.string("name", holiday.name)
                return item.finish()
            })
        out.array("skipped_weekend_days", dates(skippedWeekendDays))
        out.string("start_date", startDate?.description)
        return out.finish()
    }
}

/// A JSON object written member by member into UTF-8 bytes, in the order given (callers give
/// sorted keys); nil values are left out, as synthesized `Encodable` does.
struct JSONObjectWriter {
    private var bytes: [UInt8]
    private var first = true

    init(capacity: Int = 128) {
        bytes = [UInt8(ascii: "{")]
        bytes.reserveCapacity(capacity)
    }

    private mutating func key(_ name: String) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        first = false
        JSONText.appendQuoted(name, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
    }

    mutating func string(_ name: String, _ value: String?) {
        guard let value else { return }
        key(name)
        JSONText.appendQuoted(value, to: &bytes)
    }

    mutating func int(_ name: String, _ value: Int) {
        key(name)
        bytes.append(contentsOf: String(value).utf8)
    }

    mutating func bool(_ name: String, _ value: Bool) {
        key(name)
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    mutating func date(_ name: String, _ value: Date?) {
        guard let value else { return }
        key(name)
        bytes.append(UInt8(ascii: "\""))
        RFC3339.append(value, to: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    /// A member whose value is already JSON.
    mutating func raw(_ name: String, _ json: [UInt8]) {
        key(name)
        bytes.append(contentsOf: json)
    }

    /// A member whose value is an array of JSON values.
    mutating func array(_ name: String, _ items: [[UInt8]]) {
        key(name)
        bytes.append(UInt8(ascii: "["))
        for (index, item) in items.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(contentsOf: item)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    mutating func finish() -> [UInt8] {
        bytes.append(UInt8(ascii: "}"))
        return bytes
    }
}
