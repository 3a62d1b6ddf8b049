import Foundation
import TestSupport
import XCTest

/// Sends `raw` on a new connection and asserts the server answers `status` as an RFC 9457 problem
/// with `code`, then closes the connection (nginx-tests style: raw bytes in, status line out).
func assertRejected(
    _ raw: [UInt8], port: Int, status: Int, code: String? = nil, label: String = "",
    file: StaticString = #filePath, line: UInt = #line
) {
    do {
        let client = try RawHTTPClient(port: port)
        client.send(raw)
        let response = try client.readResponse()
        XCTAssertEqual(response.status, status, "\(label): \(response)", file: file, line: line)
        XCTAssertEqual(response.header("Content-Type"), "application/problem+json", label, file: file, line: line)
        XCTAssertEqual(response.header("Connection"), "close", label, file: file, line: line)
        if let code {
            XCTAssertEqual(response.json["code"] as? String, code, label, file: file, line: line)
        }
        XCTAssertTrue(client.isClosedByServer(), "\(label): connection left open", file: file, line: line)
    } catch {
        XCTFail("\(label): \(error)", file: file, line: line)
    }
}

func assertRejected(
    _ raw: String, port: Int, status: Int, code: String? = nil, label: String = "",
    file: StaticString = #filePath, line: UInt = #line
) {
    assertRejected(Array(raw.utf8), port: port, status: status, code: code, label: label, file: file, line: line)
}
