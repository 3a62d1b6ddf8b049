import Foundation
import TestSupport
import XCTest

/// The staff workflow end to end: every allowed status transition and the forbidden ones, the
/// timeline each change leaves (and what of it the citizen sees), notes, assignment, and the case
/// list's filters and pagination.
final class StaffWorkflowTests: XCTestCase {
    nonisolated(unsafe) static var fixture: GuichetFixture!
    var fixture: GuichetFixture { Self.fixture }

    override class func setUp() {
        do { fixture = try GuichetFixture() } catch { XCTFail("fixture: \(error)") }
    }

    override class func tearDown() { fixture?.stop() }

    /// DESIGN.md "Statuses and transitions".
    static let allowed: [String: Set<String>] = [
        "received": ["in_progress", "awaiting_citizen", "resolved", "rejected", "withdrawn"],
        "in_progress": ["awaiting_citizen", "resolved", "rejected", "withdrawn"],
        "awaiting_citizen": ["in_progress", "resolved", "rejected", "withdrawn"],
        "resolved": ["closed", "in_progress"],
        "rejected": ["closed", "in_progress"],
        "closed": [],
        "withdrawn": [],
    ]
    static let statuses = ["received", "in_progress", "awaiting_citizen", "resolved", "rejected", "closed", "withdrawn"]

    /// Walks a new case through `chain` (after `received`), checking each step's reply, timeline
    /// event and public tracking view. Returns the edges walked.
    @discardableResult
    private func walk(_ chain: [String], token: String, username: String) throws -> Set<String> {
        let (reference, key) = try fixture.file(extra: ["subject": "Chaîne \(chain.joined(separator: ">"))"])
        var current = "received"
        var edges: Set<String> = []
        for (step, target) in chain.enumerated() {
            let message = "Message public \(step) \(target) \(reference)"
            let note = "Note interne \(step) \(target) \(reference)"
            let reply = try fixture.changeStatus(reference, to: target, message: message, note: note, token: token)
            XCTAssertEqual(reply.status, 200, "\(current) → \(target): \(reply.text)")
            XCTAssertEqual(reply["status"] as? String, target, "\(current) → \(target)")
            let events = try XCTUnwrap(reply["timeline"] as? [[String: Any]])
            XCTAssertEqual(events.count, step + 2, "one event per change")
            let event = try XCTUnwrap(events.last)
            XCTAssertEqual(event["type"] as? String, "status_changed")
            XCTAssertEqual(event["actor"] as? String, username)
            XCTAssertEqual(event["from_status"] as? String, current)
            XCTAssertEqual(event["to_status"] as? String, target)
            XCTAssertEqual(event["public_message"] as? String, message)
            XCTAssertEqual(event["internal_note"] as? String, note, "the staff view shows the internal note")
            XCTAssertNotNil(event["at"] as? String)
            // Events are append-only: the earlier ones are unchanged.
            XCTAssertEqual(events.compactMap { $0["seq"] as? Int }, Array(1...(step + 2)))

            let tracked = try fixture.track(reference, key: key)
            XCTAssertEqual(tracked.status, 200, tracked.text)
            XCTAssertEqual(tracked["status"] as? String, target)
            XCTAssertFalse(tracked.text.contains(note), "the tracking view leaks an internal note: \(tracked.text)")
            XCTAssertFalse(tracked.text.contains("Note interne"), "the tracking view leaks an internal note")
            let publicEvent = (tracked["timeline"] as? [[String: Any]])?.last
            XCTAssertEqual(publicEvent?["message"] as? String, message, "the citizen is told the public message")
            XCTAssertEqual(publicEvent?["to_status"] as? String, target)
            XCTAssertNil(publicEvent?["actor"], "the tracking view names no staff member")
            edges.insert("\(current)>\(target)")
            current = target
        }
        let staff = try fixture.staffView(reference, token: token)
        XCTAssertEqual(staff["status"] as? String, current)
        return edges
    }

    func testEveryAllowedTransitionThroughTheAPI() throws {
        let token = try fixture.signIn("tun.agent")
        let chains = [
            ["in_progress", "awaiting_citizen", "in_progress", "resolved", "closed"],
            ["awaiting_citizen", "resolved", "in_progress", "rejected", "in_progress", "withdrawn"],
            ["resolved"],
            ["rejected", "closed"],
            ["awaiting_citizen", "rejected"],
            ["awaiting_citizen", "withdrawn"],
            ["in_progress", "withdrawn"],
            ["withdrawn"],
            ["in_progress", "rejected"],
            ["resolved", "closed"],
            ["rejected", "in_progress", "awaiting_citizen", "in_progress", "resolved", "in_progress", "resolved"],
        ]
        var covered: Set<String> = []
        for chain in chains { covered.formUnion(try walk(chain, token: token, username: "tun.agent")) }
        let every = Set(Self.allowed.flatMap { from, targets in targets.map { "\(from)>\($0)" } })
        XCTAssertEqual(every.count, 17)
        XCTAssertEqual(every.subtracting(covered), [], "transitions never exercised")
        // A supervisor's change is recorded under the supervisor's name.
        _ = try walk(["in_progress"], token: try fixture.signIn("tun.supervisor"), username: "tun.supervisor")
    }

    /// Brings a new case to `status` by an allowed path.
    private func caseIn(_ status: String, token: String) throws -> String {
        let paths: [String: [String]] = [
            "received": [], "in_progress": ["in_progress"], "awaiting_citizen": ["awaiting_citizen"],
            "resolved": ["resolved"], "rejected": ["rejected"], "closed": ["resolved", "closed"], "withdrawn": ["withdrawn"],
        ]
        let (reference, _) = try fixture.file(extra: ["subject": "Refus depuis \(status)"])
        for target in paths[status]! {
            let reply = try fixture.changeStatus(reference, to: target, message: "m", token: token)
            guard reply.status == 200 else { throw GuichetFixture.FixtureError(description: reply.text) }
        }
        return reference
    }

    func testForbiddenTransitionsAre409WithTheAllowedList() throws {
        let token = try fixture.signIn("tun.agent")
        var table: [(String, String)] = []
        for target in Self.statuses { table.append(("closed", target)) }
        for target in Self.statuses { table.append(("withdrawn", target)) }
        table += [("received", "closed"), ("resolved", "awaiting_citizen"), ("rejected", "awaiting_citizen"),
                  ("resolved", "withdrawn"), ("resolved", "rejected"), ("rejected", "resolved"),
                  ("in_progress", "received"), ("awaiting_citizen", "received"), ("in_progress", "closed"),
                  ("awaiting_citizen", "closed"), ("received", "collecting_signatures"), ("received", "lapsed")]
        for status in Self.statuses where !["closed", "withdrawn"].contains(status) { table.append((status, status)) }
        var cases: [String: String] = [:]
        for (from, to) in table {
            let reference = try cases[from] ?? caseIn(from, token: token)
            cases[from] = reference
            let before = try fixture.timeline(reference, token: token).count
            let reply = try fixture.changeStatus(reference, to: to, message: "Pourquoi", note: "n", token: token)
            XCTAssertProblem(reply, 409, "invalid_transition", "\(from) → \(to)")
            let allowed = Set(reply["allowed"] as? [String] ?? ["<missing>"])
            XCTAssertEqual(allowed, Self.allowed[from], "\(from) → \(to): allowed list")
            let view = try fixture.staffView(reference, token: token)
            XCTAssertEqual(view["status"] as? String, from, "\(from) → \(to) changed the status")
            XCTAssertEqual((view["timeline"] as? [Any])?.count, before, "\(from) → \(to) left an event")
        }
        let unknown = try fixture.changeStatus(try caseIn("received", token: token), to: "archived", token: token)
        XCTAssertProblem(unknown, 422, "validation_failed", "unknown status")
    }

    func testResolvedAndRejectedNeedAPublicMessage() throws {
        let token = try fixture.signIn("tun.agent")
        let reference = try caseIn("in_progress", token: token)
        for target in ["resolved", "rejected"] {
            for message in [nil, "", "   \n "] as [String?] {
                let reply = try fixture.changeStatus(reference, to: target, message: message, note: "internal only", token: token)
                XCTAssertProblem(reply, 422, "validation_failed", "\(target) with message \(String(describing: message))")
                let fields = (reply["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
                XCTAssertEqual(fields, ["public_message"], reply.text)
            }
        }
        let view = try fixture.staffView(reference, token: token)
        XCTAssertEqual(view["status"] as? String, "in_progress")
        XCTAssertEqual((view["timeline"] as? [Any])?.count, 2)
        // Other statuses may go without one.
        XCTAssertEqual(try fixture.changeStatus(reference, to: "awaiting_citizen", token: token).status, 200)
        XCTAssertEqual(try fixture.changeStatus(reference, to: "withdrawn", token: token).status, 200)
    }

    func testPublicNotesAreTrackedInternalNotesNever() throws {
        let token = try fixture.signIn("tun.agent")
        let (reference, key) = try fixture.file()
        let publicNote = try fixture.request(
            "POST", "/api/v1/cases/\(reference)/notes", json: ["text": "Votre extrait est prêt", "public": true], token: token)
        XCTAssertEqual(publicNote.status, 201, publicNote.text)
        let internalNote = try fixture.request(
            "POST", "/api/v1/cases/\(reference)/notes", json: ["text": "Secret: homonyme à vérifier", "public": false],
            token: token)
        XCTAssertEqual(internalNote.status, 201, internalNote.text)
        let defaultNote = try fixture.request(
            "POST", "/api/v1/cases/\(reference)/notes", json: ["text": "Secret par défaut"], token: token)
        XCTAssertEqual(defaultNote.status, 201, "a note without `public` is internal: \(defaultNote.text)")

        let events = try fixture.timeline(reference, token: token).filter { $0["type"] as? String == "note" }
        XCTAssertEqual(events.count, 3)
        XCTAssertEqual(events[0]["public"] as? Bool, true)
        XCTAssertEqual(events[0]["public_message"] as? String, "Votre extrait est prêt")
        XCTAssertEqual(events[1]["public"] as? Bool, false)
        XCTAssertEqual(events[1]["internal_note"] as? String, "Secret: homonyme à vérifier")
        XCTAssertEqual(events[2]["public"] as? Bool, false)
        XCTAssertTrue(events.allSatisfy { $0["actor"] as? String == "tun.agent" })

        let tracked = try fixture.track(reference, key: key)
        XCTAssertEqual(tracked.status, 200)
        let publicEvents = tracked["timeline"] as? [[String: Any]] ?? []
        XCTAssertTrue(publicEvents.contains { $0["type"] as? String == "note" && $0["message"] as? String == "Votre extrait est prêt" })
        XCTAssertFalse(tracked.text.contains("Secret"), "internal notes leak to tracking: \(tracked.text)")
        XCTAssertEqual(publicEvents.filter { $0["type"] as? String == "note" }.count, 1)

        for bad in [["text": "", "public": true], ["text": "   "], ["public": true]] as [[String: Any]] {
            let reply = try fixture.request("POST", "/api/v1/cases/\(reference)/notes", json: bad, token: token)
            XCTAssertEqual(reply.status, 422, "\(bad): \(reply.text)")
        }
        XCTAssertEqual(try fixture.timeline(reference, token: token).count, 4)
    }

    func testANewTrackingKeyReplacesTheOldOne() throws {
        let token = try fixture.signIn("tun.agent")
        let (reference, oldKey) = try fixture.file()
        XCTAssertEqual(try fixture.track(reference, key: oldKey).status, 200)
        let reply = try fixture.request("POST", "/api/v1/cases/\(reference)/tracking-key", token: token)
        XCTAssertEqual(reply.status, 201, reply.text)
        XCTAssertEqual(reply.header("Cache-Control"), "no-store")
        let newKey = try XCTUnwrap(reply["tracking_key"] as? String)
        XCTAssertNotEqual(newKey, oldKey)
        XCTAssertNotNil(newKey.range(of: "^[0-9ABCDEFGHJKMNPQRSTVWXYZ]{8}$", options: .regularExpression), newKey)
        XCTAssertProblem(try fixture.track(reference, key: oldKey), 404, "not_found", "the old key still works")
        XCTAssertEqual(try fixture.track(reference, key: newKey).status, 200)
        let event = try fixture.timeline(reference, token: token).last
        XCTAssertEqual(event?["type"] as? String, "tracking_key_reissued")
        XCTAssertEqual(event?["actor"] as? String, "tun.agent")
        XCTAssertFalse(try fixture.staffView(reference, token: token).description.contains(newKey), "the key is shown again")
    }

    func testAssignmentToADepartmentAndAnAgent() throws {
        let supervisor = try fixture.signIn("tun.supervisor")
        let (reference, _) = try fixture.file()

        let department = try fixture.request(
            "POST", "/api/v1/cases/\(reference)/assign", json: ["department": "relations-citoyens"], token: supervisor)
        XCTAssertEqual(department.status, 200, department.text)
        XCTAssertEqual(department["department"] as? String, "relations-citoyens")
        XCTAssertNil(department["assignee"] as? String)
        let agent = try fixture.request(
            "POST", "/api/v1/cases/\(reference)/assign", json: ["assignee": "tun.agent"], token: supervisor)
        XCTAssertEqual(agent.status, 200, agent.text)
        XCTAssertEqual(agent["assignee"] as? String, "tun.agent")
        XCTAssertEqual(agent["department"] as? String, "relations-citoyens", "assigning an agent keeps the department")
        let both = try fixture.request(
            "POST", "/api/v1/cases/\(reference)/assign", json: ["assignee": "tun.supervisor", "department": "urbanisme"],
            token: supervisor)
        XCTAssertEqual(both.status, 200, both.text)

        let view = try fixture.staffView(reference, token: supervisor)
        XCTAssertEqual(view["assignee"] as? String, "tun.supervisor")
        XCTAssertEqual(view["department"] as? String, "urbanisme")
        let assigned = (view["timeline"] as? [[String: Any]] ?? []).filter { $0["type"] as? String == "assigned" }
        XCTAssertEqual(assigned.count, 3)
        XCTAssertTrue(assigned.allSatisfy { $0["actor"] as? String == "tun.supervisor" })
        XCTAssertEqual((assigned[0]["data"] as? [String: String])?["department"], "relations-citoyens")
        XCTAssertEqual((assigned[1]["data"] as? [String: String])?["assignee"], "tun.agent")
        XCTAssertEqual((assigned[2]["data"] as? [String: String])?["assignee"], "tun.supervisor")
        XCTAssertEqual((assigned[2]["data"] as? [String: String])?["department"], "urbanisme")

        let bad: [([String: Any], String)] = [
            (["department": "no-such-department"], "unknown department"),
            (["assignee": "tet.agent"], "agent of another office"),
            (["assignee": "tet.supervisor", "department": "etat-civil"], "supervisor of another office"),
            (["assignee": "nobody.here"], "unknown user"),
            (["assignee": "admin"], "an administrator belongs to no office"),
            ([:], "nothing to assign"),
        ]
        for (body, label) in bad {
            let reply = try fixture.request("POST", "/api/v1/cases/\(reference)/assign", json: body, token: supervisor)
            XCTAssertProblem(reply, 422, "validation_failed", label)
        }
        let after = try fixture.staffView(reference, token: supervisor)
        XCTAssertEqual(after["assignee"] as? String, "tun.supervisor")
        XCTAssertEqual(after["department"] as? String, "urbanisme")
        XCTAssertEqual((after["timeline"] as? [Any])?.count, (view["timeline"] as? [Any])?.count)
    }

    private func references(_ query: String, token: String) throws -> [String] {
        let reply = try fixture.request("GET", "/api/v1/cases?\(query)", token: token)
        XCTAssertEqual(reply.status, 200, "\(query): \(reply.text)")
        return (reply["items"] as? [[String: Any]] ?? []).compactMap { $0["reference"] as? String }
    }

    func testListFilters() throws {
        let supervisor = try fixture.signIn("tun.supervisor")
        let tag = "Filtre\(Int.random(in: 100_000...999_999))"
        let plain = try fixture.file(extra: ["subject": "\(tag) simple"]).reference
        let started = try fixture.file(extra: ["subject": "\(tag) en cours"]).reference
        let permit = try fixture.file(service: "building-permit", extra: ["subject": "\(tag) permis"]).reference
        let moved = try fixture.file(extra: ["subject": "\(tag) déplacé"]).reference
        let other = try fixture.file(extra: ["subject": "Sans rapport"]).reference
        XCTAssertEqual(try fixture.changeStatus(started, to: "in_progress", token: supervisor).status, 200)
        XCTAssertEqual(
            try fixture.request(
                "POST", "/api/v1/cases/\(moved)/assign", json: ["assignee": "tun.agent", "department": "hygiene"],
                token: supervisor
            ).status, 200)

        XCTAssertEqual(Set(try references("q=\(tag)&limit=200", token: supervisor)), [plain, started, permit, moved])
        XCTAssertEqual(try references("q=\(tag.lowercased())+permis", token: supervisor), [permit], "q is case-insensitive")
        XCTAssertEqual(try references("q=\(tag)&status=in_progress", token: supervisor), [started])
        XCTAssertEqual(try references("q=\(tag)&service=building-permit", token: supervisor), [permit])
        XCTAssertEqual(try references("q=\(tag)&department=hygiene", token: supervisor), [moved])
        XCTAssertEqual(try references("q=\(tag)&assignee=tun.agent", token: supervisor), [moved])
        XCTAssertEqual(
            Set(try references("q=\(tag)&status=received&department=etat-civil", token: supervisor)), [plain])
        XCTAssertEqual(try references("q=\(tag)&status=withdrawn", token: supervisor), [])
        XCTAssertEqual(try references("q=\(plain)", token: supervisor), [plain], "q also matches the reference")
        XCTAssertEqual(try references("q=%25", token: supervisor).contains(other), false, "% is literal in q")

        // Each filter alone: every item matches it.
        for (query, field, value) in [
            ("status=in_progress", "status", "in_progress"), ("service=building-permit", "service", "building-permit"),
            ("department=hygiene", "department", "hygiene"), ("assignee=tun.agent", "assignee", "tun.agent"),
        ] {
            let reply = try fixture.request("GET", "/api/v1/cases?\(query)&limit=200", token: supervisor)
            let items = reply["items"] as? [[String: Any]] ?? []
            XCTAssertFalse(items.isEmpty, query)
            XCTAssertTrue(items.allSatisfy { $0[field] as? String == value }, "\(query): \(items)")
        }
        let badStatus = try fixture.request("GET", "/api/v1/cases?status=archived", token: supervisor)
        XCTAssertProblem(badStatus, 422, "validation_failed", "unknown status filter")
    }

    func testPaginationVisitsEveryCaseOnceNewestFirst() throws {
        let agent = try fixture.signIn("tun.agent")
        let tag = "Page\(Int.random(in: 100_000...999_999))"
        let clock = try fixture.request("GET", "/api/v1/test/clock")
        let start = try XCTUnwrap(ISO8601DateFormatter().date(from: clock["now"] as? String ?? ""))
        var filed: [String] = []
        for index in 0..<7 {
            // Four distinct instants, then three filings at the same instant: ties are broken by reference.
            try fixture.setClock(
                ISO8601DateFormatter().string(from: start.addingTimeInterval(Double(min(index, 3) + 1) * 60)))
            filed.append(try fixture.file(extra: ["subject": "\(tag) \(index)"]).reference)
        }
        var seen: [String] = []
        var submitted: [String] = []
        var cursor: String?
        var pages = 0
        repeat {
            let query = "q=\(tag)&limit=3" + (cursor.map { "&cursor=\($0)" } ?? "")
            let reply = try fixture.request("GET", "/api/v1/cases?\(query)", token: agent)
            XCTAssertEqual(reply.status, 200, reply.text)
            let items = reply["items"] as? [[String: Any]] ?? []
            XCTAssertLessThanOrEqual(items.count, 3)
            seen += items.compactMap { $0["reference"] as? String }
            submitted += items.compactMap { $0["submitted_at"] as? String }
            cursor = reply["next_cursor"] as? String
            pages += 1
        } while cursor != nil && pages < 10
        XCTAssertNil(cursor, "pagination never ends")
        XCTAssertEqual(seen.count, 7, "\(seen)")
        XCTAssertEqual(Set(seen).count, 7, "a case appears twice: \(seen)")
        XCTAssertEqual(Array(seen), Array(filed.reversed()), "newest first")
        XCTAssertEqual(submitted, submitted.sorted(by: >), "submitted_at descending")
        XCTAssertGreaterThanOrEqual(pages, 3)
        XCTAssertLessThanOrEqual(pages, 4)
    }

    func testInvalidLimitsAndCursorsAre422() throws {
        let token = try fixture.signIn("tun.agent")
        for limit in ["0", "201", "x", "-1", "3.5", ""] {
            let reply = try fixture.request("GET", "/api/v1/cases?limit=\(limit)", token: token)
            XCTAssertProblem(reply, 422, "validation_failed", "limit=\(limit)")
        }
        XCTAssertEqual(try fixture.request("GET", "/api/v1/cases?limit=200", token: token).status, 200)
        XCTAssertEqual(try fixture.request("GET", "/api/v1/cases?limit=1", token: token).status, 200)
        let notAReference = Data("123|not-a-reference".utf8).base64EncodedString().replacingOccurrences(of: "=", with: "")
        let notANumber = Data("abc|TUN-2026-000001".utf8).base64EncodedString().replacingOccurrences(of: "=", with: "")
        for cursor in ["garbage!!", "____", "AAAA", notAReference, notANumber] {
            let reply = try fixture.request("GET", "/api/v1/cases?cursor=\(cursor)", token: token)
            XCTAssertProblem(reply, 422, "validation_failed", "cursor=\(cursor)")
        }
    }
}
