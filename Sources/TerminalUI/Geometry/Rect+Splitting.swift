extension Rect {
    /// Cuts `count` rows off the top: returns (top, rest). Never more than the
    /// rectangle has.
    public func splitTop(_ count: Int) -> (top: Rect, rest: Rect) {
        let n = min(max(0, count), height)
        return (Rect(x: x, y: y, width: width, height: n), Rect(x: x, y: y + n, width: width, height: height - n))
    }

    /// Cuts `count` rows off the bottom: returns (rest, bottom).
    public func splitBottom(_ count: Int) -> (rest: Rect, bottom: Rect) {
        let n = min(max(0, count), height)
        return (Rect(x: x, y: y, width: width, height: height - n), Rect(x: x, y: maxY - n, width: width, height: n))
    }

    /// Cuts `count` columns off the left: returns (left, rest).
    public func splitLeft(_ count: Int) -> (left: Rect, rest: Rect) {
        let n = min(max(0, count), width)
        return (Rect(x: x, y: y, width: n, height: height), Rect(x: x + n, y: y, width: width - n, height: height))
    }

    /// Cuts `count` columns off the right: returns (rest, right).
    public func splitRight(_ count: Int) -> (rest: Rect, right: Rect) {
        let n = min(max(0, count), width)
        return (Rect(x: x, y: y, width: width - n, height: height), Rect(x: maxX - n, y: y, width: n, height: height))
    }

    /// Side-by-side columns whose widths are proportional to `weights`; the
    /// columns tile the rectangle exactly (rounding goes to the last ones).
    public func columns(weights: [Int]) -> [Rect] {
        Rect.distribute(total: width, weights: weights).map { offset, length in
            Rect(x: x + offset, y: y, width: length, height: height)
        }
    }

    /// Stacked rows whose heights are proportional to `weights`; the rows tile
    /// the rectangle exactly.
    public func rows(weights: [Int]) -> [Rect] {
        Rect.distribute(total: height, weights: weights).map { offset, length in
            Rect(x: x, y: y + offset, width: width, height: length)
        }
    }

    /// `count` equal columns (earlier ones one narrower when it does not divide).
    public func columns(_ count: Int) -> [Rect] { columns(weights: Array(repeating: 1, count: max(0, count))) }

    /// `count` equal rows (earlier ones one shorter when it does not divide).
    public func rows(_ count: Int) -> [Rect] { rows(weights: Array(repeating: 1, count: max(0, count))) }

    private static func distribute(total: Int, weights: [Int]) -> [(Int, Int)] {
        guard !weights.isEmpty else { return [] }
        let clean = weights.map { max(0, $0) }
        let sum = clean.reduce(0, +)
        var result: [(Int, Int)] = []
        var offset = 0
        var cumulative = 0
        for weight in clean {
            cumulative += weight
            let end = sum == 0 ? total * result.count / clean.count : total * cumulative / sum
            result.append((offset, end - offset))
            offset = end
        }
        if sum == 0 {
            // All weights zero: share equally.
            return (0..<clean.count).map { i in
                let start = total * i / clean.count
                return (start, total * (i + 1) / clean.count - start)
            }
        }
        return result
    }
}
