/// Collects routes, then builds an immutable `Router`. Like Hummingbird's router builder, it validates
/// itself: `build()` refuses an invalid pattern or two routes of the same method and shape, so a
/// clash is found when the server starts, not when the wrong handler answers a request.
public struct RouterBuilder: Sendable {
    /// One registration, kept in order so errors and `allRoutes` follow the source.
    struct Entry: Sendable {
        var method: HTTPMethod
        var pattern: String
        var execution: HandlerExecution
        var handler: Handler
    }

    private var entries: [Entry] = []

    /// Called with an error a handler threw that was not an `HTTPError`, and the route pattern (never the
    /// raw path or query, which may hold tracking keys). The client only sees a generic 500.
    public var onUnexpectedError: (@Sendable (any Error, String) -> Void)?

    /// An empty builder.
    public init() {}

    /// Registers `handler` for `method` requests whose path matches `pattern`. Errors are reported by `build()`.
    public mutating func add(
        _ method: HTTPMethod, _ pattern: String, execution: HandlerExecution = .blocking,
        _ handler: @escaping Handler
    ) {
        entries.append(Entry(method: method, pattern: pattern, execution: execution, handler: handler))
    }

    /// Registers a `GET` route (which also answers `HEAD`, unless a `HEAD` route is registered).
    public mutating func get(_ pattern: String, execution: HandlerExecution = .blocking, _ handler: @escaping Handler) {
        add(.get, pattern, execution: execution, handler)
    }

    /// Registers a `POST` route.
    public mutating func post(_ pattern: String, execution: HandlerExecution = .blocking, _ handler: @escaping Handler)
    {
        add(.post, pattern, execution: execution, handler)
    }

    /// Registers a `PUT` route.
    public mutating func put(_ pattern: String, execution: HandlerExecution = .blocking, _ handler: @escaping Handler) {
        add(.put, pattern, execution: execution, handler)
    }

    /// Registers a `PATCH` route.
    public mutating func patch(
        _ pattern: String, execution: HandlerExecution = .blocking, _ handler: @escaping Handler
    ) {
        add(.patch, pattern, execution: execution, handler)
    }

    /// Registers a `DELETE` route.
    public mutating func delete(
        _ pattern: String, execution: HandlerExecution = .blocking, _ handler: @escaping Handler
    ) {
        add(.delete, pattern, execution: execution, handler)
    }

    /// Builds the router, refusing the first invalid pattern or clashing route in registration order.
    public func build() throws(RouterError) -> Router {
        var nodes = [Router.Node()]
        var shapes: [String: String] = [:]  // "METHOD shape" → first pattern with that shape
        var literalPaths: [String: Int] = [:]
        for entry in entries {
            let pattern = try RoutePattern(entry.pattern)
            let key = "\(entry.method) \(pattern.shape)"
            if let existing = shapes[key] {
                throw RouterError.clash(method: entry.method, pattern: entry.pattern, existing: existing)
            }
            shapes[key] = entry.pattern
            let route = Router.Route(
                handler: entry.handler, execution: entry.execution, pattern: entry.pattern,
                parameterNames: pattern.parameterNames)
            var node = 0
            for segment in pattern.segments {
                switch segment {
                case .literal(let text):
                    if let child = nodes[node].literals[text] {
                        node = child
                    } else {
                        nodes.append(Router.Node())
                        nodes[node].literals[text] = nodes.count - 1
                        node = nodes.count - 1
                    }
                case .parameter:
                    if let child = nodes[node].parameter {
                        node = child
                    } else {
                        nodes.append(Router.Node())
                        nodes[node].parameter = nodes.count - 1
                        node = nodes.count - 1
                    }
                case .catchAll:
                    // The shape check above already guarantees one catch-all per method here.
                    nodes[node].catchAll.add(entry.method, route)
                }
            }
            if case .catchAll = pattern.segments.last {} else { nodes[node].routes.add(entry.method, route) }
            // No parameter and no catch-all: only literals.
            if pattern.parameterNames.isEmpty { literalPaths[entry.pattern] = node }
        }
        return Router(
            nodes: nodes, literalPaths: literalPaths, allRoutes: entries.map { ($0.method, $0.pattern) },
            onUnexpectedError: onUnexpectedError)
    }
}

/// The result of matching a method and path.
public enum RouteMatch: Sendable {
    /// A route matched: its handler, how to run it, the decoded path parameters and the pattern as registered.
    case found(handler: Handler, execution: HandlerExecution, parameters: [String: String], pattern: String)
    /// The path matches routes, but none for this method → `405` with `Allow`.
    case methodNotAllowed(allowed: [HTTPMethod])
    /// No route matches the path → `404`.
    case notFound
    /// The path does not percent-decode (bad escape, `%00`, invalid UTF-8) → `400`.
    case invalidPath(PercentDecodingError)
}

extension Request {
    /// What the matched route tells its handler: the decoded path parameters and the pattern.
    /// In place, so the request is not copied on every request's way to its handler.
    mutating func setRoute(parameters: [String: String], pattern: String) {
        pathParameters = parameters
        routePattern = pattern
    }
}

/// An immutable routing table: a tree of path segments (no regular expressions), matched in
/// O(segments) in the usual case. Literal segments win over parameters, which win over a catch-all;
/// when a more specific branch fails deeper down the next one is tried. `HEAD` falls back to `GET`.
public struct Router: Sendable {
    /// A registered route.
    struct Route: Sendable {
        var handler: Handler
        var execution: HandlerExecution
        var pattern: String
        var parameterNames: [String]
    }

    /// One node of the segment tree. Children are indices into `nodes`, which keeps the tree a plain
    /// value with no reference cycles and makes it trivially `Sendable` once built.
    struct Node: Sendable {
        var literals: [String: Int] = [:]
        var parameter: Int?
        var routes = MethodTable()
        var catchAll = MethodTable()
    }

    /// The routes of one node by method: a short array scanned linearly, faster than hashing a method
    /// for the two or three entries a node has.
    struct MethodTable: Sendable {
        private var entries: [(method: HTTPMethod, route: Route)] = []

        var isEmpty: Bool { entries.isEmpty }
        var methods: [HTTPMethod] { entries.map(\.method) }

        /// Adds a route; the builder's shape check guarantees the method is not there yet.
        mutating func add(_ method: HTTPMethod, _ route: Route) { entries.append((method, route)) }

        /// The route for `method`, with `HEAD` answered by `GET` when no `HEAD` route exists (RFC 9110 §9.3.2).
        func pick(_ method: HTTPMethod) -> Route? {
            var get: Route?
            for entry in entries {
                if entry.method == method { return entry.route }
                if entry.method == .get { get = entry.route }
            }
            return method == .head ? get : nil
        }
    }

    private let nodes: [Node]
    /// The node of every pattern without parameters, by the length of its text, then its text: a
    /// raw path equal to one of them (so without `%`, which literals cannot hold) ends there, and
    /// the literal branch the tree search tries first would find it. A length and a byte
    /// comparison instead of splitting and decoding the path (`/healthz`, the pages, the session
    /// endpoints); not a hash, since hashing a `String` cost more than the search it saved.
    private let literalPaths: [[(text: String, node: Int)]]
    private let onUnexpectedError: (@Sendable (any Error, String) -> Void)?

    /// Every registered route as `(method, pattern)`, in registration order (for the OpenAPI consistency test).
    public let allRoutes: [(HTTPMethod, String)]

    init(
        nodes: [Node], literalPaths: [String: Int], allRoutes: [(HTTPMethod, String)],
        onUnexpectedError: (@Sendable (any Error, String) -> Void)?
    ) {
        self.nodes = nodes
        var byLength = [[(text: String, node: Int)]](
            repeating: [], count: (literalPaths.keys.map(\.utf8.count).max() ?? 0) + 1)
        for (text, node) in literalPaths { byLength[text.utf8.count].append((text, node)) }
        self.literalPaths = byLength
        self.allRoutes = allRoutes
        self.onUnexpectedError = onUnexpectedError
    }

    /// The node of the parameterless pattern whose text is `path`, if one is.
    private func literalNode(_ path: Substring) -> Int? {
        let length = path.utf8.count
        guard length < literalPaths.count, !literalPaths[length].isEmpty else { return nil }
        var path = path
        return path.withUTF8 { bytes in
            literalPaths[length].first { candidate in
                var text = candidate.text
                return text.withUTF8 { $0.elementsEqual(bytes) }
            }?.node
        }
    }

    /// Finds the route for `method` and a raw (still percent-encoded) `path` without its query.
    /// Each segment is percent-decoded once; parameters must be non-empty; a trailing slash is a
    /// different path (`/a/` does not match `/a`).
    public func match(method: HTTPMethod, path: Substring) -> RouteMatch {
        guard path.utf8.first == UInt8(ascii: "/") else { return .notFound }
        // Anything else (another method, a 405) takes the full search, which collects `Allow`.
        if let node = literalNode(path),
            let route = nodes[node].routes.pick(method)
        {
            return .found(handler: route.handler, execution: route.execution, parameters: [:], pattern: route.pattern)
        }
        var segments: [String] = []
        if path.utf8.count > 1 {
            var offset = 1
            // Split on bytes, not Characters: grapheme breaking is slow and `/` is always one byte.
            for raw in path.utf8.dropFirst().split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false) {
                do {
                    segments.append(try PercentDecoding.decode(Substring(raw)))
                } catch {
                    return .invalidPath(PercentDecodingError(error.reason, offset: offset + error.offset))
                }
                offset += raw.count + 1
            }
        }
        var captures: [String] = []
        var allowed: Set<HTTPMethod> = []
        if let route = search(0, segments, 0, method, &captures, &allowed) {
            var parameters: [String: String] = [:]
            for (name, value) in zip(route.parameterNames, captures) { parameters[name] = value }
            return .found(
                handler: route.handler, execution: route.execution, parameters: parameters, pattern: route.pattern)
        }
        if allowed.isEmpty { return .notFound }
        if allowed.contains(.get) { allowed.insert(.head) }
        return .methodNotAllowed(allowed: allowed.sorted { Self.rank($0) < Self.rank($1) })
    }

    /// Convenience for a `String` path.
    public func match(method: HTTPMethod, path: String) -> RouteMatch {
        match(method: method, path: path[...])
    }

    /// Depth-first search in priority order: literal, parameter, catch-all. Collects the methods of
    /// every node whose path matched, for the `Allow` header, when no route for `method` is found.
    private func search(
        _ index: Int, _ segments: [String], _ depth: Int, _ method: HTTPMethod,
        _ captures: inout [String], _ allowed: inout Set<HTTPMethod>
    ) -> Route? {
        // Read fields through `nodes[index]` rather than copying the node: no retain of every table.
        if depth == segments.count {
            if let route = nodes[index].routes.pick(method) { return route }
            allowed.formUnion(nodes[index].routes.methods)
        } else {
            let segment = segments[depth]
            if let child = nodes[index].literals[segment],
                let route = search(child, segments, depth + 1, method, &captures, &allowed)
            {
                return route
            }
            if let child = nodes[index].parameter, !segment.isEmpty {
                captures.append(segment)
                if let route = search(child, segments, depth + 1, method, &captures, &allowed) { return route }
                captures.removeLast()
            }
        }
        if !nodes[index].catchAll.isEmpty {
            if let route = nodes[index].catchAll.pick(method) {
                captures.append(segments[depth...].joined(separator: "/"))
                return route
            }
            allowed.formUnion(nodes[index].catchAll.methods)
        }
        return nil
    }

    /// A stable order for `Allow`: the common methods first, others by name.
    private static func rank(_ method: HTTPMethod) -> String {
        switch method {
        case .get: "0"
        case .head: "1"
        case .post: "2"
        case .put: "3"
        case .patch: "4"
        case .delete: "5"
        case .options: "6"
        case .other(let token): "7" + token
        }
    }

    /// Matches `request` and runs its handler (see `handle(_:match:)`).
    public func handle(_ request: Request) -> Response {
        handle(request, match: match(method: request.method, path: request.rawPath))
    }

    /// Answers `request` for an already computed `match` (the connection matches first to pick the
    /// thread, then runs this): sets `pathParameters` and `routePattern`, calls the handler, turns a
    /// thrown `HTTPError` into its problem response and any other error into a `500 internal_error`
    /// that reveals nothing of the error. `404`, `405` (with `Allow`) and `400` are problems too.
    /// An error that knows its HTTP meaning (`HTTPErrorConvertible`, e.g. a lost database
    /// connection → `503`) becomes that problem. For `HEAD` the connection drops the body.
    public func handle(_ request: Request, match: RouteMatch) -> Response {
        var response: Response
        switch match {
        case .found(let handler, _, let parameters, let pattern):
            var request = request
            request.setRoute(parameters: parameters, pattern: pattern)
            do {
                response = try handler(request)
            } catch {
                let problem = HTTPError(answering: error)
                if problem.status.code >= 500 && !(error is HTTPError) { onUnexpectedError?(error, pattern) }
                response = problem.response
            }
        case .methodNotAllowed(let allowed):
            let allow = allowed.map(\.description).joined(separator: ", ")
            response =
                HTTPError(
                    .methodNotAllowed, code: "method_not_allowed",
                    detail: "This resource does not support this method; see Allow.",
                    headers: ["Allow": allow]
                ).response
        case .notFound:
            response = HTTPError(.notFound, code: "not_found", detail: "No resource exists at this path.").response
        case .invalidPath:
            response =
                HTTPError(
                    .badRequest, code: "invalid_path", detail: "The request path is not validly percent-encoded."
                ).response
        }
        // HEAD keeps the GET body here: the connection sends its length and drops the bytes.
        return response
    }
}
