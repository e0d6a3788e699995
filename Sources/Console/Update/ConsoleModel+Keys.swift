import Foundation
import IncidentModel
import IncidentOperations
import LogTail
import TerminalUI

extension ConsoleModel {
    /// A key goes to the overlay if one is open, else through the binding table.
    mutating func handle(_ key: Key) -> [ConsoleEffect] {
        if case .mouse(let event) = key { return handleMouse(event) }
        if key == .resize { return [] }
        if overlay != nil { return handleOverlay(key) }
        // Nothing on screen yet: the panes' keys mean nothing.
        guard let binding = bindings.resolve(key, in: state == nil ? [.global] : activeScopes) else { return [] }
        return perform(binding)
    }

    // MARK: - Overlays

    mutating func handleOverlay(_ key: Key) -> [ConsoleEffect] {
        switch overlay {
        case .help(let scroll):
            switch key {
            case .down, .character("j"): overlay = .help(scroll: scroll + 1)
            case .up, .character("k"): overlay = .help(scroll: max(0, scroll - 1))
            default: overlay = nil
            }
            return []
        case .details:
            overlay = nil
            return []
        case .runs(let runs):
            return handleRunsKey(key, runs)
        case .palette(let palette):
            return handlePaletteKey(key, palette)
        case .actionPreview(var plan):
            let preview = plan.preview
            switch key {
            case .enter:
                if let text = preview.confirmationText {
                    overlay = .prompt(PromptForm(title: "Destructive: type the confirmation", prompt: Prompt(
                        label: "Type '\(text)': "), purpose: .confirmAction(preview)))
                    return []
                }
                overlay = nil
                return confirmed(preview)
            case .escape, .character("q"):
                overlay = nil
            default:
                // j/k, PgUp/PgDn, g/G: the whole plan is reachable however long its commands.
                if plan.scroll(key, in: overlayArea) { overlay = .actionPreview(plan) }
            }
            return []
        case .confirmDrillQuit:
            return answerDrillQuit(key)
        case .confirmQuit:
            if key == .character("y") || key == .character("Y") {
                shouldQuit = true
                abandonsAWSWork = true
            }
            overlay = nil
            return []
        case .choice(var menu):
            switch key {
            case .escape, .character("q"):
                overlay = nil
            case .enter:
                overlay = nil
                return choose(menu.list.selection ?? 0, from: menu)
            default:
                if case .character(let character) = key, let digit = character.wholeNumberValue,
                   (1...menu.options.count).contains(digit) {
                    overlay = nil
                    return choose(digit - 1, from: menu)
                }
                _ = menu.list.handle(Self.viKeysAsArrows(key))
                overlay = .choice(menu)
            }
            return []
        case .prompt(var form):
            switch form.prompt.handle(key) {
            case .cancelled:
                overlay = nil
            case .submitted(let text):
                overlay = nil
                return submit(text, for: form)
            default:
                overlay = .prompt(form)
            }
            return []
        case .picker(var picker):
            switch key {
            case .enter:
                guard let index = picker.list.selection, picker.incidents.indices.contains(index) else { return [] }
                return [.load(picker.incidents[index].id)]
            case .escape, .character("q"):
                // With an incident loaded behind it, the picker closes and the console stays.
                if state != nil { overlay = nil } else { shouldQuit = true }
            case _ where bindings.resolve(key, in: [.global])?.command == .openIncident:
                // The picker's one key beyond moving and choosing: the table's `O`, absent in read-only mode.
                overlay = nil
                return perform(bindings.resolve(key, in: [.global])!)
            default:
                _ = picker.list.handle(Self.viKeysAsArrows(key))
                overlay = .picker(picker)
            }
            return []
        case nil:
            return []
        }
    }

    /// Lists in overlays move with j/k as well as the arrows, like the panes.
    static func viKeysAsArrows(_ key: Key) -> Key {
        switch key {
        case .character("j"): return .down
        case .character("k"): return .up
        default: return key
        }
    }

    /// The answer to a prompt; an invalid answer reopens it with the reason under it.
    mutating func submit(_ text: String, for form: PromptForm) -> [ConsoleEffect] {
        func reopen(_ error: any Error) -> [ConsoleEffect] {
            var again = form
            again.prompt.error = "\(error)"
            overlay = .prompt(again)
            return []
        }
        do {
            switch form.purpose {
            case .note:
                return record(.noteAdded(NoteAdded(text: try TextField.multiLine(text, named: "the note"))))
            case .addResource:
                let reference = try Self.parseResource(text)
                if state?.resources.contains(where: { $0.id == reference.id }) == true {
                    throw IncidentError.conflict("resource \(reference.id) is already in this incident")
                }
                overlay = .choice(ChoiceMenu(title: "State of \(reference.id)", options: ResourceState.allCases.map(\.rawValue),
                                             selected: 1, purpose: .newResourceState(reference: text)))
                return []
            case .skipItem(let id):
                let reason = try TextField.singleLine(text, named: "the reason", allowEmpty: true)
                return record(.checklistItemChanged(ChecklistItemChanged(item: id, state: .skipped, reason: reason.isEmpty ? nil : reason)))
            case .addChecklistItem(let phase):
                guard let state else { return [] }
                let itemText = try TextField.singleLine(text, named: "the item")
                let item = ChecklistTemplate(id: state.nextCustomItemID(in: phase), phase: phase, text: itemText)
                return record(.checklistItemAdded(ChecklistItemAdded(item: item)))
            case .closeIncident:
                let resolution = try TextField.multiLine(text, named: "the resolution")
                // Findings AWS can be told are resolved: offered, the commands shown before anything runs.
                if let state, case let count = state.resolvableFindings.count, count > 0 {
                    let findings = "\(count) imported finding\(count == 1 ? "" : "s")"
                    overlay = .choice(ChoiceMenu(title: "Close \(state.incident.id): resolve the \(findings) in AWS too?",
                                                 options: ["Resolve the \(findings) in AWS, then close (the commands are shown first)",
                                                           "Close only: the findings stay as they are in AWS"],
                                                 purpose: .closeResolvingFindings(ClosingRequest(resolution: resolution,
                                                                                                 force: !state.stillCompromised.isEmpty))))
                    return []
                }
                return record(.incidentClosed(IncidentClosed(resolution: resolution)))
            case .newIncidentTitle:
                let title = try TextField.singleLine(text, named: "the title")
                overlay = .choice(ChoiceMenu(title: "Severity of \"\(title)\"", options: (1...4).map { "SEV\($0) \(Severity(rawValue: $0)!.label)" },
                                             selected: 1, purpose: .severity(title: title)))
                return []
            case .filterResources:
                resourceFilter = text.trimmingCharacters(in: .whitespaces)
                resourceList.setCount(visibleResources.count)
                resourceList.selectFirst()
                return []
            case .filterLog:
                let query = text.trimmingCharacters(in: .whitespaces)
                // A bad regular expression keeps the prompt open with the reason.
                do {
                    logPattern = query.isEmpty ? nil : try LogPattern(query)
                } catch {
                    throw IncidentError.invalidInput("\(error)")
                }
                logFilter = query
                logScroll = 0
                return []
            case .searchLog:
                try submitSearch(text)
                return []
            case .confirmAction(let preview):
                guard text == preview.confirmationText else {
                    throw IncidentError.invalidInput("that is not the confirmation text; nothing was run")
                }
                return confirmed(preview)
            case .reportPath:
                let path = try TextField.singleLine(text, named: "the path", maxLength: 4096)
                pendingWrites += 1
                say("writing the report to \(path)…")
                return [.writeReport(to: path)]
            case .followUpText(let category):
                guard let state else { return [] }
                let entry = FollowUpRecorded(id: state.nextFollowUpID, category: category, text: try TextField.singleLine(text, named: "the text"))
                // Action items get an owner and a due date; lessons and policies are recorded as they are.
                guard category == .action else { return record(.followUpRecorded(entry)) }
                overlay = .prompt(PromptForm(title: "Who owns it?", prompt: Prompt(label: "Owner: ", placeholder: "a name or team; empty for none"),
                                             purpose: .followUpOwner(entry)))
                return []
            case .followUpOwner(var entry):
                let owner = try TextField.singleLine(text, named: "the owner", maxLength: 100, allowEmpty: true)
                entry.owner = owner.isEmpty ? nil : owner
                overlay = .prompt(PromptForm(title: "Due when?", prompt: Prompt(label: "Due: ", placeholder: "YYYY-MM-DD; empty for none"),
                                             purpose: .followUpDue(entry)))
                return []
            case .followUpDue(var entry):
                let due = text.trimmingCharacters(in: .whitespaces)
                entry.due = due.isEmpty ? nil : try FollowUpRecorded.validateDue(due)
                return record(.followUpRecorded(entry))
            case .addLogSource:
                let spec = try TextField.singleLine(text, named: "the source", maxLength: 4096)
                say("following \(spec)…")
                return [.logSource(.add(spec: spec))]
            case .importFindings:
                let source = try TextField.singleLine(text, named: "the source", maxLength: 4096)
                return start(.importFindings(from: source), saying: "importing findings from \(source)…")
            case .actionParameter(var parameters):
                let value = text.trimmingCharacters(in: .whitespaces)
                let asked = parameters.current
                if value.isEmpty {
                    // An empty answer takes the default (the planner fills it in) or leaves an optional value out.
                    if asked.required && asked.defaultValue == nil { throw IncidentError.invalidInput("\(asked.name) is required") }
                } else {
                    parameters.values[asked.name] = value
                }
                parameters.remaining.removeFirst()
                if parameters.remaining.isEmpty {
                    return [.previewAction(parameters.action, resources: parameters.resources, parameters: parameters.values)]
                }
                overlay = .prompt(parameters.form)
                return []
            case .assignRole(let role):
                let name = try TextField.singleLine(text, named: "the name", maxLength: 100, allowEmpty: true)
                return record(.roleAssigned(RoleAssigned(role: role, operatorName: name)))
            case .seekTime:
                return try seek(toTimeText: text)
            case .statusUpdate:
                return record(try PostStatusUpdate.event(text))
            case .severityReason(let change):
                // `from` is the severity shown: the store refuses it if someone changed it meanwhile.
                return record(try ChangeSeverity.event(from: change.from, to: change.to, reason: text))
            }
        } catch {
            return reopen(error)
        }
    }

    /// The run of a plan the responder confirmed: the action, or the undo of the run it reverts.
    mutating func confirmed(_ preview: ActionPreview) -> [ConsoleEffect] {
        if let run = preview.undoes {
            let work = ConsoleAWSWork.undo(run: run, resources: preview.undoResources)
            return start(work, saying: "\(work.title.replacingOccurrences(of: "the undo of", with: "undoing"))…")
        }
        if let closing = preview.closing { return start(.resolveFindingsAndClose(closing), saying: "resolving the findings in AWS, then closing…") }
        pendingWrites += 1
        running.action = RunningWork.Action(action: preview.action, resources: preview.resources, steps: preview.stepCount, startedAt: now)
        return [.runAction(preview.action, resources: preview.resources, parameters: preview.parameters)]
    }

    /// `i-0abc…`, an ARN, `s3://…`, or `KIND NAME` for names whose kind cannot be inferred.
    static func parseResource(_ text: String) throws -> ResourceIdentifier {
        let words = text.trimmingCharacters(in: .whitespaces).split(separator: " ", maxSplits: 1).map(String.init)
        if words.count == 2 {
            return try ResourceIdentifier(parsing: words[1], kind: try ResourceKind(parsing: words[0]))
        }
        return try ResourceIdentifier(parsing: text)
    }

    mutating func choose(_ index: Int, from menu: ChoiceMenu) -> [ConsoleEffect] {
        guard menu.options.indices.contains(index) else { return [] }
        switch menu.purpose {
        case .enterPhase:
            return record(.phaseEntered(PhaseEntered(phase: Phase.allCases[index])))
        case .resourceState(let resource):
            guard let current = state?.resources.first(where: { $0.id == resource }) else { return [] }
            return record(.resourceStateChanged(ResourceStateChanged(resource: resource, from: current.state, to: ResourceState.allCases[index])))
        case .addFromLine(let names):
            askStateOfNewResource(names[index])
            return []
        case .newResourceState(let text):
            guard let state, let reference = try? Self.parseResource(text) else { return [] }
            return record(.resourceAdded(state.resourceAdded(reference, state: ResourceState.allCases[index])))
        case .followUpCategory:
            let category = FollowUpCategory.allCases[index]
            overlay = .prompt(PromptForm(title: category.title, prompt: Prompt(label: "What? ", placeholder: "one line for the report"),
                                         purpose: .followUpText(category)))
            return []
        case .action(let choices, let resources):
            let choice = choices[index]
            guard !choice.parameters.isEmpty else { return [.previewAction(choice.id, resources: resources)] }
            let cidrs = state?.indicatorCIDRs ?? []
            overlay = .prompt(ActionParameterForm(action: choice.id, resources: resources, remaining: choice.parameters,
                                                  offered: cidrs.isEmpty ? [:] : ["cidrs": cidrs.joined(separator: ",")]).form)
            return []
        case .role:
            let role = IncidentRole.allCases[index]
            overlay = .prompt(PromptForm(title: "Who is \(role.rawValue)?", prompt: Prompt(
                label: "Name: ", text: state?.roles[role] ?? operatorName, placeholder: "empty clears the role"), purpose: .assignRole(role)))
            return []
        case .discoverFrom(let resources):
            return discover(from: resources[index])
        case .undoRun(let targets):
            return [.previewUndo(run: targets[index].run, resources: targets[index].resources)]
        case .changeSeverity:
            return askWhySeverityChanges(to: index + 1)
        case .actionTarget(let choice, let targets):
            return choose(0, from: ChoiceMenu(title: choice.id, options: [choice.id], purpose: .action([choice], resources: targets[index])))
        case .closeDespiteCompromised:
            return index == 1 ? askForResolution(warned: true) : []
        case .closeResolvingFindings(let closing):
            guard index == 0 else { return record(.incidentClosed(IncidentClosed(resolution: closing.resolution))) }
            say("planning the calls that resolve the findings…")
            return [.previewResolvingFindings(closing)]
        case .severity(let title):
            guard mode == .live else { return [] }
            return [.openIncident(IncidentOpened(title: title, severity: Severity(rawValue: index + 1)!))]
        }
    }

    // MARK: - Mouse

    mutating func handleMouse(_ event: MouseEvent) -> [ConsoleEffect] {
        guard overlay == nil, state != nil else { return [] }
        let layout = ConsoleScreenLayout(size: layoutSize, focus: focus, zoomed: zoomed)
        guard let (pane, rect) = layout.visiblePanes.first(where: { $0.rect.contains(x: event.x, y: event.y) }) else { return [] }
        switch event.button {
        case .wheelUp:
            focus = pane
            return run(pane == .log ? .scrollLog(.lineBack) : .moveList(.up))
        case .wheelDown:
            focus = pane
            return run(pane == .log ? .scrollLog(.lineForward) : .moveList(.down))
        case .left where event.action != .release:
            focus = pane
            let row = event.y - rect.y - 1
            guard row >= 0 else { return [] }
            switch pane {
            case .phases: phaseList.select(phaseList.visibleRange.lowerBound + row); refreshListCounts()
            case .resources: resourceList.select(resourceList.visibleRange.lowerBound + row)
            case .checklist: checklistList.select(checklistList.visibleRange.lowerBound + row)
            case .log: break
            }
            return []
        default:
            return []
        }
    }
}
