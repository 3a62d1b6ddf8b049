import Locking

/// Request counters and a latency histogram per route, kept for `/metrics` (Prometheus text
/// format). Routes are patterns (`/api/v1/track/{reference}`), never raw paths, so the number of
/// series stays bounded whatever clients send.
public final class HTTPMetrics: ServerObserver {
    private struct Key: Hashable {
        let method: String
        let route: String
        let status: Int
    }

    private struct Histogram {
        var buckets: [Int]
        var count = 0
        var sumSeconds = 0.0

        mutating func record(seconds: Double, bounds: [Double]) {
            if let bucket = bounds.firstIndex(where: { seconds <= $0 }) { buckets[bucket] += 1 }
            count += 1
            sumSeconds += seconds
        }
    }

    /// Upper bounds of the latency buckets, in seconds.
    public static let bucketBounds: [Double] = [
        0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5,
    ]

    private struct State {
        var requests: [Key: Int] = [:]
        var latency: [String: Histogram] = [:]
        var rejected: [Int: Int] = [:]
        /// Evented fast paths by route and outcome ("answered" on the loop, "declined" to a worker).
        var evented: [EventedKey: Int] = [:]
    }

    private struct EventedKey: Hashable {
        let route: String
        let outcome: String
    }

    private let state = Locked(State())

    /// An empty set of metrics.
    public init() {}

    /// Counts a finished request.
    public func requestFinished(_ record: RequestRecord) {
        let route = record.routePattern ?? "unmatched"
        let seconds = Double(record.durationNanoseconds) / 1e9
        state.withLock { state in
            state.requests[
                Key(method: record.method.description, route: route, status: record.status.code), default: 0] += 1
            // Mutated in place: copying the histogram out and back would copy its buckets each time.
            state.latency[route, default: Histogram(buckets: Array(repeating: 0, count: Self.bucketBounds.count))]
                .record(seconds: seconds, bounds: Self.bucketBounds)
            if let evented = record.evented {
                state.evented[EventedKey(route: route, outcome: evented.rawValue), default: 0] += 1
            }
        }
    }

    /// Counts a request the server refused before any handler ran.
    public func requestRejected(status: HTTPStatus, remoteAddress: String) {
        state.withLock { $0.rejected[status.code, default: 0] += 1 }
    }

    /// Appends the metrics in Prometheus text exposition format.
    public func render(into out: inout String) {
        let snapshot = state.withLock { $0 }
        out += "# HELP guichet_http_requests_total Requests answered, by method, route pattern and status.\n"
        out += "# TYPE guichet_http_requests_total counter\n"
        for (key, value) in snapshot.requests.sorted(by: {
            ($0.key.route, $0.key.status) < ($1.key.route, $1.key.status)
        }) {
            out +=
                "guichet_http_requests_total{method=\"\(key.method)\",route=\"\(Self.escape(key.route))\",status=\"\(key.status)\"} \(value)\n"
        }
        out +=
            "# HELP guichet_http_rejected_total Requests refused by the server itself (parse errors, limits, timeouts, overload).\n"
        out += "# TYPE guichet_http_rejected_total counter\n"
        for (status, value) in snapshot.rejected.sorted(by: { $0.key < $1.key }) {
            out += "guichet_http_rejected_total{status=\"\(status)\"} \(value)\n"
        }
        out +=
            "# HELP guichet_http_evented_total Requests started on an event loop's fast path: answered there, or declined to a worker.\n"
        out += "# TYPE guichet_http_evented_total counter\n"
        for (key, value) in snapshot.evented.sorted(by: {
            ($0.key.route, $0.key.outcome) < ($1.key.route, $1.key.outcome)
        }) {
            out +=
                "guichet_http_evented_total{route=\"\(Self.escape(key.route))\",outcome=\"\(key.outcome)\"} \(value)\n"
        }
        out += "# HELP guichet_http_request_duration_seconds Time from complete request to queued response.\n"
        out += "# TYPE guichet_http_request_duration_seconds histogram\n"
        for (route, histogram) in snapshot.latency.sorted(by: { $0.key < $1.key }) {
            let label = Self.escape(route)
            var cumulative = 0
            for (index, bound) in Self.bucketBounds.enumerated() {
                cumulative += histogram.buckets[index]
                out +=
                    "guichet_http_request_duration_seconds_bucket{route=\"\(label)\",le=\"\(bound)\"} \(cumulative)\n"
            }
            out += "guichet_http_request_duration_seconds_bucket{route=\"\(label)\",le=\"+Inf\"} \(histogram.count)\n"
            out += "guichet_http_request_duration_seconds_sum{route=\"\(label)\"} \(histogram.sumSeconds)\n"
            out += "guichet_http_request_duration_seconds_count{route=\"\(label)\"} \(histogram.count)\n"
        }
    }

    private static func escape(_ label: String) -> String {
        label.replacingBackslashesAndQuotes()
    }
}

extension String {
    fileprivate func replacingBackslashesAndQuotes() -> String {
        var out = ""
        for character in self {
            switch character {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.append(character)
            }
        }
        return out
    }
}
