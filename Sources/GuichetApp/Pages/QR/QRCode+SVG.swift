/// SVG rendering of a QR code for the printed receipt.
extension QRCode {
    /// A standalone SVG document: white background, one black `<path>` holding every dark module.
    ///
    /// Horizontal runs of dark modules are merged into one rectangle each, which keeps a
    /// version-5 symbol to a few kilobytes. The drawing is in module units (the `viewBox`
    /// includes the quiet zone, which section 6.3.8 requires to be at least 4 modules wide),
    /// and `width`/`height` scale it to `moduleSize` pixels per module; `crispEdges` stops
    /// anti-aliasing seams between adjacent rectangles.
    ///
    /// - Parameters:
    ///   - moduleSize: pixels per module in the `width` and `height` attributes; at least 1.
    ///   - quietZone: light border in modules; at least 0.
    ///   - title: the accessible name, read out by screen readers; escaped as XML text.
    func svg(moduleSize: Int = 4, quietZone: Int = 4, title: String? = nil) -> String {
        let border = max(0, quietZone)
        let side = size + 2 * border
        let pixels = side * max(1, moduleSize)

        var path = ""
        for y in 0..<size {
            var x = 0
            while x < size {
                guard isDark(x: x, y: y) else {
                    x += 1
                    continue
                }
                let start = x
                while x < size && isDark(x: x, y: y) { x += 1 }
                // Move to the run's top left, then a (x − start)×1 rectangle drawn relatively.
                path += "M\(start + border) \(y + border)h\(x - start)v1h-\(x - start)z"
            }
        }

        var svg = #"<svg xmlns="http://www.w3.org/2000/svg" version="1.1""#
        svg += #" width="\#(pixels)" height="\#(pixels)" viewBox="0 0 \#(side) \#(side)""#
        svg += #" shape-rendering="crispEdges" role="img""#
        if title != nil { svg += #" aria-labelledby="qr-title""# }
        svg += ">"
        if let title { svg += #"<title id="qr-title">\#(Self.escapeXML(title))</title>"# }
        svg += #"<rect width="100%" height="100%" fill="white"/>"#
        svg += #"<path fill="black" d="\#(path)"/>"#
        svg += "</svg>"
        return svg
    }

    /// Escapes the five XML special characters so a title cannot break out of its element.
    static func escapeXML(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&apos;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
