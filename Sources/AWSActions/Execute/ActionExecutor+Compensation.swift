import Foundation
import IncidentModel

/// Compensation: when a resource's change stage fails after something may
/// have changed, the definition's `onFailure` steps run for it at once, with
/// everything it captured so far, each recorded (stage `compensate`). A
/// failing compensation step does not stop the next: each is a separate
/// attempt at a safe state (for `ec2.isolate`: no interface left on the
/// allow-all transition group). What they did is said in one line, appended
/// to the resource's error, so the run's error says it too.
extension ActionExecutor {
    /// Runs the compensation of `resources` and returns, per resource id, what it did.
    func compensate(_ plan: ActionPlan, resources: [(PlannedResource, TemplateValues)],
                    onStep: (ActionStepRecord) throws -> Void) throws -> [String: String] {
        var compensation = plan
        compensation.resources = resources.map(\.0)
        compensation.values = Dictionary(resources.map { ($0.0.id, $0.1) }, uniquingKeysWith: { $1 })
        compensation.stages = [.compensate]
        var records: [ActionStepRecord] = []
        let outcome = try execute(compensation, force: true) { record in
            records.append(record)
            try onStep(record)
        }
        var said: [String: String] = [:]
        for (resource, initial) in resources {
            var values = initial
            for (name, json) in outcome.results.first(where: { $0.resource == resource.id })?.captures ?? [:] { values.set(name, json: json) }
            let parts = plan.definition.compensate.compactMap { step in
                Self.said(step, records: records.filter { $0.resource == resource.id && $0.step == step.name }, values: values)
            }
            said[resource.id] = parts.isEmpty ? "nothing needed undoing" : parts.joined(separator: "; ")
        }
        return said
    }

    /// What one compensation step did, for people; nil when it did not run.
    static func said(_ step: ActionStep, records: [ActionStepRecord], values: TemplateValues) -> String? {
        let failed = records.filter { $0.outcome != .succeeded && $0.outcome != .skipped }
        let succeeded = records.filter { $0.outcome == .succeeded }
        var parts: [String] = []
        if let report = step.report, !succeeded.isEmpty {
            let text = ActionPlanner.say(report, values: values)
            let items = succeeded.compactMap(\.item)
            parts.append(items.isEmpty ? text : "\(items.joined(separator: ", ")) \(text)")
        }
        for record in failed {
            parts.append("\(step.name) failed\(record.item.map { " on \($0)" } ?? ""): \(record.error ?? record.outcome.rawValue)")
        }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }

    /// Where a repeated step failed, for its resource's error: ` failed on eni-…`; empty for a step not repeated.
    static func failedOn(_ item: String?) -> String {
        item.map { " failed on \($0)" } ?? ""
    }
}
