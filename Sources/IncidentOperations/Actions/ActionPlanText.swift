import AWSActions
import Foundation
import IncidentModel

/// A plan as people read it: the lines `firebreak action plan` prints, each
/// call the exact argv that will run.
public enum ActionPlanText {
    /// A planned call as a person reads it; a step Firebreak computes itself calls nothing.
    public static func planned(_ call: ActionPlan.Call) -> String {
        call.arguments.isEmpty ? "(\(call.step): no aws call)" : CommandLineText.aws(call.arguments)
    }

    /// Who reads the plan: the lines differ only in how to confirm and undo, never in a command.
    public enum Audience: Sendable {
        /// `firebreak action plan`, and `action run` before it asks.
        case commandLine
        /// The console's plan overlay: confirmation is typed there, undo is a key away.
        case console
    }

    /// The plan, one line each, as `action plan` prints it.
    public static func lines(_ plan: ActionPlan, callerProblem: String? = nil, for audience: Audience = .commandLine) -> [String] {
        var lines: [String] = []
        let definition = plan.definition
        lines.append("\(plan.undoes.map { "Undo \($0): " } ?? "")\(definition.id) (\(definition.risk.rawValue)) on \(plan.resources.map(\.id).joined(separator: ", "))")
        lines.append("  \(definition.summary)")
        for line in callerLines(plan, problem: callerProblem) {
            lines.append("  " + (audience == .console ? line.replacingOccurrences(of: "without --allow-self", with: "unless you type the confirmation") : line))
        }
        if let undone = plan.undoes {
            let putBack = plan.resources.map(\.id)
            let others = plan.undoneRunResources.filter { !putBack.contains($0) }
            if !others.isEmpty {
                lines.append("  puts back \(putBack.joined(separator: ", ")) only; the rest of \(undone) is not touched: \(others.joined(separator: ", "))")
            }
        }
        if let notice = plan.undoNotice { lines.append("  note: \(notice)") }
        if let file = definition.definitionFile { lines.append("  definition: \(file) (a file, not the built-in catalog)") }
        if let warning = definition.warning, plan.undoes == nil { lines.append("  warning: \(warning)") }
        if !plan.parameters.isEmpty {
            lines.append("  parameters: " + plan.parameters.keys.sorted().map { "\($0)=\(plan.parameters[$0]!)" }.joined(separator: " "))
        }
        var lastHeading = ""
        for call in plan.calls {
            let heading = "\(call.resource) \(call.stage.rawValue)"
            if heading != lastHeading {
                lines.append("  \(call.resource), \(call.stage == .change ? "change" : call.stage.rawValue):")
                lastHeading = heading
            }
            lines.append("    " + planned(call) + (call.condition.map { "    # \($0)" } ?? ""))
        }
        lines += plan.kept.map { "  " + keptLine($0) }
        if plan.undoes == nil {
            let console = audience == .console ? "X (runs) in the console, or " : ""
            lines.append(definition.isUndoable ? "  undo: \(console)firebreak action undo \(plan.incident) \(plan.runID)" : "  undo: none (\(definition.risk.rawValue))")
        }
        if let text = plan.confirmationText {
            lines.append(audience == .console ? "  destructive: Enter, then type '\(text)'" : "  destructive: run with --confirm '\(text)'")
        }
        return lines
    }

    /// A shared undo step the plan leaves for later, and why, as the plan and `action undo --yes` say it.
    public static func keptLine(_ kept: ActionPlan.KeptStep) -> String {
        "kept, \(kept.resource): \(kept.step), since \(kept.reason)"
    }

    /// Who the plan acts as and what of it is the caller's own, for people
    /// (the console's plan shows the same lines).
    public static func callerLines(_ plan: ActionPlan, problem: String? = nil) -> [String] {
        guard plan.definition.guardsCaller, plan.undoes == nil else { return [] }
        var lines: [String] = []
        if let caller = plan.caller {
            lines.append(caller.actingAs)
        } else {
            lines.append("acting as: unknown" + (problem.map { " (\($0))" } ?? ""))
        }
        for conflict in plan.callerConflicts {
            lines.append("refused without --allow-self: \(conflict.resource) \(conflict.reason)".terminalSafe)
        }
        return lines
    }
}
