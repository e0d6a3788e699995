/// Whether a line, read whole, can be dropped by a filter before it is made
/// (`LogFilter.unmadeLineDrop`): its text would be its bytes (printable
/// ASCII, not cut for display) and the query's bytes are not in them. Any
/// other line might match once its text is made (a tab expands, an escape
/// shows as `^[`, a cut line ends with a marker), so it is kept for `admits`.
struct UnmadeLineDrop: Sendable {
    let needle: ASCIINeedle
    let displayBytes: Int

    /// True when the line of exactly these bytes is plain and does not match.
    func drops(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count <= displayBytes && needle.firstMatch(in: bytes, from: 0) == nil && LogDisplayText.isPrintableASCII(bytes)
    }
}
