/// One line of the benchmark's table: a measured median, the baseline measured
/// in the same run on the same data, their ratio, and the target.
struct Figure: Encodable {
    /// What was measured, in the words.
    var name: String
    /// The median (nil: not measured, see `note`).
    var value: Double?
    /// Unit of `value` and `baseline`: "ms", "events/s", "bytes", "MB", …
    var unit: String
    /// The baseline's median, when the figure has one.
    var baseline: Double?
    /// What the baseline is ("sqlite3 one transaction", "grep -c", …).
    var baselineLabel: String?
    /// value ÷ baseline.
    var ratio: Double? {
        guard let value, let baseline, baseline != 0 else { return nil }
        return value / baseline
    }
    /// The target as the issue states it.
    var target: String
    /// Whether the target was met; nil when it could not be judged.
    var met: Bool?
    /// How many repetitions the median is over.
    var samples: Int
    /// Extra figures (percentiles, sizes) or why the figure is pending.
    var note: String?

    enum CodingKeys: String, CodingKey {
        case name, value, unit, baseline, baselineLabel, ratio, target, met, samples, note
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(value, forKey: .value)
        try container.encode(unit, forKey: .unit)
        try container.encode(baseline, forKey: .baseline)
        try container.encode(baselineLabel, forKey: .baselineLabel)
        try container.encode(ratio, forKey: .ratio)
        try container.encode(target, forKey: .target)
        try container.encode(met, forKey: .met)
        try container.encode(samples, forKey: .samples)
        try container.encode(note, forKey: .note)
    }

    /// A figure that could not be measured in this run, with the reason.
    static func pending(_ name: String, unit: String, target: String, reason: String) -> Figure {
        Figure(name: name, value: nil, unit: unit, baseline: nil, baselineLabel: nil, target: target, met: nil, samples: 0, note: reason)
    }
}
