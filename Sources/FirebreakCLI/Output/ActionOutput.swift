import AWSActions
import Foundation
import IncidentModel
import IncidentOperations

/// How plans, steps and runs are written for people, and the confirmation before a run.
enum ActionOutput {
    /// An argv as a person would type it, quoted where the shell would need it (display only: nothing is run through a shell).
    static func commandLine(_ arguments: [String]) -> String { CommandLineText.aws(arguments) }

    static func printPlan(_ plan: ActionPlan, callerProblem: String? = nil) {
        for line in ActionPlanText.lines(plan, callerProblem: callerProblem) { Output.line(line) }
    }

    /// Refuses or asks before anything runs: destructive actions need the typed text;
    /// every run needs `--yes` or a "y" on a terminal (a dry run needs neither).
    static func confirm(_ plan: ActionPlan, yes: Bool, typed: String?, dryRun: Bool, quiet: Bool) throws {
        if !plan.confirmationIsFilled, !dryRun {
            throw CLIError("\(plan.definition.id) is destructive and its preview could not read what the run would destroy, so it cannot be confirmed; nothing was run (\(plan.warnings.last ?? "the preview failed"))")
        }
        if let text = plan.confirmationText, !dryRun, typed != text {
            throw CLIError("\(plan.definition.id) is destructive: type --confirm '\(text)' to run it" + (typed == nil ? "" : " (the text given does not match)"))
        }
        if yes || dryRun { return }
        guard isatty(0) == 1 else {
            throw CLIError("refusing to run \(plan.definition.id) without --yes (stdin is not a terminal to ask on)")
        }
        printPlan(plan)
        FileHandle.standardError.write(Data("Run these commands? [y/N] ".utf8))
        let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased()
        guard answer == "y" || answer == "yes" else { throw CLIError("not run") }
    }

    /// What a run's progress is told to: printing, unless `quiet` (JSON asked for).
    static func progress(quiet: Bool) -> (ActionRunFlow.Progress) -> Void {
        quiet ? { _ in } : { printProgressLines($0) }
    }

    /// A run as it goes, for people: its start, each step, a query's records and, when
    /// there are several resources, which of them made it.
    private static func printProgressLines(_ progress: ActionRunFlow.Progress) {
        switch progress {
        case .started(let plan, let dryRun):
            Output.line("\(plan.runID): \(plan.undoes.map { "undo of \($0) " } ?? "")\(plan.definition.id)\(dryRun ? " (dry run)" : "")")
        case .verificationStarted(let runID):
            Output.line("\(runID): \(ContainmentVerifier.actionID)")
        case .step(let step):
            printStep(step)
        case .executed(let plan, let outcome):
            // A query's results: its records, oldest first, one line each.
            for resource in plan.resources {
                for record in outcome.records[resource.id] ?? [] {
                    let time = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: Double(record.timestampMs) / 1000))
                    Output.line("  \(time) \(record.isError ? "ERROR " : "")\(record.message)".terminalSafe)
                }
            }
            if outcome.results.count > 1 {
                // Which resources made it, when there are several.
                for result in outcome.results {
                    Output.line("  \(result.resource): \(result.status.rawValue)\(result.error.map { " (\($0))" } ?? "")")
                }
            }
        }
    }

    static func printStep(_ step: ActionStepRecord) {
        let mark = ["succeeded": "✓", "failed": "✗", "timed-out": "⏱", "skipped": "·", "interrupted": "■"][step.outcome.rawValue] ?? "?"
        Output.line("  \(mark) \(step.resource) \(step.step) (\(step.durationMs) ms): \(step.argv.isEmpty ? (step.outcome == .skipped ? "not called" : "computed by Firebreak, no aws call") : commandLine(step.argv))")
        if let error = step.error { Output.line("      \(error)") }
        if step.evidence == true, let body = step.stdoutBody { Output.line("      evidence: \(body.bytes) bytes, SHA-256 \(body.sha256) (firebreak body \(body.sha256))") }
    }

    /// The run's outcome: JSON or a line; a run that did not succeed, or one
    /// a signal came during, ends the command with one line on stderr (after a
    /// signal, with 128 + its number, as if it had ended the process).
    static func finish(_ run: ActionRun, json: Bool, signal: Int32? = nil) throws {
        if json {
            try Output.json(.actionRun(run))
        } else {
            Output.line("\(run.runID): \(run.status.rawValue)")
        }
        if let signal {
            let steps = "\(run.steps.count) recorded step\(run.steps.count == 1 ? "" : "s")"
            let what = run.status == .interrupted
                ? "recorded as interrupted after \(steps); the aws call that was running, if any, was stopped"
                : "it had already ended \(run.status.rawValue) (\(steps))"
            throw CLIError("\(run.runID) \(RunSignals.name(signal)): \(what)", exitCode: 128 + signal)
        }
        if run.status != .succeeded {
            throw CLIError("\(run.runID) \(run.status.rawValue): \(run.error ?? "see firebreak show")")
        }
    }
}
