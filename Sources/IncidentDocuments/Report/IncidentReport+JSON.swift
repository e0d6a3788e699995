import Foundation
import IncidentModel
import IncidentOperations

/// The JSON report: one document that validates against docs/report.schema.json.
extension IncidentReport {
    /// The report as one JSON document (docs/report.schema.json).
    public func json() -> JSONValue {
        .object([
            "reportVersion": .int(Self.formatVersion),
            "generatedAt": .time(generatedAt),
            "generatedBy": .string(generatedBy),
            "incident": .object([
                "id": .string(incident.id.description), "number": .int(incident.id.rawValue), "title": .string(incident.title),
                "severity": .int(incident.severity.rawValue), "severityLabel": .string(incident.severity.label),
                "summary": .string(incident.summary), "status": .string(incident.status.rawValue), "phase": .string(state.phase.rawValue),
                "drill": .bool(incident.isDrill), "accounts": .array(incident.accounts.map(JSONValue.string)),
                "regions": .array(incident.regions.map(JSONValue.string)), "openedAt": .time(incident.openedAt),
                "openedBy": .string(incident.openedBy), "closedAt": .time(incident.closedAt), "resolution": .string(incident.resolution),
                "intent": .string(intent), "commander": .string(state.roles[.commander]), "scribe": .string(state.roles[.scribe]),
            ]),
            "metrics": .metrics(metrics),
            "phases": .array(phaseVisits.map { entry in
                .object(["phase": .string(entry.visit.phase.rawValue), "enteredAt": .time(entry.visit.enteredAt),
                         "enteredBy": .string(entry.visit.enteredBy), "leftAt": .time(entry.visit.leftAt),
                         "durationSeconds": .double(entry.seconds)])
            }),
            "timeline": .array(events.map { recorded in
                let event = recorded.event
                return .object(["seq": .int(event.seq), "at": .time(event.at), "recordedAt": .time(event.recordedAt),
                                "actor": .string(event.actor), "kind": .string(event.payload.kind),
                                "summary": .string(event.payload.summary), "hash": .string(recorded.hash)])
            }),
            "resources": .array(state.resources.map { resource in
                .object(["id": .string(resource.id), "kind": .string(resource.kind.rawValue), "region": .string(resource.region),
                         "account": .string(resource.account), "owner": .string(resource.owner), "state": .string(resource.state.rawValue),
                         "addedAt": .time(resource.addedAt), "addedBy": .string(resource.addedBy),
                         "path": .array(resource.history.map { change in
                             .object(["state": .string(change.state.rawValue), "at": .time(change.at), "by": .string(change.by),
                                      "reason": .string(change.reason)])
                         })])
            }),
            "findings": .array(state.findings.map { item in
                let finding = item.finding
                return .object(["id": .string(finding.id), "source": .string(finding.source), "type": .string(finding.type),
                                "severity": .string(finding.severity), "title": .string(finding.title), "firstSeen": .string(finding.firstSeen),
                                "lastSeen": .string(finding.lastSeen), "actor": .string(finding.actor), "description": .string(finding.description),
                                "resources": .array(finding.resources.map(JSONValue.string)),
                                "unusable": .array((finding.unusable ?? []).map(JSONValue.string))])
            }),
            "indicators": .array(state.indicators.map { indicator in
                .object(["kind": .string(indicator.kind.rawValue), "value": .string(indicator.value), "cidr": .string(indicator.cidr),
                         "seen": .array(indicator.seen.map { .object(["source": .string($0.source), "field": .string($0.field),
                                                                       "at": .time($0.at), "by": .string($0.by)]) })])
            }),
            "actionRuns": .array(state.actionRuns.map(JSONValue.actionRun)),
            "evidence": .array(state.evidence.map { item in
                .object(["seq": .int(item.seq), "source": .string(item.pin.source), "line": .string(item.pin.line),
                         "loggedAt": .string(item.pin.loggedAt), "sha256": .string(item.pin.sha256),
                         "sha256Of": .string(item.pin.hashOf?.rawValue ?? "line"),
                         "resources": .array(item.pin.resources.map(JSONValue.string)),
                         "pinnedAt": .time(item.pinnedAt), "pinnedBy": .string(item.pinnedBy)])
            }),
            "checklist": .array(checklistByPhase.map { group in
                .object(["phase": .string(group.phase.rawValue), "done": .int(group.done), "skipped": .int(group.skipped),
                         "open": .int(group.open), "total": .int(group.items.count),
                         "items": .array(group.items.map(JSONValue.checklistItem))])
            }),
            "followUp": .object([
                "items": .array(state.followUps.map(JSONValue.followUp)),
                "checklist": .array(state.checklist.filter { $0.phase == .followUp }.map(JSONValue.checklistItem)),
                "notes": .array(followUpNotes.map { note in
                    .object(["seq": .int(note.seq), "text": .string(note.text), "at": .time(note.at), "by": .string(note.by)])
                }),
            ]),
            "notes": .array(notes.map { note in
                .object(["seq": .int(note.seq), "text": .string(note.text), "at": .time(note.at), "by": .string(note.by)])
            }),
            "verification": .object([
                "intact": .bool(verification?.isIntact ?? false),
                "verifiedEvents": .int(verification?.verifiedEvents ?? 0),
                "headHash": .string(verification?.headHash),
                "firstBadEvent": verification?.problem.map { .int($0.seq) } ?? .null,
                "problem": .string(verification?.problem?.reason ?? (verification == nil ? "not verified" : nil)),
            ]),
        ])
    }
}
