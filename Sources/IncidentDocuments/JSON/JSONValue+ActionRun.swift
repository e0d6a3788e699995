import Foundation
import AWSActions
import IncidentModel
import IncidentOperations

/// The JSON shapes of action runs, plans and catalog entries (../shared/CLI.md:
/// action runs `runId action resources status steps[] (argv exitCode durationMs)`).
extension JSONValue {
    public static func actionRun(_ run: ActionRun) -> JSONValue {
        .object([
            "runId": .string(run.runID), "action": .string(run.action), "risk": .string(run.risk.rawValue),
            "resources": .array(run.resources.map(JSONValue.string)), "status": .string(RunLiveness.shownStatus(run).rawValue),
            "undoes": .string(run.undoes), "undoneBy": .string(run.undoneBy),
            // Resource → the undo run that put it back, so far (an undo may take some of a run's resources).
            "undoneResources": .object(run.undoneResources.mapValues(JSONValue.string)), "dryRun": .bool(run.dryRun),
            "parameters": .object(run.parameters.mapValues(JSONValue.string)),
            "startedAt": .time(run.startedAt), "startedBy": .string(run.startedBy), "finishedAt": .time(run.finishedAt),
            "error": .string(run.error),
            "steps": .array(run.steps.map { step in
                .object([
                    "resource": .string(step.resource), "step": .string(step.step), "stage": .string(step.stage),
                    "argv": .array(step.argv.map(JSONValue.string)), "outcome": .string(step.outcome.rawValue),
                    "exitCode": step.exitCode.map { .int(Int64($0)) } ?? .null, "durationMs": .int(step.durationMs),
                    "stdout": .string(step.stdout), "stderr": .string(step.stderr), "error": .string(step.error),
                    // A batched call's resources (one call for several); null for a call for one.
                    "batch": step.batch.map { .array($0.map(JSONValue.string)) } ?? .null,
                    // The whole output when longer than the event keeps: `firebreak body SHA256` prints it.
                    "stdoutBody": step.stdoutBody.map(JSONValue.storedBody) ?? .null,
                    "stderrBody": step.stderrBody.map(JSONValue.storedBody) ?? .null,
                    // True when stdoutBody is the evidence itself (a console log, a screenshot's JPEG) and its sha256 the evidence's.
                    "evidence": .bool(step.evidence == true),
                    // The item one repetition of a repeated step was for (an interface id); null otherwise.
                    "item": .string(step.item),
                ])
            }),
            "results": .array(run.results.map { result in
                .object([
                    "resource": .string(result.resource), "status": .string(result.status.rawValue),
                    "error": .string(result.error),
                    "recorded": .object(result.captures.mapValues { (try? JSONValue(parsing: $0)) ?? .string($0) }),
                ])
            }),
        ])
    }

    public static func actionDefinition(_ definition: ActionDefinition) -> JSONValue {
        .object([
            "id": .string(definition.id), "phase": .string(definition.phase.rawValue),
            "kinds": .array(definition.kinds.map { .string($0.rawValue) }), "summary": .string(definition.summary),
            "risk": .string(definition.risk.rawValue), "undoable": .bool(definition.isUndoable),
            "warning": .string(definition.warning), "source": .string(definition.source),
            "parameters": .array(definition.parameters.map { parameter in
                .object(["name": .string(parameter.name), "shape": .string(parameter.shape.rawValue),
                         "default": .string(parameter.defaultValue), "required": .bool(parameter.required),
                         "summary": .string(parameter.summary)])
            }),
        ])
    }

    public static func actionPlan(_ plan: ActionPlan, callerProblem: String? = nil) -> JSONValue {
        .object([
            "actingAs": .string(plan.caller?.arn), "actingAsProblem": .string(plan.caller == nil && plan.definition.guardsCaller ? callerProblem : nil),
            "accessKeyInUse": .string(plan.caller?.shownKey),
            "callerConflicts": .array(plan.callerConflicts.map { .object(["resource": .string($0.resource), "reason": .string($0.reason)]) }),
            "undoNotice": .string(plan.undoNotice),
            "action": .string(plan.definition.id), "risk": .string(plan.definition.risk.rawValue),
            "runId": .string(plan.runID), "resources": .array(plan.resources.map { .string($0.id) }),
            "undoes": .string(plan.undoes), "warning": .string(plan.definition.warning),
            "confirm": .string(plan.confirmationText), "undoable": .bool(plan.definition.isUndoable),
            "definitionFile": .string(plan.definition.definitionFile),
            "parameters": .object(plan.parameters.mapValues(JSONValue.string)),
            "commands": .array(plan.calls.map { call in
                .object(["resource": .string(call.resource), "stage": .string(call.stage.rawValue), "step": .string(call.step),
                         "argv": .array(call.arguments.map(JSONValue.string)), "complete": .bool(call.complete),
                         "condition": .string(call.condition), "item": .string(call.item)])
            }),
        ])
    }
}

extension JSONValue {
    public static func storedBody(_ body: StoredBody) -> JSONValue {
        .object(["sha256": .string(body.sha256), "bytes": .int(Int64(body.bytes))])
    }
}
