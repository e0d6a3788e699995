/// Repeated measurements of one figure. The machines these run on are shared
/// and noisy, so figures quote the median (and percentiles), never one run or a mean.
struct Samples {
    private(set) var values: [Double] = []

    init(_ values: [Double] = []) { self.values = values }

    mutating func add(_ value: Double) { values.append(value) }

    var count: Int { values.count }

    var median: Double { percentile(50) }

    /// Nearest-rank percentile (`p` in 0…100); NaN when empty.
    func percentile(_ p: Double) -> Double {
        guard !values.isEmpty else { return .nan }
        let sorted = values.sorted()
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1
        return sorted[min(max(rank, 0), sorted.count - 1)]
    }
}
