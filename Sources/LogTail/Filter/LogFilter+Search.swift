/// Which way `n` (forward) and `N` (backward) move.
public enum LogSearchDirection: Hashable, Sendable {
    /// Towards newer lines (higher positions).
    case forward
    /// Towards older lines (lower positions).
    case backward
}

extension LogFilter {
    /// The position of the next line the filter admits, for `n` / `N`.
    ///
    /// Starts just after (forward) or just before (backward) `position`, or at
    /// the oldest (forward) / newest (backward) line when `position` is nil,
    /// and wraps around the ends when `wrapping` is true, as `less` and vim
    /// do. Returns nil when no line matches or the filter has no query (there
    /// is nothing to search for).
    ///
    /// A pane that keeps its filter and its search apart uses one
    /// `LogFilter` for each.
    public func position<Lines: RandomAccessCollection>(
        after position: Int?, in lines: Lines, direction: LogSearchDirection, wrapping: Bool = true
    ) -> Int? where Lines.Element == LogLine, Lines.Index == Int {
        guard pattern != nil, !lines.isEmpty else { return nil }
        let range = lines.startIndex..<lines.endIndex
        let count = lines.count
        let start: Int
        switch (direction, position) {
        case (.forward, nil): start = range.lowerBound
        case (.backward, nil): start = range.upperBound - 1
        case (.forward, let current?): start = current + 1
        case (.backward, let current?): start = current - 1
        }
        let step = direction == .forward ? 1 : -1
        for offset in 0..<count {
            var candidate = start + step * offset
            if !range.contains(candidate) {
                guard wrapping else { return nil }
                candidate = range.lowerBound + ((candidate - range.lowerBound) % count + count) % count
            }
            if admits(lines[candidate]) { return candidate }
        }
        return nil
    }
}
