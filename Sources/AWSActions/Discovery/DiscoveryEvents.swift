import IncidentModel

/// The events a discovery result adds to an incident, against its current state:
/// each related resource not yet in it joins as `suspected` with `foundVia`
/// naming where it was found; the facts and the resources without an owner
/// tag go into one note.
public enum DiscoveryEvents {
    public static func events(for result: DiscoveryResult, from root: Resource, in incident: IncidentState) -> [EventPayload] {
        var events: [EventPayload] = []
        var unowned: [String] = []
        for found in result.related where incident.existingResource(named: found.reference.id, kind: found.reference.kind) == nil {
            events.append(.resourceAdded(ResourceAdded(
                id: found.reference.id, kind: found.reference.kind, region: found.region, account: found.account, owner: found.owner,
                state: .suspected, foundVia: ResourceLink(from: root.id, relation: found.relation))))
            if found.owner == nil { unowned.append(found.reference.id) }
        }
        var lines = result.facts
        if root.owner == nil && result.owner == nil { unowned.insert(root.id, at: 0) }
        if !unowned.isEmpty { lines.append("no owner tag: \(unowned.joined(separator: ", "))") }
        if !lines.isEmpty {
            events.append(.noteAdded(NoteAdded(text: "discovery from \(root.id):\n" + lines.map { "- " + $0 }.joined(separator: "\n"))))
        }
        return events
    }
}
