extension IncidentState {
    /// Checks that `payload` makes sense as the next event of this incident,
    /// throwing a one-line reason when it does not. Writers call this inside
    /// the same transaction that appends the event, so two operators racing
    /// cannot both, say, close the incident.
    public func validate(_ payload: EventPayload) throws {
        let id = incident.id
        if incident.status == .closed {
            switch payload {
            case .incidentReopened:
                return
            case .followUpRecorded:
                // Lessons and action items come out of the review, which happens after closing.
                break
            default:
                throw IncidentError.conflict("\(id) is closed; reopen it to change it")
            }
        }
        switch payload {
        case .incidentOpened:
            throw IncidentError.conflict("\(id) is already open")
        case .phaseEntered(let body):
            if body.phase == phase { throw IncidentError.conflict("\(id) is already in \(phase.title)") }
        case .resourceAdded(let body):
            if resourceIndex(exactly: body.id) != nil {
                throw IncidentError.conflict("resource \(body.id.terminalSafe) is already in \(id)")
            }
            if let link = body.foundVia, resourceIndex(exactly: link.from) == nil {
                throw IncidentError.notFound("\(body.id.terminalSafe) was found from '\(link.from.terminalSafe)', which is not in \(id)")
            }
        case .resourceStateChanged(let body):
            guard let index = resourceIndex(exactly: body.resource) else {
                throw IncidentError.notFound("no resource '\(body.resource.terminalSafe)' in \(id)")
            }
            let current = resources[index].state
            if body.to == current { throw IncidentError.conflict("\(body.resource.terminalSafe) is already \(current.rawValue)") }
            if body.from != current {
                throw IncidentError.conflict("\(body.resource.terminalSafe) is \(current.rawValue), not \(body.from.rawValue)")
            }
        case .checklistItemChanged(let body):
            guard let item = checklist.first(where: { $0.id == body.item }) else {
                throw IncidentError.notFound("no checklist item '\(body.item.terminalSafe)' in \(id)")
            }
            if item.state == body.state {
                let word = ["open": "not ticked", "done": "already ticked", "skipped": "already skipped"][body.state.rawValue]!
                throw IncidentError.conflict("\(item.id) is \(word)")
            }
        case .checklistItemAdded(let body):
            if checklist.contains(where: { $0.id == body.item.id }) {
                throw IncidentError.conflict("checklist item \(body.item.id.terminalSafe) already exists")
            }
            if body.item.text.isEmpty { throw IncidentError.invalidInput("the checklist item is empty") }
        case .roleAssigned(let body):
            if roles[body.role] == (body.operatorName.isEmpty ? nil : body.operatorName) {
                throw IncidentError.conflict(body.operatorName.isEmpty ? "\(id) has no \(body.role.rawValue)" : "\(body.operatorName.terminalSafe) is already \(body.role.rawValue)")
            }
        case .evidencePinned(let body):
            if body.line.isEmpty { throw IncidentError.invalidInput("the pinned line is empty") }
            if body.sha256.count != 64 || !body.sha256.allSatisfy(\.isHexDigit) {
                throw IncidentError.invalidInput("the evidence hash must be 64 hex digits")
            }
        case .followUpRecorded(let body):
            if followUps.contains(where: { $0.id == body.id }) { throw IncidentError.conflict("follow-up \(body.id.terminalSafe) already exists in \(id)") }
            if body.text.isEmpty { throw IncidentError.invalidInput("the follow-up text is empty") }
            if let due = body.due { _ = try FollowUpRecorded.validateDue(due) }
        case .findingImported(let body):
            if body.id.isEmpty || body.source.isEmpty { throw IncidentError.invalidInput("a finding needs its id and source") }
            if hasImportedFinding(body.id, source: body.source) {
                throw IncidentError.conflict("\(body.source) finding \(body.id.terminalSafe) is already in \(id)")
            }
            for resource in body.resources where resourceIndex(exactly: resource) == nil {
                throw IncidentError.notFound("no resource '\(resource.terminalSafe)' in \(id)")
            }
        case .readinessAudited(let body):
            if body.results.isEmpty { throw IncidentError.invalidInput("a readiness audit needs at least one result") }
            for item in Set(body.results.map(\.covers)) where !checklist.contains(where: { $0.id == item }) {
                throw IncidentError.notFound("no checklist item '\(item.terminalSafe)' in \(id)")
            }
        case .intentRecorded(let body):
            if body.intent.isEmpty { throw IncidentError.invalidInput("the intent is empty") }
            if intents.contains(where: { $0.intent == body.intent }) {
                throw IncidentError.conflict("\(body.intent.terminalSafe) is already a suspected intent of \(id)")
            }
        case .indicatorsRecorded(let body):
            if body.source.isEmpty { throw IncidentError.invalidInput("indicators need their source") }
            if body.indicators.isEmpty { throw IncidentError.invalidInput("no indicators to record") }
            for indicator in body.indicators where indicator.value.isEmpty || indicator.value.firstControlCharacter != nil {
                throw IncidentError.invalidInput("indicator '\(indicator.value.terminalSafe)' is empty or holds a control character")
            }
        case .severityChanged(let body):
            if body.to == incident.severity { throw IncidentError.conflict("\(id) is already \(body.to)") }
            if body.from != incident.severity { throw IncidentError.conflict("\(id) is \(incident.severity), not \(body.from)") }
            if let reason = body.reason, reason.isEmpty || reason.firstControlCharacter != nil {
                throw IncidentError.invalidInput("the reason for the severity change is empty or holds a control character")
            }
        case .noteAdded(let body):
            if body.text.isEmpty { throw IncidentError.invalidInput("the note is empty") }
        case .incidentClosed(let body):
            if body.resolution.isEmpty { throw IncidentError.invalidInput("the resolution is empty") }
        case .incidentReopened:
            throw IncidentError.conflict("\(id) is already open")
        case .actionRunStarted(let body):
            try validateRunStart(body)
        case .actionStepFinished(let body):
            guard let index = actionRunIndex(body.runID) else { throw IncidentError.notFound("no action run '\(body.runID.terminalSafe)' in \(id)") }
            if actionRuns[index].status != .running { throw IncidentError.conflict("\(body.runID) has already finished") }
            if !actionRuns[index].resources.contains(body.step.resource) {
                throw IncidentError.invalidInput("\(body.step.resource.terminalSafe) is not part of \(body.runID)")
            }
        case .actionRunFinished(let body):
            guard let index = actionRunIndex(body.runID) else { throw IncidentError.notFound("no action run '\(body.runID.terminalSafe)' in \(id)") }
            if actionRuns[index].status != .running { throw IncidentError.conflict("\(body.runID) has already finished") }
            if body.status == .running { throw IncidentError.invalidInput("a finished run cannot be running") }
        case .drillResumed(let body):
            if !incident.isDrill { throw IncidentError.conflict("\(id) is not a drill; only a drill has an emulator to resume") }
            _ = try DrillEndpoint(validating: body.endpoint)
        case .signingKeyRecorded, .headSigned:
            // The store writes these itself, after the events it signs; a command never asks for one.
            throw IncidentError.invalidInput("signatures are written by the store, not requested")
        case .unrecognized(let kind, _):
            throw IncidentError.invalidInput("unknown event kind '\(kind.terminalSafe)'")
        }
    }
}

extension IncidentState {
    fileprivate func validateRunStart(_ body: ActionRunStarted) throws {
        let id = incident.id
        if actionRunIndex(body.runID) != nil { throw IncidentError.conflict("action run \(body.runID.terminalSafe) already exists in \(id)") }
        if body.action.isEmpty { throw IncidentError.invalidInput("the action id is empty") }
        if body.resources.isEmpty { throw IncidentError.invalidInput("an action run needs at least one resource") }
        for resource in body.resources where resourceIndex(exactly: resource) == nil {
            throw IncidentError.notFound("no resource '\(resource.terminalSafe)' in \(id)")
        }
        guard let undone = body.undoes else { return }
        guard let original = actionRunIndex(undone) else { throw IncidentError.notFound("no action run '\(undone.terminalSafe)' in \(id)") }
        let run = actionRuns[original]
        if run.status == .running { throw IncidentError.conflict("\(undone) is still running") }
        if let by = run.undoneBy { throw IncidentError.conflict("\(undone) was already undone by \(by)") }
        if run.undoes != nil { throw IncidentError.conflict("\(undone) is itself an undo; run the action again instead") }
        if run.dryRun { throw IncidentError.conflict("\(undone) was a dry run and changed nothing") }
        if run.risk == .readOnly { throw IncidentError.conflict("\(undone) (\(run.action)) only read AWS; there is nothing to undo") }
        // An undo of some of the run's resources: each one of them, and not put back already.
        for resource in body.resources {
            guard run.resources.contains(resource) else {
                throw IncidentError.invalidInput("\(resource.terminalSafe) is not one of \(undone)'s resources (\(run.resources.joined(separator: ", ")))")
            }
            if let by = run.undoneResources[resource] { throw IncidentError.conflict("\(resource) of \(undone) was already undone by \(by)") }
        }
    }
}
