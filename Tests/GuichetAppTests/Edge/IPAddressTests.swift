import XCTest
import HTTPServer

@testable import GuichetApp

/// The pure parts of trusted-proxy resolution: address and network parsing, the right-to-left walk.
final class IPAddressTests: XCTestCase {
    func testAddressesParseStrictly() {
        for good in ["127.0.0.1", "0.0.0.0", "255.255.255.255", "::1", "::", "2001:db8::7", "::ffff:192.0.2.1", "fe80:0:0:0:0:0:0:1"] {
            XCTAssertNotNil(IPAddress.parse(Substring(good)), good)
        }
        for bad in ["", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "+1.2.3.4", "1.2.3.4 ", "a.b.c.d", ":::1", "1::2::3",
            "12345::", "1:2:3:4:5:6:7:8:9", "localhost", "1.2.3.4\u{0}", "١.٢.٣.٤"]
        {
            XCTAssertNil(IPAddress.parse(Substring(bad)), bad)
        }
        XCTAssertEqual(IPAddress.parse("::ffff:127.0.0.1"), IPAddress.parse("127.0.0.1"))
    }

    func testNetworks() throws {
        let proxies = try TrustedProxies.parse(["10.0.0.0/8, 192.168.1.1", "fd00::/8"]).get()
        XCTAssertEqual(proxies.networks.map(\.description), ["10.0.0.0/8", "192.168.1.1/32", "fd00:0:0:0:0:0:0:0/8"])
        XCTAssertTrue(proxies.trusts("10.200.3.4"))
        XCTAssertFalse(proxies.trusts("11.0.0.1"))
        XCTAssertTrue(proxies.trusts("192.168.1.1"))
        XCTAssertFalse(proxies.trusts("192.168.1.2"))
        XCTAssertTrue(proxies.trusts("fd12::1"))
        XCTAssertFalse(proxies.trusts("fe12::1"))
        XCTAssertFalse(TrustedProxies().trusts("127.0.0.1"), "nobody is trusted by default")
        for bad in ["10.0.0.0/33", "10.0.0/8", "::/129", "10.0.0.0/-1", "proxy.local"] {
            XCTAssertThrowsError(try TrustedProxies.parse([bad]).get(), bad)
        }
    }

    func testOrigin() throws {
        let proxies = try TrustedProxies.parse(["127.0.0.1,10.0.0.0/8"]).get()
        func headers(_ name: String, _ lines: [String]) -> HeaderFields {
            var fields = HeaderFields()
            for line in lines { fields.add(name, line) }
            return fields
        }
        func client(_ peer: String, _ forwarded: [String]) -> String {
            proxies.origin(peer: peer, headers: headers("X-Forwarded-For", forwarded)).client
        }
        XCTAssertEqual(client("198.51.100.1", ["203.0.113.9"]), "198.51.100.1", "untrusted peer: header ignored")
        XCTAssertEqual(client("127.0.0.1", ["203.0.113.9"]), "203.0.113.9")
        XCTAssertEqual(client("127.0.0.1", ["1.1.1.1, 203.0.113.9, 10.0.0.2"]), "203.0.113.9")
        XCTAssertEqual(client("127.0.0.1", ["1.1.1.1", "203.0.113.9"]), "203.0.113.9", "several header lines")
        XCTAssertEqual(client("127.0.0.1", ["203.0.113.9:4711"]), "203.0.113.9")
        XCTAssertEqual(client("127.0.0.1", ["[2001:db8::1]:80"]), "2001:db8::1")
        XCTAssertEqual(client("127.0.0.1", ["203.0.113.9, garbage"]), "127.0.0.1", "garbage stops at the proxy")
        XCTAssertEqual(client("127.0.0.1", ["10.0.0.3, 10.0.0.2"]), "10.0.0.3", "all trusted: the leftmost")
        XCTAssertEqual(client("127.0.0.1", []), "127.0.0.1")
        XCTAssertTrue(proxies.origin(peer: "127.0.0.1", headers: headers("X-Forwarded-Proto", ["HTTPS"])).forwardedHTTPS)
        XCTAssertFalse(proxies.origin(peer: "192.0.2.1", headers: headers("X-Forwarded-Proto", ["https"])).forwardedHTTPS)
        // Field names match whatever their case (RFC 9110 §5.1).
        XCTAssertEqual(proxies.origin(peer: "127.0.0.1", headers: headers("x-forwarded-for", ["203.0.113.9"])).client,
            "203.0.113.9")
    }
}
