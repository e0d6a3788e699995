import Foundation

/// A duration metric, or the reason the events cannot support one.
///
/// A report must never print a number it cannot back: when the record lacks
/// the fact a metric starts or ends at, the metric carries a sentence saying
/// what is missing instead.
public enum MetricValue: Sendable, Equatable {
    /// `seconds` from `from` to `to` (both event times, `at`).
    case measured(seconds: TimeInterval, from: Date, to: Date)
    /// Why there is no number, in one sentence for people.
    case unavailable(reason: String)

    /// The measured span between two times (never negative), in whole
    /// milliseconds like every stored time, so equal spans compare equal.
    public static func between(_ from: Date, _ to: Date) -> MetricValue {
        let milliseconds = max(0, to.millisecondsSince1970 - from.millisecondsSince1970)
        return .measured(seconds: Double(milliseconds) / 1000, from: from, to: to)
    }

    /// The number of seconds, or nil when unavailable.
    public var seconds: TimeInterval? {
        if case .measured(let seconds, _, _) = self { return seconds }
        return nil
    }

    /// When the measured span starts, or nil.
    public var from: Date? {
        if case .measured(_, let from, _) = self { return from }
        return nil
    }

    /// When the measured span ends, or nil.
    public var to: Date? {
        if case .measured(_, _, let to) = self { return to }
        return nil
    }

    /// The reason there is no number, or nil when measured.
    public var reason: String? {
        if case .unavailable(let reason) = self { return reason }
        return nil
    }
}
