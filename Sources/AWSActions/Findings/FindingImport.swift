import Foundation
import IncidentModel

/// Turns one parsed finding into the events that take it into an incident,
/// against the incident as it is inside the write transaction.
///
/// - Its resources not yet in the incident join it (a resource already there,
///   by id or short id, is referred to as it is): as `compromised` when the
///   finding is HIGH or CRITICAL, else `suspected`, unless `state` says otherwise.
/// - Then `finding.imported`, naming those resources.
/// - Then `intent.recorded` when the finding names an intent the incident does not have yet.
/// - Then `indicators.recorded` with the indicators of compromise it names.
///
/// A finding already imported yields no events, so importing twice adds nothing.
public enum FindingImport {
    public static func events(for finding: Finding, in incident: IncidentState, state: ResourceState? = nil) -> [EventPayload] {
        guard !incident.hasImportedFinding(finding.id, source: finding.source.rawValue) else { return [] }
        var events: [EventPayload] = []
        var names: [String] = []
        let initial = state ?? (finding.isSevere ? .compromised : .suspected)
        for resource in finding.resources {
            let id: String
            if let existing = incident.existingResource(named: resource.reference.id, kind: resource.reference.kind) {
                id = existing.id
            } else {
                id = resource.reference.id
                if !names.contains(id) {
                    events.append(.resourceAdded(incident.resourceAdded(resource.reference, region: resource.region, account: resource.account,
                                                                        owner: resource.owner, state: initial)))
                }
            }
            if !names.contains(id) { names.append(id) }
        }
        events.append(.findingImported(FindingImported(
            id: finding.id, source: finding.source.rawValue, type: finding.type, severity: finding.severity, title: finding.title,
            firstSeen: Timestamp.format(finding.firstSeen), lastSeen: Timestamp.format(finding.lastSeen), resources: names,
            account: finding.account, region: finding.region, description: finding.description, actor: finding.actor,
            unusable: finding.unusable.isEmpty ? nil : finding.unusable, productArn: finding.productArn,
            ocsfMetadataUid: finding.ocsfMetadataUid, ocsfProductUid: finding.ocsfProductUid, detectorId: finding.detectorId)))
        if let intent = finding.intent, !incident.intents.contains(where: { $0.intent == intent }) {
            events.append(.intentRecorded(IntentRecorded(intent: intent, source: "\(finding.source.rawValue) finding \(finding.id)")))
        }
        if !finding.indicators.isEmpty {
            events.append(.indicatorsRecorded(IndicatorsRecorded(source: "\(finding.source.rawValue) finding \(finding.id)", indicators: finding.indicators)))
        }
        return events
    }
}
