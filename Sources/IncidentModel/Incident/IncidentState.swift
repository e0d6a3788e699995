import Foundation

/// An incident as its events say it is now: folded from the event log by `apply`.
///
/// `apply(_:)` is the only way the state changes; live consoles, commands and
/// replay all fold the same events through it, so replay is exact by construction.
///
/// ```swift
/// var state = try IncidentState(opening: firstEvent)
/// for event in laterEvents { state.apply(event) }
/// ```
public struct IncidentState: Codable, Sendable, Equatable {
    public private(set) var incident: Incident
    public private(set) var phase: Phase
    /// Every entry into a phase, oldest first; loops back show up as repeated phases.
    public private(set) var phaseVisits: [PhaseVisit]
    /// In the order they were added. Chunked like the histories below: the
    /// store keeps the state it last wrote, so appending to a plain array here
    /// copied every resource on every event.
    public private(set) var resources: ChunkedList<Resource>
    public private(set) var checklist: [ChecklistItem]
    /// Notes are not here: they are an append-only history as long as the
    /// incident, read from the events when shown (`Note.all(in:)`), so the
    /// state (and every checkpoint of it) stays the size of what is open.
    /// Every action run, in the order they started. Chunked (as are evidence
    /// and findings), so versions of the state kept side by side — replay's
    /// checkpoints — share these growing histories.
    public internal(set) var actionRuns: ChunkedList<ActionRun>
    /// Who holds each role now (`role.assigned`).
    public private(set) var roles: [IncidentRole: String] = [:]
    /// Log lines pinned as evidence, oldest first.
    public private(set) var evidence: ChunkedList<PinnedEvidence> = []
    /// Lessons, policy changes and action items for the report (`follow-up.recorded`), oldest first.
    public private(set) var followUps: [FollowUpItem] = []
    /// Findings imported from Security Hub or GuardDuty (`finding.imported`), oldest first.
    public private(set) var findings: ChunkedList<ImportedFinding> = []
    /// What the attacker seems to be after (`intent.recorded`), each intent once, oldest first.
    public private(set) var intents: [SuspectedIntent] = []
    /// Indicators of compromise (`indicators.recorded`), each kind and value once, in the order first seen.
    public private(set) var indicators: [CompromiseIndicator] = []
    /// The latest readiness audit's results (`readiness.audited`); empty before any.
    public private(set) var readiness: [ReadinessResult] = []
    /// The seq of the last event applied.
    public private(set) var lastSeq: Int64
    /// When the last event applied was recorded.
    public private(set) var lastRecordedAt: Date
    /// Resources and findings by key; rebuilt, never stored (`CodingKeys` leaves it out).
    private(set) var lookups = IncidentLookups()

    enum CodingKeys: String, CodingKey {
        case incident, phase, phaseVisits, resources, checklist, actionRuns, roles, evidence, followUps, findings, intents,
             indicators, readiness, lastSeq, lastRecordedAt
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        incident = try container.decode(Incident.self, forKey: .incident)
        phase = try container.decode(Phase.self, forKey: .phase)
        phaseVisits = try container.decode([PhaseVisit].self, forKey: .phaseVisits)
        resources = try container.decode(ChunkedList<Resource>.self, forKey: .resources)
        checklist = try container.decode([ChecklistItem].self, forKey: .checklist)
        actionRuns = try container.decode(ChunkedList<ActionRun>.self, forKey: .actionRuns)
        roles = try container.decode([IncidentRole: String].self, forKey: .roles)
        evidence = try container.decode(ChunkedList<PinnedEvidence>.self, forKey: .evidence)
        followUps = try container.decode([FollowUpItem].self, forKey: .followUps)
        findings = try container.decode(ChunkedList<ImportedFinding>.self, forKey: .findings)
        intents = try container.decode([SuspectedIntent].self, forKey: .intents)
        indicators = try container.decode([CompromiseIndicator].self, forKey: .indicators)
        readiness = try container.decode([ReadinessResult].self, forKey: .readiness)
        lastSeq = try container.decode(Int64.self, forKey: .lastSeq)
        lastRecordedAt = try container.decode(Date.self, forKey: .lastRecordedAt)
        lookups = IncidentLookups(resources: resources, findings: findings, indicators: indicators)
    }

    /// The state right after an incident's first event, which must be `incident.opened`.
    public init(opening event: Event) throws {
        guard case .incidentOpened(let opened) = event.payload else {
            throw IncidentError.invalidInput("the first event of \(event.incident) is \(event.payload.kind), not \(IncidentOpened.kind)")
        }
        incident = Incident(id: event.incident, title: opened.title, severity: opened.severity, summary: opened.summary,
                            accounts: opened.accounts, regions: opened.regions, openedAt: event.at, openedBy: event.actor,
                            isDrill: opened.isDrill, drillEndpoint: opened.drillEndpoint)
        phase = opened.phase
        phaseVisits = [PhaseVisit(phase: opened.phase, enteredAt: event.at, enteredBy: event.actor)]
        resources = []
        checklist = opened.checklist.map { ChecklistItem(template: $0) }
        actionRuns = []
        lastSeq = event.seq
        lastRecordedAt = event.recordedAt
    }

    /// Folds a whole event sequence, oldest first.
    public static func replaying<S: Sequence>(_ events: S) throws -> IncidentState where S.Element == Event {
        var iterator = events.makeIterator()
        guard let first = iterator.next() else {
            throw IncidentError.invalidInput("an incident needs at least its opening event")
        }
        var state = try IncidentState(opening: first)
        while let event = iterator.next() { state.apply(event) }
        return state
    }

    /// Applies one event. Events are validated before they are recorded
    /// (`validate`), so here an event that does not fit (only possible in a
    /// damaged record) is skipped rather than guessed at.
    public mutating func apply(_ event: Event) {
        lastSeq = event.seq
        lastRecordedAt = event.recordedAt
        switch event.payload {
        case .incidentOpened, .unrecognized, .signingKeyRecorded, .headSigned:
            // Signatures vouch for the record; they change nothing in the incident.
            break
        case .phaseEntered(let body):
            if let last = phaseVisits.indices.last { phaseVisits[last].leftAt = event.at }
            phaseVisits.append(PhaseVisit(phase: body.phase, enteredAt: event.at, enteredBy: event.actor))
            phase = body.phase
        case .resourceAdded(let body):
            guard resourceIndex(exactly: body.id) == nil else { return }
            let resource = Resource(
                id: body.id, kind: body.kind, region: body.region, account: body.account, owner: body.owner,
                state: body.state, addedAt: event.at, addedBy: event.actor,
                history: [ResourceStateChange(state: body.state, at: event.at, by: event.actor)], foundVia: body.foundVia)
            lookups.addResource(resource, at: resources.count)
            resources.append(resource)
        case .resourceStateChanged(let body):
            guard let index = resourceIndex(exactly: body.resource) else { return }
            resources[index].state = body.to
            resources[index].history.append(ResourceStateChange(state: body.to, at: event.at, by: event.actor, reason: body.reason))
        case .checklistItemChanged(let body):
            guard let index = checklist.firstIndex(where: { $0.id == body.item }) else { return }
            checklist[index].state = body.state
            checklist[index].by = body.state == .open ? nil : event.actor
            checklist[index].at = body.state == .open ? nil : event.at
            checklist[index].reason = body.reason
        case .checklistItemAdded(let body):
            guard !checklist.contains(where: { $0.id == body.item.id }) else { return }
            // After the last item of its phase, so the checklist stays in phase order.
            let position = checklist.lastIndex(where: { $0.phase <= body.item.phase }).map { $0 + 1 } ?? 0
            checklist.insert(ChecklistItem(template: body.item), at: position)
        case .roleAssigned(let body):
            roles[body.role] = body.operatorName.isEmpty ? nil : body.operatorName
        case .evidencePinned(let body):
            evidence.append(PinnedEvidence(seq: event.seq, pin: body, pinnedAt: event.at, pinnedBy: event.actor))
        case .followUpRecorded(let body):
            guard !followUps.contains(where: { $0.id == body.id }) else { return }
            followUps.append(FollowUpItem(id: body.id, category: body.category, text: body.text, owner: body.owner, due: body.due,
                                          recordedAt: event.at, recordedBy: event.actor))
        case .findingImported(let body):
            guard !hasImportedFinding(body.id, source: body.source) else { return }
            findings.append(ImportedFinding(finding: body, importedAt: event.at, importedBy: event.actor))
            lookups.addFinding(id: body.id, source: body.source)
        case .readinessAudited(let body):
            readiness = body.results
        case .intentRecorded(let body):
            guard !intents.contains(where: { $0.intent == body.intent }) else { return }
            intents.append(SuspectedIntent(intent: body.intent, source: body.source, at: event.at, by: event.actor))
        case .indicatorsRecorded(let body):
            for sighting in body.indicators {
                let seen = CompromiseIndicator.Sighting(source: body.source, field: sighting.field, at: event.at, by: event.actor)
                let key = CompromiseIndicator.key(sighting.kind, sighting.value)
                if let index = lookups.position(ofIndicator: key) {
                    indicators[index].seen.append(seen)
                } else {
                    lookups.addIndicator(key: key, at: indicators.count)
                    indicators.append(CompromiseIndicator(kind: sighting.kind, value: sighting.value, seen: [seen]))
                }
            }
        case .noteAdded:
            // Read from the events when shown (`Note.all(in:)`), never kept in the state.
            break
        case .incidentClosed(let body):
            incident.status = .closed
            incident.closedAt = event.at
            incident.resolution = body.resolution
        case .severityChanged(let body):
            incident.severity = body.to
        case .drillResumed(let body):
            incident.drillEndpoint = body.endpoint
        case .incidentReopened:
            incident.status = .open
            incident.closedAt = nil
            incident.resolution = nil
        case .actionRunStarted(let body):
            guard actionRunIndex(body.runID) == nil else { return }
            actionRuns.append(ActionRun(runID: body.runID, action: body.action, risk: body.risk, resources: body.resources,
                                        undoes: body.undoes, dryRun: body.dryRun, parameters: body.parameters,
                                        startedAt: event.at, startedBy: event.actor, process: body.process))
        case .actionStepFinished(let body):
            guard let index = actionRunIndex(body.runID) else { return }
            actionRuns[index].steps.append(body.step)
        case .actionRunFinished(let body):
            guard let index = actionRunIndex(body.runID) else { return }
            actionRuns[index].status = body.status
            actionRuns[index].results = body.results
            actionRuns[index].finishedAt = event.at
            actionRuns[index].error = body.error
            if let undone = actionRuns[index].undoes, let original = actionRunIndex(undone) {
                // A succeeded undo put back every resource it covered; a partial one, those whose result succeeded.
                let putBack = body.status == .succeeded ? actionRuns[index].resources
                    : body.status == .partial ? body.results.filter { $0.status == .succeeded }.map(\.resource) : []
                for resource in putBack where actionRuns[original].resources.contains(resource) {
                    actionRuns[original].undoneResources[resource] = body.runID
                }
                if !putBack.isEmpty, actionRuns[original].resourcesToUndo.isEmpty { actionRuns[original].undoneBy = body.runID }
            }
        }
    }

    // MARK: - Lookups

    /// The resource with exactly this id, or else the only one whose short id
    /// (the `i-…` inside an instance ARN, say) is `text`.
    public func resource(matching text: String) throws -> Resource {
        let key = text.trimmingCharacters(in: .whitespaces)
        if let index = resourceIndex(exactly: key) { return resources[index] }
        let candidates = lookups.positions(ofShortID: key).map { resources[$0] }
        switch candidates.count {
        case 1: return candidates[0]
        case 0: throw IncidentError.notFound("no resource '\(text.terminalSafe)' in \(incident.id)")
        default: throw IncidentError.invalidInput("'\(text.terminalSafe)' matches \(candidates.count) resources in \(incident.id); give the full id or ARN")
        }
    }

    /// The checklist item with this id (`containment.route53`), or else the only one
    /// whose id ends with `.text` (`route53`).
    public func checklistItem(matching text: String) throws -> ChecklistItem {
        let key = text.trimmingCharacters(in: .whitespaces).lowercased()
        if let item = checklist.first(where: { $0.id == key }) { return item }
        let candidates = checklist.filter { $0.id.hasSuffix("." + key) }
        switch candidates.count {
        case 1: return candidates[0]
        case 0: throw IncidentError.notFound("no checklist item '\(text.terminalSafe)' in \(incident.id)")
        default: throw IncidentError.invalidInput("'\(text.terminalSafe)' matches \(candidates.count) checklist items; give the full id")
        }
    }

    /// A fresh id for an item added by hand to `phase`: `containment.custom-1`, `-2`, …
    public func nextCustomItemID(in phase: Phase) -> String {
        var number = 1
        while checklist.contains(where: { $0.id == "\(phase.rawValue).custom-\(number)" }) { number += 1 }
        return "\(phase.rawValue).custom-\(number)"
    }

    func resourceIndex(exactly id: String) -> Int? {
        lookups.position(ofResource: id)
    }
}
