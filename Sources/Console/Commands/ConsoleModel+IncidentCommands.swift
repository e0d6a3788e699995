import Foundation
import IncidentModel
import TerminalUI

/// The commands that apply wherever the focus is.
extension ConsoleModel {
    mutating func showHelp() -> [ConsoleEffect] {
        overlay = .help(scroll: 0)
        return []
    }

    mutating func focus(on pane: PaneID) -> [ConsoleEffect] {
        focus = pane
        return []
    }

    mutating func redrawScreen() -> [ConsoleEffect] {
        [.redrawScreen]
    }

    mutating func quit() -> [ConsoleEffect] {
        if drillEmulator != nil { overlay = .confirmDrillQuit; return [] }
        if pendingWrites > 0 { overlay = .confirmQuit } else { shouldQuit = true }
        return []
    }

    mutating func choosePhase() -> [ConsoleEffect] {
        let current = (state?.phase.number ?? 1) - 1
        overlay = .choice(ChoiceMenu(title: "Enter which phase?", options: Phase.allCases.map { "\($0.number) \($0.title)" },
                                     selected: min(current + 1, 6), purpose: .enterPhase))
        return []
    }

    mutating func askForNote() -> [ConsoleEffect] {
        overlay = .prompt(PromptForm(title: "Note", prompt: Prompt(label: "Note: ", placeholder: "what happened, what you saw"), purpose: .note))
        return []
    }

    mutating func askForNewIncident() -> [ConsoleEffect] {
        overlay = .prompt(PromptForm(title: "Open a new incident", prompt: Prompt(label: "Title: ", placeholder: "what happened, in one line"),
                                     purpose: .newIncidentTitle))
        return []
    }

    /// The resolution; first, when resources are still compromised, whether to close at all (`warned` once asked).
    mutating func askForResolution(warned: Bool = false) -> [ConsoleEffect] {
        if !warned, let compromised = state?.stillCompromised.map(\.id), !compromised.isEmpty {
            overlay = .choice(ChoiceMenu(title: "Still compromised: \(compromised.joined(separator: ", "))",
                                         options: ["Keep it open (contain them first)", "Close anyway, with \(compromised.joined(separator: ", ")) still compromised"],
                                         purpose: .closeDespiteCompromised(compromised)))
            return []
        }
        overlay = .prompt(PromptForm(title: "Close \(state?.incident.id.description ?? "")", prompt: Prompt(label: "Resolution: "), purpose: .closeIncident))
        return []
    }

    mutating func chooseRole() -> [ConsoleEffect] {
        overlay = .choice(ChoiceMenu(title: "Which role?", options: IncidentRole.allCases.map { role in
            "\(role.rawValue)" + (state?.roles[role].map { " (now \($0))" } ?? "")
        }, purpose: .role))
        return []
    }

    mutating func askForFindingsSource() -> [ConsoleEffect] {
        overlay = .prompt(PromptForm(title: "Import findings", prompt: Prompt(
            label: "From: ", placeholder: "securityhub, guardduty, or the path of a findings file"), purpose: .importFindings))
        return []
    }

    mutating func chooseFollowUpCategory() -> [ConsoleEffect] {
        overlay = .choice(ChoiceMenu(title: "Record for the report", options: FollowUpCategory.allCases.map(\.title),
                                     purpose: .followUpCategory))
        return []
    }

    /// Moves the focused list pane's selection.
    mutating func moveList(_ move: ListMove) -> [ConsoleEffect] {
        func apply(_ list: inout ListView) {
            switch move {
            case .down: list.moveDown()
            case .up: list.moveUp()
            case .top: list.selectFirst()
            case .bottom: list.selectLast()
            case .pageDown: list.pageDown()
            case .pageUp: list.pageUp()
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
        return []
    }

    mutating func showDetails() -> [ConsoleEffect] {
        overlay = details()
        return []
    }

    /// The checklist of the phase `step` away from the one shown.
    mutating func showPhase(step: Int) -> [ConsoleEffect] {
        if step < 0 { phaseList.moveUp() } else { phaseList.moveDown() }
        refreshListCounts()
        return []
    }
}
