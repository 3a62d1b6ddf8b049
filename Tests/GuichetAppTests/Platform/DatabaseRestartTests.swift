import Foundation
import TestSupport
import XCTest

/// PostgreSQL stopped under a running server: requests that need it get `503` with `Retry-After`,
/// `/healthz` keeps answering, and once PostgreSQL is back the server recovers by itself.
final class DatabaseRestartTests: XCTestCase {
    func testServerAnswers503WhileDatabaseIsDownAndRecovers() throws {
        let database = try TestDatabase()
        let server = try ServerProcess(databaseURL: database.url)
        defer {
            try? TestCluster.start()
            server.stop()
            try? database.drop()
        }
        XCTAssertEqual(try server.get("/readyz").status, 200)

        try TestCluster.stopImmediately()
        let down = try server.get("/readyz")
        XCTAssertEqual(down.status, 503)
        XCTAssertEqual(down.header("Retry-After"), "2")
        XCTAssertEqual(try server.get("/healthz").status, 200, "liveness must not depend on the database")

        try TestCluster.start()
        var recovered = false
        let deadline = Date().addingTimeInterval(15)
        while !recovered && Date() < deadline {
            recovered = (try? server.get("/readyz").status) == 200
            if !recovered { Thread.sleep(forTimeInterval: 0.2) }
        }
        XCTAssertTrue(recovered, "the server did not recover after PostgreSQL restarted")
        XCTAssertTrue(server.isRunning)
    }
}
