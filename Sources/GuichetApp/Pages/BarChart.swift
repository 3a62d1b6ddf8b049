import Foundation

/// A horizontal bar chart as inline SVG drawn by the server (no chart library, no script): one
/// labelled bar per row, the value written beside it, colours from attributes (allowed by the
/// CSP, unlike inline styles). The `<title>` and a table next to it carry the figures for
/// screen readers.
struct BarChart: Sendable {
    struct Bar: Sendable {
        var label: String
        var value: Double?
        var text: String
    }

    var title: String
    var bars: [Bar]
    var maximum: Double
    var rightToLeft: Bool

    func svg() -> HTML {
        let rowHeight = 28
        let labelWidth = 220
        let barSpace = 300
        let width = labelWidth + barSpace + 70
        let height = max(1, bars.count) * rowHeight + 8
        var out =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" "
            + "aria-label=\"\(HTML.escape(title))\"><title>\(HTML.escape(title))</title>"
        for (index, bar) in bars.enumerated() {
            let y = index * rowHeight + 4
            let length = Int(((bar.value ?? 0) / max(maximum, 0.0001) * Double(barSpace)).rounded())
            // Mirrored for Arabic: labels on the right, bars growing leftwards.
            let labelX = rightToLeft ? width - 4 : labelWidth - 8
            let anchor = rightToLeft ? "start" : "end"
            let barX = rightToLeft ? width - labelWidth - length : labelWidth
            let valueX = rightToLeft ? barX - 6 : labelWidth + length + 6
            let valueAnchor = rightToLeft ? "end" : "start"
            let label = bar.label.count > 28 ? String(bar.label.prefix(27)) + "…" : bar.label
            out +=
                "<text x=\"\(labelX)\" y=\"\(y + 18)\" text-anchor=\"\(anchor)\" direction=\"\(rightToLeft ? "rtl" : "ltr")\" "
            out += "font-size=\"13\" fill=\"#1a1a1a\">\(HTML.escape(label))</text>"
            out +=
                "<rect x=\"\(barX)\" y=\"\(y + 4)\" width=\"\(max(length, bar.value == nil ? 0 : 2))\" height=\"18\" fill=\"#0b5c8a\"/>"
            out +=
                "<text x=\"\(valueX)\" y=\"\(y + 18)\" text-anchor=\"\(valueAnchor)\" font-size=\"13\" fill=\"#1a1a1a\">"
            out += "\(HTML.escape(bar.text))</text>"
        }
        out += "</svg>"
        return HTML(unsafeRaw: out)
    }
}
