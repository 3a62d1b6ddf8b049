import Foundation
import XCTest

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The GeoReport v2 field lists, in the specification's order: the tests hold every answer to them.
enum GeoReport {
    static let serviceFields = ["service_code", "service_name", "description", "metadata", "type", "keywords", "group"]
    static let requestFields = [
        "service_request_id", "status", "status_notes", "service_name", "service_code", "description",
        "agency_responsible", "service_notice", "requested_datetime", "updated_datetime", "expected_datetime",
        "address", "address_id", "zipcode", "lat", "long", "media_url",
    ]
    static let createdFields = ["service_request_id", "service_notice", "account_id"]
    static let discoveryFields = ["changeset", "contact", "key_service", "endpoints"]
    static let endpointFields = ["specification", "url", "changeset", "type", "formats"]
    static let errorFields = ["code", "description"]
}

/// An XML element as Foundation's `XMLParser` reads it: a name, child elements, and its text.
final class XMLElementNode {
    let name: String
    var children: [XMLElementNode] = []
    var text = ""

    init(name: String) { self.name = name }

    var childNames: [String] { children.map(\.name) }
    func child(_ name: String) -> XMLElementNode? { children.first { $0.name == name } }
    subscript(name: String) -> String? { child(name)?.text }

    /// Parses a whole document; fails when the parser refuses it (not well-formed).
    static func parse(_ bytes: [UInt8]) throws -> XMLElementNode {
        let parser = XMLParser(data: Data(bytes))
        let builder = Builder()
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else {
            throw XMLError(description: "not well-formed XML: \(String(decoding: bytes, as: UTF8.self))")
        }
        return root
    }

    struct XMLError: Error, CustomStringConvertible { let description: String }

    private final class Builder: NSObject, XMLParserDelegate {
        var root: XMLElementNode?
        var stack: [XMLElementNode] = []

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String]
        ) {
            let node = XMLElementNode(name: elementName)
            if let parent = stack.last { parent.children.append(node) } else { root = node }
            stack.append(node)
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { stack.last?.text += string }

        func parser(
            _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?
        ) {
            stack.removeLast()
        }
    }
}

extension GuichetFixture {
    /// A JSON answer of the facade that is an array (the specification's lists and errors).
    func jsonArray(_ reply: Reply, file: StaticString = #filePath, line: UInt = #line) -> [[String: Any]] {
        guard let array = (try? JSONSerialization.jsonObject(with: Data(reply.body))) as? [[String: Any]] else {
            XCTFail("not a JSON array of objects: \(reply.text)", file: file, line: line)
            return []
        }
        return array
    }

    /// Posts a form as `application/x-www-form-urlencoded`, as GeoReport v2 clients do.
    func postForm(_ path: String, _ fields: [(String, String)], headers: [String: String] = [:]) throws -> Reply {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let body = Array(
            fields.map { name, value in
                (name.addingPercentEncoding(withAllowedCharacters: allowed) ?? "") + "="
                    + (value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")
            }.joined(separator: "&").utf8)
        var lines = [
            "POST \(path) HTTP/1.1", "Host: 127.0.0.1:\(server.port)", "Connection: close",
            "Content-Type: application/x-www-form-urlencoded", "Content-Length: \(body.count)",
        ]
        for (name, value) in headers { lines.append("\(name): \(value)") }
        let client = try server.client()
        client.send(Array((lines.joined(separator: "\r\n") + "\r\n\r\n").utf8) + body)
        let response = try client.readResponse(head: false)
        return Reply(status: response.status, headers: response.headers, body: response.body)
    }

    /// Issues an Open311 API key as the administrator; returns (id, key).
    func issueOpen311Key(name: String = "Appli citoyenne", office: String? = nil) throws -> (id: String, key: String) {
        var body: [String: Any] = ["name": name]
        if let office { body["office"] = office }
        let reply = try request("POST", "/api/v1/admin/open311-clients", json: body, token: try signIn("admin"))
        guard reply.status == 201, let id = reply["id"] as? String, let key = reply["api_key"] as? String else {
            throw FixtureError(description: "issuing a key failed: \(reply.text)")
        }
        return (id, key)
    }

    /// Asserts an answer is the specification's error document with `status`, in JSON or XML.
    func assertOpen311Error(
        _ reply: Reply, status: Int, xml: Bool, containing text: String? = nil, file: StaticString = #filePath,
        line: UInt = #line
    ) {
        XCTAssertEqual(reply.status, status, reply.text, file: file, line: line)
        if xml {
            XCTAssertEqual(reply.header("Content-Type"), "text/xml; charset=utf-8", file: file, line: line)
            guard let root = try? XMLElementNode.parse(reply.body) else {
                return XCTFail("not XML: \(reply.text)", file: file, line: line)
            }
            XCTAssertEqual(root.name, "errors", file: file, line: line)
            XCTAssertFalse(root.children.isEmpty, file: file, line: line)
            for error in root.children {
                XCTAssertEqual(error.name, "error", file: file, line: line)
                XCTAssertEqual(error.childNames, GeoReport.errorFields, file: file, line: line)
                XCTAssertEqual(error["code"], String(status), file: file, line: line)
            }
            if let text {
                XCTAssertTrue(
                    root.children.contains { $0["description"]?.contains(text) == true }, reply.text, file: file,
                    line: line)
            }
        } else {
            XCTAssertEqual(reply.header("Content-Type"), "application/json; charset=utf-8", file: file, line: line)
            let errors = jsonArray(reply, file: file, line: line)
            XCTAssertFalse(errors.isEmpty, file: file, line: line)
            for error in errors {
                XCTAssertEqual(Set(error.keys), Set(GeoReport.errorFields), file: file, line: line)
                XCTAssertEqual(error["code"] as? Int, status, file: file, line: line)
            }
            if let text {
                XCTAssertTrue(
                    errors.contains { ($0["description"] as? String)?.contains(text) == true }, reply.text, file: file,
                    line: line)
            }
        }
    }
}
