import Foundation
import GuichetCore
import HTTPServer

/// The public, anonymised figures: the open-data files and each office's statistics page.
struct OpenDataAPI: Sendable {
    let workflow: CaseWorkflow
    /// Counts below it are withheld (`guichet serve --opendata-threshold`).
    let threshold: Int

    func register(in router: inout RouterBuilder) {
        router.get("/api/v1/opendata/cases.csv") { _ in
            OpenDataExport(workflow: workflow, threshold: threshold).response(csv: true)
        }
        router.get("/api/v1/opendata/cases.json") { _ in
            OpenDataExport(workflow: workflow, threshold: threshold).response(csv: false)
        }
        router.get("/api/v1/stats/{office}") { request in
            var response = try Response.json(
                PublicStatistics(workflow: workflow, threshold: threshold).statistics(
                    office: request.parameter("office") ?? ""))
            response.headers.add("Cache-Control", "public, max-age=300")
            return response
        }
    }
}
