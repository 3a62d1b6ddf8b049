import XCTest

@testable import HTTPServer

/// A request for `target`, with optional headers and body.
func makeRoutedRequest(
    _ method: HTTPMethod = .get, _ target: String = "/", headers: HeaderFields = ["Host": "example.test"],
    body: [UInt8] = []
) -> Request {
    Request(head: RequestHead(method: method, target: target, version: .http11, headers: headers), body: body)
}

/// A handler answering with a fixed text, so a test can tell which route ran.
func reply(_ text: String) -> Handler {
    { _ in Response.text(text) }
}

/// The body of a response as text.
func bodyText(_ response: Response) -> String {
    String(decoding: response.bodyBytes, as: UTF8.self)
}

/// The decoded problem+json object of a response.
func problem(_ response: Response, file: StaticString = #filePath, line: UInt = #line) -> [String: Any] {
    let object = try? JSONSerialization.jsonObject(with: Data(response.bodyBytes)) as? [String: Any]
    XCTAssertNotNil(object, "not a JSON object: \(bodyText(response))", file: file, line: line)
    return object ?? [:]
}
