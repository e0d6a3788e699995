import Foundation
import IncidentModel
import IncidentStore

/// The JSON shapes of ../shared/CLI.md, with stable camelCase keys.
extension JSONValue {
    public static func time(_ date: Date?) -> JSONValue { .string(date.map(Timestamp.format)) }

    public static func incidentSummary(_ summary: IncidentSummary) -> JSONValue {
        .object([
            "id": .string(summary.id.description), "number": .int(summary.id.rawValue), "title": .string(summary.title),
            "severity": .int(summary.severity.rawValue), "status": .string(summary.status.rawValue),
            "phase": .string(summary.phase.rawValue), "openedAt": .time(summary.openedAt),
            "closedAt": .time(summary.closedAt), "updatedAt": .time(summary.updatedAt), "eventCount": .int(summary.eventCount),
        ])
    }

    /// `notes`: the incident's notes (`Note.all(in:)`: they are read from the events, not kept in the state).
    public static func incident(_ state: IncidentState, notes: [Note], metrics: IncidentMetrics? = nil, now: Date = Date()) -> JSONValue {
        let incident = state.incident
        return .object([
            "id": .string(incident.id.description), "number": .int(incident.id.rawValue), "title": .string(incident.title),
            "severity": .int(incident.severity.rawValue), "summary": .string(incident.summary),
            "status": .string(incident.status.rawValue), "phase": .string(state.phase.rawValue),
            "openedAt": .time(incident.openedAt), "openedBy": .string(incident.openedBy), "closedAt": .time(incident.closedAt),
            "resolution": .string(incident.resolution), "accounts": .array(incident.accounts.map(JSONValue.string)),
            "regions": .array(incident.regions.map(JSONValue.string)), "drill": .bool(incident.isDrill),
            "eventCount": .int(state.lastSeq), "updatedAt": .time(state.lastRecordedAt),
            "phases": .array(state.phaseVisits.map { visit in
                .object([
                    "phase": .string(visit.phase.rawValue), "enteredAt": .time(visit.enteredAt),
                    "enteredBy": .string(visit.enteredBy), "leftAt": .time(visit.leftAt),
                    "durationSeconds": .double(visit.duration(until: incident.closedAt ?? now).rounded()),
                ])
            }),
            "resources": .array(state.resources.map(resource)),
            "checklist": .array(state.checklist.map(checklistItem)),
            "commander": .string(state.roles[.commander]), "scribe": .string(state.roles[.scribe]),
            "evidence": .array(state.evidence.map { item in
                .object(["seq": .int(item.seq), "source": .string(item.pin.source), "line": .string(item.pin.line),
                         "loggedAt": .string(item.pin.loggedAt), "sha256": .string(item.pin.sha256),
                         "sha256Of": .string(item.pin.hashOf?.rawValue ?? "line"),
                         "resources": .array(item.pin.resources.map(JSONValue.string)),
                         "pinnedAt": .time(item.pinnedAt), "pinnedBy": .string(item.pinnedBy)])
            }),
            "notes": .array(notes.map { note in
                .object(["seq": .int(note.seq), "text": .string(note.text), "at": .time(note.at), "by": .string(note.by)])
            }),
            "actionRuns": .array(state.actionRuns.map(actionRun)),
            "followUps": .array(state.followUps.map(followUp)),
            "readiness": .array(state.readiness.map(readinessResult)),
            "metrics": metrics.map(JSONValue.metrics) ?? .null,
        ])
    }

    public static func resource(_ resource: Resource) -> JSONValue {
        .object([
            "id": .string(resource.id), "kind": .string(resource.kind.rawValue), "region": .string(resource.region),
            "account": .string(resource.account), "state": .string(resource.state.rawValue), "owner": .string(resource.owner),
            "addedAt": .time(resource.addedAt), "addedBy": .string(resource.addedBy),
            "history": .array(resource.history.map { change in
                .object(["state": .string(change.state.rawValue), "at": .time(change.at), "by": .string(change.by),
                         "reason": .string(change.reason)])
            }),
        ])
    }

    public static func checklistItem(_ item: ChecklistItem) -> JSONValue {
        .object([
            "id": .string(item.id), "phase": .string(item.phase.rawValue), "text": .string(item.text),
            "state": .string(item.state.rawValue), "by": .string(item.by), "at": .time(item.at),
            "reason": .string(item.reason), "backedBy": .string(item.template.backedBy?.stored),
        ])
    }

    public static func event(_ recorded: RecordedEvent) throws -> JSONValue {
        let event = recorded.event
        return .object([
            "incident": .string(event.incident.description), "seq": .int(event.seq), "at": .time(event.at),
            "recordedAt": .time(event.recordedAt), "actor": .string(event.actor), "kind": .string(event.payload.kind),
            "payload": try JSONValue(parsing: recorded.body), "prevHash": .string(recorded.prevHash), "hash": .string(recorded.hash),
        ])
    }

    public static func verification(_ result: ChainVerification) -> JSONValue {
        .object([
            "incident": .string(result.incident.description), "intact": .bool(result.isIntact),
            "verifiedEvents": .int(result.verifiedEvents),
            // The head is the incident's own (its last stored event's hash); on a broken chain
            // the last hash that verified is said apart, never passed off as the head.
            "headHash": .string(result.storedHeadHash ?? result.headHash), "verifiedHeadHash": .string(result.headHash),
            "firstBadEvent": result.problem.map { .int($0.seq) } ?? .null,
            "problem": .string(result.problem?.reason),
            "signatures": .array(result.signatures.map { signature in
                .object(["seq": .int(signature.seq), "operator": .string(signature.operatorName),
                         "fingerprint": .string(signature.fingerprint), "reason": .string(signature.reason.rawValue),
                         "trusted": signature.trusted.map { JSONValue.bool($0) } ?? .null])
            }),
            "anchors": .array(result.agreeingAnchors.map { JSONValue.string($0) }),
            "eventsOnlyInWAL": result.eventsOnlyInWAL.map { JSONValue.int($0) } ?? .null,
        ])
    }
}
