/// A size in terminal cells.
public struct Size: Hashable, Sendable, CustomStringConvertible {
    /// Columns.
    public var width: Int
    /// Rows.
    public var height: Int

    /// A size; negative values are stored as zero so arithmetic on tiny
    /// terminals can never produce an impossible size.
    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
    }

    /// True when either dimension is zero.
    public var isEmpty: Bool { width == 0 || height == 0 }

    /// `true` when this size is at least `other` in both dimensions.
    public func contains(_ other: Size) -> Bool {
        width >= other.width && height >= other.height
    }

    /// Spelled the way the too-small screen shows it: `80×24`.
    public var description: String { "\(width)×\(height)" }
}
