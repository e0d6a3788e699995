import Foundation
import IncidentModel
import IncidentStore
import LogTail
import TerminalUI

extension ConsoleModel {
    /// Applies one message (after the type-ahead queue in `update`) and returns the work the runtime must do.
    /// The only place the model changes: the view reads it and changes nothing.
    mutating func handleMessage(_ message: ConsoleMessage) -> [ConsoleEffect] {
        // Whatever the message changed (size, focus, counts, an overlay), the lists scroll by what the screen shows.
        defer { fitListsToScreen() }
        switch message {
        case .key(let key):
            // A key after the message had a moment on screen means it was read.
            if let status, now.timeIntervalSince(status.at) >= 2 { self.status = nil }
            return handle(key)
        case .resize(let newSize):
            size = newSize
            return []
        case .tick(let date):
            var effects = advanceReplay(to: date)
            now = date
            effects += judgeRunsIfDue()
            if let status, date.timeIntervalSince(status.at) > (status.isError ? 15 : 8) { self.status = nil }
            return effects
        case .loaded(let newState, let events):
            let switched = state?.incident.id != newState.incident.id
            state = newState
            resetLog(loading: events.suffix(logLines.capacity).map { .event(EventLine($0)) })
            lastEventSeq = events.last?.event.seq ?? newState.lastSeq
            logScroll = 0
            logFollow = true
            logUnseen = 0
            if switched {
                phaseList.select(newState.phase.number - 1)
                if case .picker = overlay { overlay = nil }
            }
            refreshListCounts()
            return []
        case .earlierEvents(let id, let events):
            guard id == state?.incident.id else { return [] }
            prependToLog(events.map { .event(EventLine($0)) })
            return []
        case .appended(let newState, let events):
            guard newState.incident.id == state?.incident.id else { return [] }
            let phaseBefore = state?.phase
            state = newState
            let fresh = events.filter { $0.event.seq > lastEventSeq }.map { PaneLine.event(EventLine($0)) }
            lastEventSeq = max(lastEventSeq, events.last?.event.seq ?? 0)
            appendToLog(fresh)
            // Follow the incident into a new phase unless the responder is looking elsewhere.
            if let phaseBefore, newState.phase != phaseBefore, selectedPhase == phaseBefore {
                phaseList.select(newState.phase.number - 1)
            }
            refreshListCounts()
            forgetFinishedAction()
            return []
        case .logLines(let lines, let sourceName):
            receive(lines, sourceName: sourceName)
            return []
        case .logSourceStatus(let id, let name, let status):
            guard !logPane.removedSources.contains(id) else { return [] }
            logSources[id] = (name, status)
            return []
        case .actionsAvailable(let resources, let choices):
            guard !choices.isEmpty else {
                complain("no action applies to \(resources.joined(separator: ", "))")
                return []
            }
            overlay = .choice(ChoiceMenu(title: "Actions for \(resources.count == 1 ? resources[0] : "\(resources.count) resources")",
                                         options: choices.map { "\($0.id)  \($0.risk)  \($0.summary)" },
                                         purpose: .action(choices, resources: resources)))
            return []
        case .actionTargets(let choice, let resources):
            return offerTargets(of: choice, among: resources)
        case .actionPreviewed(let preview):
            overlay = .actionPreview(PlanOverlay(preview: preview))
            return []
        case .details(let title, let lines):
            overlay = .details(title: title, lines: lines)
            return []
        case .presence(let list):
            others = list.filter { $0.incident == state?.incident.id }
            return []
        case .storeReachability(let problem):
            storeAway = problem
            return []
        case .replayLoaded(let log):
            startReplay(log)
            return []
        case .replayIndexed(let log):
            return extendReplay(log)
        case .replayIndexFailed(let reason):
            replayIndexFailed(reason: reason)
            return []
        case .replayEvents(let read, let events):
            landReplay(read, events: events)
            return []
        case .replayReadFailed(let read, let reason):
            abandonReplayRead(read, reason: reason)
            return []
        case .incidents(let incidents):
            overlay = .picker(IncidentPicker(incidents: incidents))
            return []
        case .awsWorkFinished(let work):
            if let index = awsWorkInFlight.firstIndex(of: work) { awsWorkInFlight.remove(at: index) }
            // The next one queued starts now.
            running.workSince = awsWorkInFlight.isEmpty ? nil : now
            return []
        case .writeFinished(let error):
            pendingWrites = max(0, pendingWrites - 1)
            forgetFinishedAction()
            if let error { status = StatusMessage(text: error, isError: true, at: now) }
            return []
        case .recorded(let payloads):
            pendingWrites = max(0, pendingWrites - 1)
            say(WriteFeedback.text(for: payloads))
            return []
        case .failed(let text):
            status = StatusMessage(text: text, isError: true, at: now)
            return []
        case .notice(let text):
            say(text)
            return []
        case .runsJudged(let ended):
            endedRuns = ended
            return []
        }
    }

    /// Keeps each list's row count in step with what it shows.
    mutating func refreshListCounts() {
        if let state, !linker.isBuilt(for: state.resources) { linker = ResourceLinker(resources: state.resources) }
        refreshIndicatorLinker()
        resourceList.setCount(visibleResources.count)
        checklistList.setCount(visibleChecklist.count)
    }

    mutating func say(_ text: String) {
        status = StatusMessage(text: text, isError: false, at: now)
    }

    mutating func complain(_ text: String) {
        status = StatusMessage(text: text, isError: true, at: now)
    }

    /// AWS work that writes: counted like a write; the same work asked for again while it runs is not queued twice.
    mutating func start(_ work: ConsoleAWSWork, saying text: String) -> [ConsoleEffect] {
        if awsWorkInFlight.contains(work) {
            say("\(work.title) is already running: its result comes here")
            return []
        }
        pendingWrites += 1
        if awsWorkInFlight.isEmpty { running.workSince = now }
        awsWorkInFlight.append(work)
        say(text)
        return [.awsWork(work)]
    }

    /// A write to the incident: counted until the store answers.
    mutating func record(_ payload: EventPayload) -> [ConsoleEffect] {
        guard mode == .live else {
            complain("read-only: nothing can be changed here")
            return []
        }
        guard let state else { return [] }
        do {
            // Checked here for an instant, inline answer; the store checks again in its transaction.
            try state.validate(payload)
        } catch {
            complain("\(error)")
            return []
        }
        pendingWrites += 1
        return [.record(payload)]
    }
}
