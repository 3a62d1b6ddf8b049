/// The router is the server's usual responder: it matches on the event loop (cheap, never blocks)
/// and runs the handler where its route says.
extension Router: Responder {
    /// Matches once and returns the work to run; unmatched requests are answered inline.
    public func route(_ request: Request) -> RoutedRequest {
        let match = match(method: request.method, path: request.rawPath)
        switch match {
        case .found(_, let execution, let parameters, let pattern):
            var routed = RoutedRequest(execution: execution, routePattern: pattern) { handle(request, match: match) }
            if case .evented(let start) = execution {
                var matched = request
                matched.setRoute(parameters: parameters, pattern: pattern)
                routed.startOnLoop = { [matched] reply in start(matched, reply) }
            }
            return routed
        case .methodNotAllowed, .notFound, .invalidPath:
            return RoutedRequest(execution: .inline, routePattern: nil) { handle(request, match: match) }
        }
    }
}
