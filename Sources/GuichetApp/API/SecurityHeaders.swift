import Foundation
import HTTPServer

/// The responder the server sees: it resolves where each request comes from (`TrustedProxies`) before
/// the router runs, then adds the browser-hardening headers every response of the application must
/// carry, so no handler can forget them. A header a handler set itself is never replaced: tracking
/// sends `Referrer-Policy: no-referrer`, pages send their own fuller `Content-Security-Policy`.
/// The HTTP server stays ignorant of all this; it only logs the client address given back.
public struct SecurityHeaders: Responder {
    /// The responder being wrapped (the router).
    let inner: any Responder
    /// Whose forwarding headers to believe.
    let proxies: TrustedProxies
    /// Mark every cookie `Secure` whatever the proxy says (`--secure-cookies`).
    let secureCookies: Bool

    /// For JSON and other non-HTML bodies: nothing may load from them, nothing may frame them.
    static let restrictivePolicy = "default-src 'none'; frame-ancestors 'none'"
    /// For HTML that did not set its own policy: at least never framed (clickjacking), without
    /// breaking the page's own scripts and styles.
    static let framingPolicy = "frame-ancestors 'none'"

    /// Wraps `inner`.
    public init(wrapping inner: any Responder, proxies: TrustedProxies, secureCookies: Bool) {
        self.inner = inner
        self.proxies = proxies
        self.secureCookies = secureCookies
    }

    /// Rewrites the client address, routes, and decorates the response on the way out.
    public func route(_ request: Request) -> RoutedRequest {
        let origin = proxies.origin(peer: request.remoteAddress, headers: request.headers)
        var request = request
        request.remoteAddress = origin.client
        var routed = inner.route(request)
        // One of two closures made once: a closure capturing `secure` would cost an allocation per request.
        routed.mapResponse(secureCookies || origin.forwardedHTTPS ? Self.decorateSecure : Self.decoratePlain)
        routed.clientAddress = origin.client
        return routed
    }

    private static let decorateSecure: @Sendable (Response) -> Response = { decorate($0, secureCookies: true) }
    private static let decoratePlain: @Sendable (Response) -> Response = { decorate($0, secureCookies: false) }

    /// Adds the headers a handler left out.
    static func decorate(_ response: Response, secureCookies: Bool) -> Response {
        var response = response
        var headers = response.headers
        headers.reserveCapacity(headers.count + 4)
        func setIfAbsent(_ name: String, _ value: String) {
            if !headers.contains(name) { headers.add(name, value) }
        }
        setIfAbsent("X-Content-Type-Options", "nosniff")
        setIfAbsent("Referrer-Policy", "same-origin")
        setIfAbsent("X-Frame-Options", "DENY")
        let isHTML = headers["Content-Type"]?.hasPrefixIgnoringASCIICase("text/html") ?? false
        setIfAbsent("Content-Security-Policy", isHTML ? framingPolicy : restrictivePolicy)
        if secureCookies {
            let cookies = headers.values("Set-Cookie")
            if cookies.contains(where: { !hasSecureAttribute($0) }) {
                headers.remove("Set-Cookie")
                for cookie in cookies {
                    headers.add("Set-Cookie", hasSecureAttribute(cookie) ? cookie : cookie + "; Secure")
                }
            }
        }
        response.headers = headers
        return response
    }

    static func hasSecureAttribute(_ cookie: String) -> Bool {
        cookie.split(separator: ";").dropFirst().contains {
            $0.trimmingCharacters(in: .whitespaces).lowercased() == "secure"
        }
    }
}
