import Foundation
import IncidentModel
import TerminalUI

extension ConsoleModel {
    /// A binding whose key was pressed: refused with its reason when a
    /// requirement is not met, else its command runs.
    mutating func perform(_ binding: ConsoleKeyBinding) -> [ConsoleEffect] {
        // Nothing on screen yet: only quitting and opening make sense.
        guard state != nil || binding.command.worksWithoutIncident else { return [] }
        if let reason = binding.disabledReason(in: self) {
            complain(reason)
            return []
        }
        return run(binding.command)
    }

    /// Hands a command to the one function that carries it out.
    mutating func run(_ command: ConsoleCommand) -> [ConsoleEffect] {
        switch command {
        case .help: return showHelp()
        case .focusNext: return focus(on: focus.next)
        case .focusPrevious: return focus(on: focus.previous)
        case .focus(let pane): return focus(on: pane)
        case .choosePhase: return choosePhase()
        case .addResource: return askForResource()
        case .addNote: return askForNote()
        case .addStatusUpdate: return askForStatusUpdate()
        case .openIncident: return askForNewIncident()
        case .pickIncident: return [.listIncidents]
        case .closeIncident: return askForResolution()
        case .assignRole: return chooseRole()
        case .reopenIncident: return record(.incidentReopened(IncidentReopened()))
        case .importFindings: return askForFindingsSource()
        case .addFollowUp: return chooseFollowUpCategory()
        case .showMetrics: return [.showMetrics]
        case .changeSeverity: return chooseSeverity()
        case .redrawScreen: return redrawScreen()
        case .toggleZoom: return toggleZoom()
        case .quit: return quit()
        case .showRuns: return showRuns()
        case .commandPalette: return openCommandPalette()
        case .verifyContainment: return verifyContainment()
        case .auditReadiness: return auditReadiness()
        case .writeReport: return askWhereToWriteTheReport()
        case .undoRun: return chooseRunToUndo(networkOnly: false)
        case .undoLastChange: return undoLastChange()
        case .moveList(let move): return moveList(move)
        case .details: return showDetails()
        case .enterSelectedPhase: return record(.phaseEntered(PhaseEntered(phase: selectedPhase)))
        case .showPhase(let step): return showPhase(step: step)
        case .resourceActions: return listActions()
        case .discoverResource: return discoverFromSelectedResource()
        case .markResource: return markSelectedResource()
        case .chooseResourceState: return chooseResourceState()
        case .markContained: return markSelectedContained()
        case .sortResources: return sortResources()
        case .filterResources: return askForResourceFilter()
        case .tickItem: return tickSelectedItem()
        case .skipItem: return askWhySkipped()
        case .runItem: return runSelectedItem()
        case .reopenItem: return reopenSelectedItem()
        case .addItem: return askForItem()
        case .scrollLog(let scroll): return scrollLog(scroll)
        case .toggleFollow: return toggleFollow()
        case .filterLog: return askForLogFilter()
        case .goToMentionedResource: return goToMentionedResource()
        case .logLineDetails: return showDetails()
        case .pinLogLine: return pinSelectedLine()
        case .searchLog: return askForLogSearch()
        case .stepSearch(let direction): return stepSearch(direction)
        case .toggleLevel(let level): return toggle(level: level)
        case .toggleTimeZone: return toggleTimeZone()
        case .selectSource(let step): return selectSource(by: step)
        case .pauseSource: return pauseSelectedSource()
        case .muteSource: return muteSelectedSource()
        case .addSource: return askForLogSource()
        case .addResourceFromLine: return addResourceFromLine()
        case .removeSource: return removeSelectedSource()
        case .toggleWrap: return toggleWrap()
        case .scrollLogSideways(let step): return scrollLogSideways(step)
        case .replay(let replayCommand): return runReplay(replayCommand)
        }
    }
}
