import Foundation
import IncidentModel

/// The JSON shape of `IncidentMetrics`, shared by `show --json` and the JSON report
/// (docs/report.schema.json, `$defs/metrics`).
extension JSONValue {
    /// `{"seconds": 1260, "from": …, "to": …, "reason": null}` or `{"seconds": null, …, "reason": "why"}`.
    public static func metric(_ value: MetricValue) -> JSONValue {
        .object([
            "seconds": value.seconds.map(JSONValue.double) ?? .null,
            "from": .time(value.from), "to": .time(value.to), "reason": .string(value.reason),
        ])
    }

    public static func metrics(_ metrics: IncidentMetrics) -> JSONValue {
        .object([
            "asOf": .time(metrics.asOf),
            "detectedAt": .time(metrics.detectedAt),
            "firstMaliciousActivity": metrics.firstMaliciousActivity.map { activity in
                .object(["at": .time(activity.at), "source": .string(activity.source)])
            } ?? .null,
            "timeToDetect": metric(metrics.timeToDetect),
            "timeToContain": metric(metrics.timeToContain),
            "timeToEradicate": metric(metrics.timeToEradicate),
            "timeToRecover": metric(metrics.timeToRecover),
            "totalDuration": metric(metrics.totalDuration),
            "phases": .array(metrics.phases.map { phase in
                .object(["phase": .string(phase.phase.rawValue), "visits": .int(phase.visits), "seconds": .double(phase.seconds),
                         "firstEnteredAt": .time(phase.firstEnteredAt)])
            }),
            "phaseLoops": .int(metrics.phaseLoops),
            "compromisedResources": .int(metrics.compromisedResources),
            "actions": .object([
                "runs": .int(metrics.actions.runs), "succeeded": .int(metrics.actions.succeeded), "failed": .int(metrics.actions.failed),
                "running": .int(metrics.actions.running), "undone": .int(metrics.actions.undone), "dryRuns": .int(metrics.actions.dryRuns),
                "undoRuns": .int(metrics.actions.undoRuns), "awsCalls": .int(metrics.actions.awsCalls),
            ]),
            "operators": .array(metrics.operators.map { person in
                .object(["name": .string(person.name), "events": .int(person.events), "firstAt": .time(person.firstAt), "lastAt": .time(person.lastAt)])
            }),
        ])
    }

    public static func followUp(_ item: FollowUpItem) -> JSONValue {
        .object([
            "id": .string(item.id), "category": .string(item.category.rawValue), "text": .string(item.text),
            "owner": .string(item.owner), "due": .string(item.due), "recordedAt": .time(item.recordedAt), "recordedBy": .string(item.recordedBy),
        ])
    }
}
