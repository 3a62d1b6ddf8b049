/// The `Content-Type` of a static file, chosen from its extension (case-insensitive), and whether it is
/// worth compressing. Text types carry `charset=utf-8` so browsers never guess the encoding of our
/// Arabic and French pages. Unknown extensions are `application/octet-stream`, which browsers download
/// instead of rendering: never sniffed into HTML.
public struct MediaType: Sendable, Hashable, CustomStringConvertible {
    /// The full field value, e.g. `text/html; charset=utf-8`.
    public let value: String
    /// Whether gzip usually shrinks it (text, SVG, JSON); false for already compressed formats.
    public let isCompressible: Bool

    /// Makes a media type.
    public init(_ value: String, isCompressible: Bool) {
        self.value = value
        self.isCompressible = isCompressible
    }

    /// The field value.
    public var description: String { value }

    /// The type for a file extension without the dot (`"css"`), or `octetStream`.
    public static func forExtension(_ fileExtension: some StringProtocol) -> MediaType {
        switch fileExtension.lowercased() {
        case "html", "htm": MediaType("text/html; charset=utf-8", isCompressible: true)
        case "css": MediaType("text/css; charset=utf-8", isCompressible: true)
        case "js", "mjs": MediaType("text/javascript; charset=utf-8", isCompressible: true)
        case "json": MediaType("application/json", isCompressible: true)
        case "map": MediaType("application/json", isCompressible: true)
        case "webmanifest": MediaType("application/manifest+json", isCompressible: true)
        case "svg": MediaType("image/svg+xml", isCompressible: true)
        case "xml": MediaType("application/xml; charset=utf-8", isCompressible: true)
        case "txt": MediaType("text/plain; charset=utf-8", isCompressible: true)
        // Icons are usually uncompressed bitmaps, which gzip shrinks well.
        case "ico": MediaType("image/x-icon", isCompressible: true)
        case "png": MediaType("image/png", isCompressible: false)
        case "jpg", "jpeg": MediaType("image/jpeg", isCompressible: false)
        case "webp": MediaType("image/webp", isCompressible: false)
        case "woff2": MediaType("font/woff2", isCompressible: false)
        case "pdf": MediaType("application/pdf", isCompressible: false)
        default: octetStream
        }
    }

    /// The type for a path, from the extension of its last segment (`/css/site.css` → CSS).
    public static func forPath(_ path: some StringProtocol) -> MediaType {
        let name = path.split(separator: "/", omittingEmptySubsequences: false).last ?? ""
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return octetStream }
        return forExtension(name[name.index(after: dot)...])
    }

    /// `application/octet-stream`: bytes of unknown type.
    public static let octetStream = MediaType("application/octet-stream", isCompressible: false)
}
