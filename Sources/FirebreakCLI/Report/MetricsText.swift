import Foundation
import IncidentModel

/// Metrics as short lines for people: the "Metrics" block of `show` and of the reports.
enum MetricsText {
    /// `21m 00s`, or `— reason` when the record cannot support a number.
    static func value(_ metric: MetricValue) -> String {
        if let seconds = metric.seconds { return Output.duration(seconds) }
        return "n/a: \(metric.reason ?? "unknown")"
    }

    /// The four headline durations, labelled.
    static func headline(_ metrics: IncidentMetrics) -> [(label: String, value: MetricValue)] {
        [("Time to detect", metrics.timeToDetect), ("Time to contain", metrics.timeToContain),
         ("Time to eradicate", metrics.timeToEradicate), ("Time to recover", metrics.timeToRecover),
         ("Total duration", metrics.totalDuration)]
    }

    /// `5 runs: 3 succeeded, 1 failed, 1 undone (1 dry run, 1 undo), 12 aws calls`.
    static func actions(_ tally: ActionTally) -> String {
        var text = "\(tally.runs) run\(tally.runs == 1 ? "" : "s"): \(tally.succeeded) succeeded, \(tally.failed) failed, \(tally.undone) undone"
        if tally.running > 0 { text += ", \(tally.running) unfinished" }
        if tally.dryRuns > 0 || tally.undoRuns > 0 { text += " (\(tally.dryRuns) dry run\(tally.dryRuns == 1 ? "" : "s"), \(tally.undoRuns) undo\(tally.undoRuns == 1 ? "" : "s"))" }
        return text + ", \(tally.awsCalls) aws call\(tally.awsCalls == 1 ? "" : "s")"
    }

    /// `alice (12), bob (3)`.
    static func operators(_ metrics: IncidentMetrics) -> String {
        metrics.operators.map { "\($0.name) (\($0.events))" }.joined(separator: ", ")
    }

    /// The whole block as lines (not yet terminal-safe: `Output.line` makes them so).
    static func lines(_ metrics: IncidentMetrics) -> [String] {
        var lines = headline(metrics).map { "\(Output.column($0.label, 18)) \(value($0.value))" }
        if let first = metrics.firstMaliciousActivity {
            lines.append("\(Output.column("Attack first seen", 18)) \(Timestamp.format(first.at)) (\(first.source))")
        }
        lines.append("\(Output.column("Phase loops", 18)) \(metrics.phaseLoops)")
        lines.append("\(Output.column("Actions", 18)) \(actions(metrics.actions))")
        lines.append("\(Output.column("Operators", 18)) \(operators(metrics))")
        return lines
    }
}
