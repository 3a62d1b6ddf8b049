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
        out.localDate("deadline_date", deadlineDate)
        if let explanation = deadlineExplanation {
            out.object("deadline_explanation") { explanation.write(to: &$0) }
        }
        out.string("due_state", dueState)
        out.bool("feedback_allowed", feedbackAllowed)
        out.string("kind", kind)
        out.string("office", office)
        out.date("received_at", receivedAt)
        out.string("reference", reference)
        out.string("service", service)
        out.object("service_name") { name in
            name.string("ar", serviceName.ar)
            name.string("en", serviceName.en)
            name.string("fr", serviceName.fr)
        }
        out.string("status", status)
        out.date("submitted_at", submittedAt)
        out.objects("timeline", timeline) { event, item in
            item.date("at", event.at)
            item.string("from_status", event.fromStatus)
            item.string("message", event.message)
            item.string("to_status", event.toStatus)
            item.string("type", event.type)
        }
        return out.finish()
    }
}

extension DeadlineExplanation {
    /// Writes the explanation's members as the Codable form does (keys sorted) into an object
    /// being written.
    func write(to out: inout JSONObjectWriter) {
        out.localDates("counted_days", countedDays)
        out.localDate("deadline_date", deadlineDate)
        if let granted = `extension` {
            out.object("extension") { item in
                item.int("days", granted.days)
                item.localDate("granted_on", granted.grantedOn)
                item.localDate("previous_deadline_date", granted.previousDeadlineDate)
                item.string("reason", granted.reason)
            }
        }
        out.objects("pauses", pauses) { pause, item in
            item.localDate("paused_on", pause.pausedOn)
            item.int("remaining_working_days", pause.remainingWorkingDays)
            item.localDate("resumed_on", pause.resumedOn)
        }
        out.int("response_days", responseDays)
        out.objects("skipped_holidays", skippedHolidays) { holiday, item in
            item.localDate("date", holiday.date)
            item.string("name", holiday.name)
        }
        out.localDates("skipped_weekend_days", skippedWeekendDays)
        out.localDate("start_date", startDate)
    }
}
