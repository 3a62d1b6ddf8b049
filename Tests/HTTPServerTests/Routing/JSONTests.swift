import XCTest

@testable import HTTPServer

final class JSONTests: XCTestCase {
    struct Applicant: Codable, Equatable {
        var name: String
        var nationalId: String?
    }

    struct NewCase: Codable, Equatable {
        var office: String
        var serviceCode: String
        var applicant: Applicant
        var receivedAt: Date?
        var documents: [Int]
    }

    private func jsonRequest(_ body: String, contentType: String? = "application/json") -> Request {
        var headers: HeaderFields = ["Host": "x"]
        if let contentType { headers.add("Content-Type", contentType) }
        return makeRoutedRequest(.post, "/api/v1/cases", headers: headers, body: Array(body.utf8))
    }

    private func decodeError(_ body: String, contentType: String? = "application/json") -> HTTPError? {
        do {
            _ = try jsonRequest(body, contentType: contentType).decodeJSON(NewCase.self)
            return nil
        } catch {
            return error
        }
    }

    func testDecodesSnakeCaseAndDates() throws {
        let body = """
            {"office":"TUN","service_code":"permit","applicant":{"name":"Amel","national_id":"0123"},
             "received_at":"2026-11-23T09:00:00Z","documents":[1,2]}
            """
        let decoded = try jsonRequest(body, contentType: "application/json; charset=utf-8").decodeJSON(NewCase.self)
        XCTAssertEqual(decoded.serviceCode, "permit")
        XCTAssertEqual(decoded.applicant.nationalId, "0123")
        XCTAssertEqual(decoded.receivedAt, Date(timeIntervalSince1970: 1_795_424_400))
        let fractional = body.replacingOccurrences(of: "09:00:00Z", with: "09:00:00.250Z")
        XCTAssertEqual(
            try jsonRequest(fractional).decodeJSON(NewCase.self).receivedAt,
            Date(timeIntervalSince1970: 1_795_424_400.25))
    }

    func testMalformedJSONIs400() {
        for body in ["", "{", "{\"office\":}", "not json", "{\"office\":\"TUN\",}x"] {
            let error = decodeError(body)
            XCTAssertEqual(error?.status, .badRequest, body)
            XCTAssertEqual(error?.code, "malformed_json", body)
        }
    }

    func testFieldErrorsAre422NamingTheField() {
        let valid = #"{"office":"TUN","service_code":"p","applicant":{"name":"A"},"documents":[]}"#
        let table: [(label: String, body: String, field: String)] = [
            ("missing key", #"{"office":"TUN","applicant":{"name":"A"},"documents":[]}"#, "service_code"),
            ("wrong type", valid.replacingOccurrences(of: #""office":"TUN""#, with: #""office":42"#), "office"),
            ("nested missing", valid.replacingOccurrences(of: #"{"name":"A"}"#, with: "{}"), "applicant.name"),
            ("nested wrong type", valid.replacingOccurrences(of: #""name":"A""#, with: #""name":true"#),
             "applicant.name"),
            ("null", valid.replacingOccurrences(of: #""office":"TUN""#, with: #""office":null"#), "office"),
            ("array element", valid.replacingOccurrences(of: #""documents":[]"#, with: #""documents":[1,"x"]"#),
             "documents[1]"),
            ("bad date", valid.replacingOccurrences(of: #""documents""#, with: #""received_at":"yesterday","documents""#),
             "received_at"),
            ("object expected", valid.replacingOccurrences(of: #"{"name":"A"}"#, with: #""A""#), "applicant"),
            ("array expected", valid.replacingOccurrences(of: #""documents":[]"#, with: #""documents":5"#), "documents"),
            ("not an object", "[1,2]", ""),
        ]
        for row in table {
            let error = decodeError(row.body)
            XCTAssertEqual(error?.status, .unprocessableContent, row.label)
            XCTAssertEqual(error?.code, "invalid_field", row.label)
            if case .string(let field)? = error?.extensions["field"] {
                XCTAssertEqual(field, row.field, row.label)
            } else {
                XCTFail("no field extension: \(row.label)")
            }
            if !row.field.isEmpty { XCTAssertTrue(error?.detail.contains(row.field) ?? false, row.label) }
        }
    }

    func testFieldErrorDetailsSayWhatIsExpected() {
        let valid = #"{"office":"TUN","service_code":"p","applicant":{"name":"A"},"documents":[]}"#
        let table: [(body: String, detail: String)] = [
            (#"{"office":"TUN","applicant":{"name":"A"},"documents":[]}"#, "The field service_code is required."),
            (valid.replacingOccurrences(of: #""office":"TUN""#, with: #""office":42"#), "The field office must be a string."),
            (valid.replacingOccurrences(of: #"{"name":"A"}"#, with: "7"), "The field applicant must be an object."),
            (valid.replacingOccurrences(of: #""documents":[]"#, with: #""documents":{}"#), "The field documents must be an array."),
            (valid.replacingOccurrences(of: #""documents":[]"#, with: #""documents":["x"]"#),
             "The field documents[0] must be an integer."),
            (valid.replacingOccurrences(of: #""office":"TUN""#, with: #""office":null"#), "The field office must not be null."),
            ("[]", "The body must be an object."),
        ]
        for row in table {
            XCTAssertEqual(decodeError(row.body)?.detail, row.detail, row.body)
        }
    }

    func testWrongContentTypeIs415() {
        for contentType in [nil, "text/plain", "application/x-www-form-urlencoded", "application/jsonx"] {
            let error = decodeError(#"{"office":"TUN"}"#, contentType: contentType)
            XCTAssertEqual(error?.status, .unsupportedMediaType, contentType ?? "none")
            XCTAssertEqual(error?.code, "unsupported_media_type", contentType ?? "none")
        }
        XCTAssertNil(
            decodeError(
                #"{"office":"TUN","service_code":"p","applicant":{"name":"A"},"documents":[]}"#,
                contentType: "Application/JSON"))
    }

    func testJSONResponse() throws {
        let value = NewCase(
            office: "TUN", serviceCode: "permit", applicant: Applicant(name: "Amel", nationalId: nil),
            receivedAt: Date(timeIntervalSince1970: 1_795_424_400.75), documents: [3])
        let response = try Response.json(value, status: .created)
        XCTAssertEqual(response.status, .created)
        XCTAssertEqual(response.headers["Content-Type"], "application/json")
        // Key order is unspecified (sorted keys are off and Foundation on Linux keeps keys in a
        // hashed dictionary), so compare the parsed object.
        let object = try JSONSerialization.jsonObject(with: Data(response.bodyBytes)) as? NSDictionary
        let expected: NSDictionary = [
            "office": "TUN", "service_code": "permit", "applicant": ["name": "Amel"],
            "received_at": "2026-11-23T09:00:00Z", "documents": [3],
        ]
        XCTAssertEqual(object, expected)
        XCTAssertFalse(bodyText(response).contains("national_id"))
        XCTAssertFalse(bodyText(response).contains("\\/"))
    }

    func testJSONEncodingFailureIs500() {
        XCTAssertThrowsError(try Response.json(["x": Double.nan])) { error in
            XCTAssertEqual((error as? HTTPError)?.status, .internalServerError)
            XCTAssertEqual((error as? HTTPError)?.code, "internal_error")
        }
    }
}
