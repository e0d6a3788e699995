import LogTail

/// The log pane's lines as shown: the ring itself when nothing is filtered
/// (no copy), else the positions in it the filter admits.
struct VisibleLogLines: RandomAccessCollection {
    let lines: RingBuffer<PaneLine>
    /// Positions in `lines`, oldest first; nil: all of them.
    let positions: [Int]?

    var startIndex: Int { 0 }
    var endIndex: Int { positions?.count ?? lines.count }

    subscript(index: Int) -> PaneLine {
        lines[positions?[index] ?? index]
    }
}
