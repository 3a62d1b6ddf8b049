import HTTPServer

extension HeaderFields {
    /// The headers of a report or export answered as JSON, or as CSV offered for download as
    /// `filename`: one place for the pair, which the overdue report and the open-data export share.
    static func jsonOrCSV(csv: Bool, filename: String, cacheControl: String) -> HeaderFields {
        var headers: HeaderFields = ["Cache-Control": cacheControl]
        if csv {
            headers.add("Content-Type", "text/csv; charset=utf-8")
            headers.add("Content-Disposition", "attachment; filename=\"\(filename)\"")
        } else {
            headers.add("Content-Type", "application/json")
        }
        return headers
    }
}
