/// How many terminal columns a Unicode scalar occupies.
///
/// The answers follow the C library's `wcwidth` tables (see
/// `DisplayWidth+Tables.swift`) rather than Swift's own Unicode data, because
/// ncursesw and the terminal count columns with the C library: if the canvas
/// disagreed, text after a wide character would be drawn one column off.
public enum DisplayWidth {
    /// The column width of `scalar`: 0 (combining or format), 1, or 2.
    /// Controls and unprintable scalars answer `nil`; the sanitiser never lets
    /// them reach a cell.
    public static func of(_ scalar: Unicode.Scalar) -> Int? {
        let value = scalar.value
        if value < 0x20 || (value >= 0x7F && value < 0xA0) { return nil }
        if value < 0x300 { return 1 }
        if contains(unprintableRanges, value) { return nil }
        if contains(zeroRanges, value) { return 0 }
        if contains(wideRanges, value) { return 2 }
        return 1
    }

    /// The number of columns `text` takes once sanitised, which is exactly what
    /// `Canvas.put` would use with no clipping.
    public static func of(_ text: some StringProtocol) -> Int {
        TextSanitizer.glyphs(text).reduce(0) { $0 + $1.width }
    }

    private static func contains(_ ranges: [ClosedRange<UInt32>], _ value: UInt32) -> Bool {
        var low = 0
        var high = ranges.count - 1
        while low <= high {
            let middle = (low + high) / 2
            let range = ranges[middle]
            if value < range.lowerBound {
                high = middle - 1
            } else if value > range.upperBound {
                low = middle + 1
            } else {
                return true
            }
        }
        return false
    }
}
