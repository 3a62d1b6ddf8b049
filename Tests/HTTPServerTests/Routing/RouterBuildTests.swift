import XCTest

@testable import HTTPServer

final class RouterBuildTests: XCTestCase {
    func testClashingRoutesAreRefused() {
        let table: [(label: String, routes: [(HTTPMethod, String)], error: RouterError)] = [
            ("same parameter shape", [(.get, "/a/{x}"), (.get, "/a/{y}")],
             .clash(method: .get, pattern: "/a/{y}", existing: "/a/{x}")),
            ("identical", [(.post, "/cases"), (.post, "/cases")],
             .clash(method: .post, pattern: "/cases", existing: "/cases")),
            ("two parameters", [(.patch, "/s/{office}/{code}"), (.patch, "/s/{o}/{c}")],
             .clash(method: .patch, pattern: "/s/{o}/{c}", existing: "/s/{office}/{code}")),
            ("catch-alls", [(.get, "/static/{path...}"), (.get, "/static/{rest...}")],
             .clash(method: .get, pattern: "/static/{rest...}", existing: "/static/{path...}")),
            ("root", [(.get, "/"), (.get, "/")], .clash(method: .get, pattern: "/", existing: "/")),
        ]
        for row in table {
            var builder = RouterBuilder()
            for (method, pattern) in row.routes { builder.add(method, pattern, reply(pattern)) }
            XCTAssertThrowsError(try builder.build(), row.label) { error in
                XCTAssertEqual(error as? RouterError, row.error, row.label)
            }
        }
    }

    func testNonClashingRoutesAreAccepted() throws {
        let table: [(label: String, routes: [(HTTPMethod, String)])] = [
            ("different methods", [(.get, "/a/{x}"), (.delete, "/a/{y}")]),
            ("literal and parameter", [(.get, "/a/{x}"), (.get, "/a/b")]),
            ("parameter and catch-all", [(.get, "/a/{x}"), (.get, "/a/{rest...}")]),
            ("different depth", [(.get, "/a/{x}"), (.get, "/a/{x}/b")]),
            ("root and catch-all", [(.get, "/"), (.get, "/{path...}")]),
        ]
        for row in table {
            var builder = RouterBuilder()
            for (method, pattern) in row.routes { builder.add(method, pattern, reply(pattern)) }
            XCTAssertNoThrow(try builder.build(), row.label)
        }
    }

    func testInvalidPatternsAreRefused() {
        let table: [(String, RouterError.PatternProblem)] = [
            ("api", .missingLeadingSlash),
            ("", .missingLeadingSlash),
            ("/a//b", .emptySegment),
            ("/a/", .emptySegment),
            ("/a/{x", .unclosedParameter("{x")),
            ("/a/{}", .unclosedParameter("{}")),
            ("/a/{1x}", .invalidParameterName("1x")),
            ("/a/{x-y}", .invalidParameterName("x-y")),
            ("/a/{...}", .invalidParameterName("")),
            ("/a/{x}/{x}", .duplicateParameter("x")),
            ("/a/{rest...}/b", .catchAllNotLast("rest")),
            ("/a%20b", .invalidLiteral("a%20b")),
            ("/a b", .invalidLiteral("a b")),
            ("/a}", .invalidLiteral("a}")),
            ("/é", .invalidLiteral("é")),
        ]
        for (pattern, problem) in table {
            var builder = RouterBuilder()
            builder.get(pattern, reply(pattern))
            XCTAssertThrowsError(try builder.build(), pattern) { error in
                XCTAssertEqual(error as? RouterError, .invalidPattern(pattern, problem), pattern)
            }
        }
    }

    func testErrorDescriptionNamesBothRoutes() {
        let error = RouterError.clash(method: .get, pattern: "/a/{y}", existing: "/a/{x}")
        XCTAssertEqual("\(error)", "route GET /a/{y} clashes with GET /a/{x}: both match the same requests")
    }

    func testPatternShape() throws {
        XCTAssertEqual(try RoutePattern("/api/v1/track/{reference}").shape, "/api/v1/track/{}")
        XCTAssertEqual(try RoutePattern("/{path...}").shape, "/{...}")
        XCTAssertEqual(try RoutePattern("/").segments, [])
        XCTAssertEqual(
            try RoutePattern("/s/{office}/{code}").segments,
            [.literal("s"), .parameter("office"), .parameter("code")])
    }
}
