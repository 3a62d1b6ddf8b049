import Foundation
import HTTPServer

/// One Open311 answer as a tree that renders to both formats GeoReport v2 defines, so the JSON and
/// the XML of an endpoint always carry the same fields in the same order.
///
/// The mapping follows the specification's own examples: an object is a JSON object and a run of
/// child elements; a list is a JSON array and, in XML, one element per item, named by the list
/// (`<services><service>…</service></services>`); a missing value is JSON `null` and an empty
/// element (`<expected_datetime></expected_datetime>`), so every field is always present.
indirect enum Open311Value: Sendable {
    case text(String?)
    case integer(Int)
    case boolean(Bool)
    case instant(Date?)
    case object([(String, Open311Value)])
    case list(item: String, [Open311Value])

    /// The JSON text of this value.
    func json() -> String {
        var out = ""
        jsonValue.write(to: &out)
        return out
    }

    /// The same tree as the server's JSON value, which writes it.
    private var jsonValue: ProblemValue {
        switch self {
        case .text(let text): text.map(ProblemValue.string) ?? .null
        case .integer(let number): .int(number)
        case .boolean(let flag): .bool(flag)
        case .instant(let date): date.map { .string(Self.w3c($0)) } ?? .null
        case .object(let members): .object(members.map { ($0.0, $0.1.jsonValue) })
        case .list(_, let items): .array(items.map(\.jsonValue))
        }
    }

    /// The XML document: the declaration with its encoding (the specification requires it), then
    /// `root` holding this value.
    func xml(root: String) -> String {
        var out = #"<?xml version="1.0" encoding="utf-8"?>"#
        out += "\n"
        Self.element(root, self, to: &out)
        return out
    }

    /// `<name>` + the value's XML + `</name>`.
    private static func element(_ name: String, _ value: Open311Value, to out: inout String) {
        precondition(XMLText.isElementName(name), "element names are written in code")
        out += "<\(name)>"
        switch value {
        case .text(let text): XMLText.appendEscaped(text ?? "", to: &out)
        case .integer(let number): out += String(number)
        case .boolean(let flag): out += flag ? "true" : "false"
        case .instant(let date): out += date.map(w3c) ?? ""
        case .object(let members):
            for (key, member) in members { element(key, member, to: &out) }
        case .list(let item, let items):
            for entry in items { element(item, entry, to: &out) }
        }
        out += "</\(name)>"
    }

    /// The W3C profile of ISO 8601 the specification asks for, in UTC: `2026-11-23T09:00:00Z`.
    static func w3c(_ date: Date) -> String {
        RFC3339.string(date)
    }
}
