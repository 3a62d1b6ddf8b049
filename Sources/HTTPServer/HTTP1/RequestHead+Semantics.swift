extension RequestHead {
    /// Whether the connection stays open after this request (RFC 9112 §9.3): HTTP/1.1 persists
    /// unless a `Connection` field lists `close`; HTTP/1.0 persists only when it lists `keep-alive`
    /// (and not `close`). Tokens compare case-insensitively, across all `Connection` fields.
    public var keepAlive: Bool {
        if FieldValueList.containsToken(headers, "connection", "close") { return false }
        switch version {
        case .http11: return true
        case .http10: return FieldValueList.containsToken(headers, "connection", "keep-alive")
        }
    }

    /// Whether the client waits for `100 Continue` before sending the body (RFC 9110 §10.1.1):
    /// true for `Expect: 100-continue` (any case), false without `Expect`. Any other expectation
    /// throws `unsupportedExpectation` (`417`), as the RFC allows for expectations we cannot meet.
    public func expectation() throws(HTTPParseError) -> Bool {
        var expects = false
        for field in headers where HeaderFields.equalNames(field.name, "expect") {
            for element in FieldValueList.elements(field.value) {
                guard FieldValueList.equalsIgnoringCase(element, "100-continue") else {
                    throw HTTPParseError(.unsupportedExpectation)
                }
                expects = true
            }
        }
        return expects
    }
}

extension RequestHead {
    /// Brings the target to origin-form (`/path?query`), the only form handlers see (RFC 9112 §3.2):
    /// - origin-form passes unchanged; `*` only with `OPTIONS` (§3.2.4);
    /// - absolute-form (`http://host/path`) is accepted only when its authority is this request's
    ///   `Host` and is then cut to its path: this server is no proxy, and a target naming another
    ///   host is either a misdirected request or an attempt to make a cache or a log believe one;
    /// - anything else (authority-form, other schemes, a bare word) → `400 invalid_target`.
    public mutating func normalizeTarget() throws(HTTPParseError) {
        if target.hasPrefix("/") { return }
        if target == "*" {
            guard method == .options else { throw HTTPParseError(.invalidTarget) }
            return
        }
        let lowered = target.lowercased()
        let scheme = lowered.hasPrefix("http://") ? "http://" : lowered.hasPrefix("https://") ? "https://" : nil
        guard let scheme else { throw HTTPParseError(.invalidTarget) }
        let rest = target.dropFirst(scheme.count)
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        guard !authority.isEmpty, !authority.contains("@"), let host = headers["host"],
            host.lowercased() == authority.lowercased()
        else { throw HTTPParseError(.invalidTarget) }
        let path = rest[authorityEnd...]
        target = path.hasPrefix("/") ? String(path) : "/" + path
    }
}
