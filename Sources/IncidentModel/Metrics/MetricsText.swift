import Foundation

/// Metrics as short lines for people: the "Metrics" block of `show`, of the
/// reports and of the console's metrics view.
public enum MetricsText {
    /// `21m 00s`, or `— reason` when the record cannot support a number.
    public static func value(_ metric: MetricValue) -> String {
        if let seconds = metric.seconds { return duration(seconds) }
        return "n/a: \(metric.reason ?? "unknown")"
    }

    /// The four headline durations, labelled.
    public static func headline(_ metrics: IncidentMetrics) -> [(label: String, value: MetricValue)] {
        [("Time to detect", metrics.timeToDetect), ("Time to contain", metrics.timeToContain),
         ("Time to eradicate", metrics.timeToEradicate), ("Time to recover", metrics.timeToRecover),
         ("Total duration", metrics.totalDuration)]
    }

    /// `5 runs: 3 succeeded, 1 failed, 1 undone (1 dry run, 1 undo), 12 aws calls`.
    public static func actions(_ tally: ActionTally) -> String {
        var text = "\(tally.runs) run\(tally.runs == 1 ? "" : "s"): \(tally.succeeded) succeeded, \(tally.failed) failed, \(tally.undone) undone"
        if tally.running > 0 { text += ", \(tally.running) unfinished" }
        if tally.dryRuns > 0 || tally.undoRuns > 0 { text += " (\(tally.dryRuns) dry run\(tally.dryRuns == 1 ? "" : "s"), \(tally.undoRuns) undo\(tally.undoRuns == 1 ? "" : "s"))" }
        return text + ", \(tally.awsCalls) aws call\(tally.awsCalls == 1 ? "" : "s")"
    }

    /// `alice (12), bob (3)`.
    public static func operators(_ metrics: IncidentMetrics) -> String {
        metrics.operators.map { "\($0.name) (\($0.events))" }.joined(separator: ", ")
    }

    /// The whole block as lines (not yet terminal-safe: `Output.line` makes them so).
    public static func lines(_ metrics: IncidentMetrics) -> [String] {
        var lines = headline(metrics).map { "\(column($0.label, 18)) \(value($0.value))" }
        if let first = metrics.firstMaliciousActivity {
            lines.append("\(column("Attack first seen", 18)) \(Timestamp.format(first.at)) (\(first.source))")
        }
        lines.append("\(column("Phase loops", 18)) \(metrics.phaseLoops)")
        lines.append("\(column("Actions", 18)) \(actions(metrics.actions))")
        lines.append("\(column("Operators", 18)) \(operators(metrics))")
        return lines
    }

    /// `1h 02m`, `4m 05s`, `12s`.
    public static func duration(_ seconds: TimeInterval) -> String {
        let total = Int(seconds.rounded())
        let (hours, minutes, secs) = (total / 3600, (total % 3600) / 60, total % 60)
        if hours > 0 { return String(format: "%dh %02dm", hours, minutes) }
        if minutes > 0 { return String(format: "%dm %02ds", minutes, secs) }
        return "\(secs)s"
    }

    private static func column(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
