import Foundation
import IncidentModel
import LogTail
import TerminalUI

extension ConsoleModel {
    /// Runs a command of the binding table. Unknown commands do nothing, so a
    /// binding can never crash the console.
    mutating func run(_ command: String) -> [ConsoleEffect] {
        if command.hasPrefix("replay.") {
            runReplayCommand(command)
            return []
        }
        switch command {
        case "help": overlay = .help(scroll: 0)
        case "focus.next": focus = focus.next
        case "focus.previous": focus = focus.previous
        case "focus.phases": focus = .phases
        case "focus.resources": focus = .resources
        case "focus.checklist": focus = .checklist
        case "focus.log": focus = .log
        case "screen.redraw": redrawRequested = true
        case "quit":
            if pendingWrites > 0 { overlay = .confirmQuit } else { shouldQuit = true }

        case "phase.choose":
            let current = (state?.phase.number ?? 1) - 1
            overlay = .choice(ChoiceMenu(title: "Enter which phase?", options: Phase.allCases.map { "\($0.number) \($0.title)" },
                                         selected: min(current + 1, 6), purpose: .enterPhase))
        case "phase.enter-selected":
            return record(.phaseEntered(PhaseEntered(phase: selectedPhase)))
        case "phase.show-previous":
            phaseList.moveUp()
            refreshListCounts()
        case "phase.show-next":
            phaseList.moveDown()
            refreshListCounts()

        case "resource.add":
            overlay = .prompt(PromptForm(title: "Add a resource", prompt: Prompt(
                label: "Id or ARN: ", placeholder: "i-0abc…, AKIA…, arn:aws:…, s3://bucket, or KIND NAME (s3-bucket logs)"), purpose: .addResource))
        case "resource.state":
            guard let resource = selectedResource else { complain("no resource selected"); return [] }
            overlay = .choice(ChoiceMenu(title: "State of \(resource.id)", options: ResourceState.allCases.map(\.rawValue),
                                         selected: ResourceState.allCases.firstIndex(of: resource.state) ?? 0,
                                         purpose: .resourceState(resource: resource.id)))
        case "resource.contained":
            guard let resource = selectedResource else { complain("no resource selected"); return [] }
            return record(.resourceStateChanged(ResourceStateChanged(resource: resource.id, from: resource.state, to: .contained)))
        case "resource.mark":
            guard let resource = selectedResource else { complain("no resource selected"); return [] }
            if markedResources.remove(resource.id) == nil { markedResources.insert(resource.id) }
            resourceList.moveDown()
        case "resource.actions":
            guard mode == .live else { return [] }
            let chosen = markedResources.isEmpty ? selectedResource.map { [$0.id] } ?? [] : visibleResources.map(\.id).filter(markedResources.contains)
            guard !chosen.isEmpty else { complain("no resource selected"); return [] }
            return [.listActions(resources: chosen)]
        case "resource.discover":
            guard mode == .live else { return [] }
            guard let resource = selectedResource else { complain("no resource selected"); return [] }
            pendingWrites += 1
            say("discovering what is related to \(resource.id)…")
            return [.awsWork(.discover(resource: resource.id))]
        case "resource.sort":
            resourceSort = resourceSort.next
            say("resources sorted by \(resourceSort.rawValue)")

        case "item.tick":
            guard let item = selectedItem else { complain("no checklist item selected"); return [] }
            return record(.checklistItemChanged(ChecklistItemChanged(item: item.id, state: item.state == .done ? .open : .done)))
        case "item.skip":
            guard let item = selectedItem else { complain("no checklist item selected"); return [] }
            overlay = .prompt(PromptForm(title: "Skip \(item.id)", prompt: Prompt(label: "Why? ", placeholder: "optional reason"),
                                         purpose: .skipItem(id: item.id)))
        case "item.run":
            guard mode == .live else { return [] }
            guard let item = selectedItem else { complain("no checklist item selected"); return [] }
            guard let backing = item.template.backedBy else { complain("nothing in Firebreak backs \(item.id): tick it when done"); return [] }
            if backing == "firebreak readiness" {
                pendingWrites += 1
                let regions = state?.incident.regions ?? []
                say("auditing readiness in \(regions.isEmpty ? "the default region" : regions.joined(separator: ", "))…")
                return [.awsWork(.auditReadiness)]
            }
            return [.offerAction(backing)]
        case "item.reopen":
            guard let item = selectedItem else { complain("no checklist item selected"); return [] }
            return record(.checklistItemChanged(ChecklistItemChanged(item: item.id, state: .open)))
        case "item.add":
            overlay = .prompt(PromptForm(title: "Add to \(selectedPhase.title)", prompt: Prompt(label: "Item: "),
                                         purpose: .addChecklistItem(selectedPhase)))

        case "note.add":
            overlay = .prompt(PromptForm(title: "Note", prompt: Prompt(label: "Note: ", placeholder: "what happened, what you saw"), purpose: .note))
        case "incident.close":
            overlay = .prompt(PromptForm(title: "Close \(state?.incident.id.description ?? "")", prompt: Prompt(label: "Resolution: "), purpose: .closeIncident))
        case "role.assign":
            overlay = .choice(ChoiceMenu(title: "Which role?", options: IncidentRole.allCases.map { role in
                "\(role.rawValue)" + (state?.roles[role].map { " (now \($0))" } ?? "")
            }, purpose: .role))
        case "incident.reopen":
            return record(.incidentReopened(IncidentReopened()))
        case "incident.open":
            overlay = .prompt(PromptForm(title: "Open a new incident", prompt: Prompt(label: "Title: ", placeholder: "what happened, in one line"), purpose: .newIncidentTitle))
        case "incident.pick":
            return [.listIncidents]
        case "findings.import":
            overlay = .prompt(PromptForm(title: "Import findings", prompt: Prompt(
                label: "From: ", placeholder: "securityhub, guardduty, or the path of a findings file"), purpose: .importFindings))
        case "metrics.show":
            return [.showMetrics]
        case "followup.add":
            overlay = .choice(ChoiceMenu(title: "Record for the report", options: FollowUpCategory.allCases.map(\.title),
                                         purpose: .followUpCategory))

        case "filter":
            let isLog = focus == .log
            overlay = .prompt(PromptForm(title: isLog ? "Filter the log" : "Filter resources",
                                         prompt: Prompt(label: "/", text: isLog ? logFilter : resourceFilter, placeholder: "text to match; empty shows all"),
                                         purpose: isLog ? .filterLog : .filterResources))

        case "details":
            // On a log line that names a resource of the incident, Enter goes to that resource.
            if focus == .log, let line = selectedLogLine, let id = linker.resourceIDs(mentionedIn: line.text).first,
               let index = visibleResources.firstIndex(where: { $0.id == id }) {
                focus = .resources
                resourceList.select(index)
                say("\(id): mentioned in the log")
            } else {
                overlay = details()
            }
        case "log.pin":
            guard let line = selectedLogLine else { complain("no log line selected"); return [] }
            let kept = line.evidence
            return record(.evidencePinned(EvidencePinned(source: line.sourceID, line: kept.line, loggedAt: line.time,
                                                         sha256: kept.sha256, resources: linker.resourceIDs(mentionedIn: line.text))))
        case "log.details":
            overlay = details()

        case "list.down", "list.up", "list.top", "list.bottom", "list.page-down", "list.page-up":
            moveList(command)

        case "log.up": scrollLog(by: 1)
        case "log.down": scrollLog(by: -1)
        case "log.page-up": scrollLog(by: max(1, size.height / 3))
        case "log.page-down": scrollLog(by: -max(1, size.height / 3))
        case "log.top": scrollLog(by: visibleLogLines.count)
        case "log.bottom":
            logScroll = 0
            logFollow = true
            logUnseen = 0
        case "log.follow":
            logFollow.toggle()
            if logFollow { logScroll = 0; logUnseen = 0 }
            say(logFollow ? "following new lines" : "paused: new lines wait below")
        default:
            _ = runLogPaneCommand(command)
        }
        return []
    }

    mutating func moveList(_ command: String) {
        func apply(_ list: inout ListView) {
            switch command {
            case "list.down": list.moveDown()
            case "list.up": list.moveUp()
            case "list.top": list.selectFirst()
            case "list.bottom": list.selectLast()
            case "list.page-down": list.pageDown()
            case "list.page-up": list.pageUp()
            default: break
            }
        }
        switch focus {
        case .phases:
            apply(&phaseList)
            refreshListCounts()
        case .resources: apply(&resourceList)
        case .checklist: apply(&checklistList)
        case .log: break
        }
    }

    /// Positive scrolls back (older), negative forward; reaching the bottom resumes following.
    mutating func scrollLog(by lines: Int) {
        let total = visibleLogLines.count
        logScroll = min(max(0, logScroll + lines), max(0, total - 1))
        if logScroll > 0 { logFollow = false }
        if logScroll == 0 && lines < 0 { logFollow = true; logUnseen = 0 }
    }

    /// The details overlay for what is selected in the focused pane.
    func details() -> Overlay? {
        guard let state else { return nil }
        let end = state.incident.closedAt ?? displayNow
        switch focus {
        case .phases:
            let phase = selectedPhase
            let visits = state.phaseVisits.filter { $0.phase == phase }
            var lines = visits.isEmpty ? ["Not entered yet."] : visits.map {
                "entered \(TimeText.clock($0.enteredAt)) by \($0.enteredBy) · \(TimeText.duration($0.duration(until: end)))"
                    + ($0.leftAt == nil ? " (current)" : "")
            }
            let items = state.checklist.filter { $0.phase == phase }
            lines.append("")
            lines.append("\(items.filter { $0.state != .open }.count) of \(items.count) checklist items done or skipped")
            return .details(title: "\(phase.number) \(phase.title)", lines: lines)
        case .resources:
            guard let resource = selectedResource else { return nil }
            var lines = [
                "kind     \(resource.kind.rawValue)",
                "region   \(resource.region ?? "-")",
                "account  \(resource.account ?? "-")",
                "owner    \(resource.owner ?? "(none: tag it)")",
                "state    \(resource.state.rawValue)",
                "",
                "history",
            ]
            lines += resource.history.map { "  \(TimeText.clock($0.at)) \($0.state.rawValue) by \($0.by)" + ($0.reason.map { " — \($0)" } ?? "") }
            return .details(title: resource.id, lines: lines)
        case .checklist:
            guard let item = selectedItem else { return nil }
            var lines = [item.text, "", "state    \(item.state.rawValue)"]
            if let by = item.by, let at = item.at { lines.append("by       \(by) at \(TimeText.clock(at))") }
            if let reason = item.reason { lines.append("why      \(reason)") }
            if let backedBy = item.template.backedBy { lines.append("action   \(backedBy)") }
            return .details(title: item.id, lines: lines)
        case .log:
            guard let line = selectedLogLine else { return nil }
            let mentioned = linker.resourceIDs(mentionedIn: line.text)
            var lines = ["at       \(Timestamp.format(line.time))", "source   \(line.sourceName)"]
            if case .event(let event) = line { lines += ["by       \(event.actor)", "kind     \(event.kind)"] }
            if !mentioned.isEmpty { lines.append("mentions \(mentioned.joined(separator: ", "))") }
            lines += ["sha256   \(line.evidence.sha256)", "", line.text]
            return .details(title: line.seq.map { "Event #\($0)" } ?? "Line from \(line.sourceName)", lines: lines)
        }
    }
}
