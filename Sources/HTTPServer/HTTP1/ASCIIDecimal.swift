/// An integer's decimal digits appended to a byte buffer, without building a `String` first:
/// status codes and lengths in every response head, numbers in hand-written JSON.
public enum ASCIIDecimal {
    /// Appends `value` in decimal, with a leading `-` when negative.
    public static func append(_ value: Int, to out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        let magnitude = value.magnitude
        var scale: UInt = 1
        while magnitude / scale >= 10 { scale *= 10 }
        while scale > 0 {
            out.append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: magnitude / scale % 10))
            scale /= 10
        }
    }
}
