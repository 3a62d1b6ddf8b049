/// The QR code of a receipt's tracking link, as inline SVG drawn by Guichet itself (no external
/// service sees the link, which carries the tracking key).
func receiptQRCodeSVG(for url: String) -> String {
    (try? QRCode(url).svg(moduleSize: 4, title: url)) ?? ""
}
