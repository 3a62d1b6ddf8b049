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
