import IncidentModel
import IncidentStore
import TerminalUI

/// What covers the panes: at most one at a time, and Esc closes it.
enum Overlay: Equatable, Sendable {
    case help(scroll: Int)
    case details(title: String, lines: [String])
    case choice(ChoiceMenu)
    case prompt(PromptForm)
    case confirmQuit
    /// Quitting a drill stops its emulator: `y` quits, any other key stays.
    case confirmDrillQuit
    case picker(IncidentPicker)
    /// An action's exact commands, waiting for Enter (or the typed confirmation); wrapped and scrolled.
    case actionPreview(PlanOverlay)
    /// Every action run of the incident (`X`).
    case runs(RunsView)
    /// Every command, searched as it is typed (`:`).
    case palette(CommandPalette)
}

/// A short list to pick one from (a phase, a state, a severity).
struct ChoiceMenu: Equatable, Sendable {
    enum Purpose: Equatable, Sendable {
        case enterPhase
        case resourceState(resource: String)
        case newResourceState(reference: String)
        case severity(title: String)
        case role
        case action([ActionChoice], resources: [String])
        case followUpCategory
        /// The resource to discover from (a checklist item's `r`).
        case discoverFrom([String])
        /// The run to undo (a checklist item's `r`), one option a run's resource not put back yet.
        case undoRun([UndoTarget])
        /// Which of the names a log line holds to add (`+` in the log pane).
        case addFromLine([String])
        /// The incident's new severity (`S`).
        case changeSeverity
        /// The resources to run an action-backed item's action on, one option each, most relevant first.
        case actionTarget(ActionChoice, targets: [[String]])
        /// Closing although these resources are still compromised: keep it open, or close anyway.
        case closeDespiteCompromised([String])
        /// Closing with findings AWS can be told are resolved: resolve them first (the commands shown), or only close.
        case closeResolvingFindings(ClosingRequest)
    }

    var title: String
    var options: [String]
    var list: ListView
    var purpose: Purpose

    init(title: String, options: [String], selected: Int = 0, purpose: Purpose) {
        self.title = title
        self.options = options
        self.list = ListView(count: options.count, selection: selected, viewportHeight: options.count)
        self.purpose = purpose
    }
}

/// A one-line question, answered with Enter or dropped with Esc.
struct PromptForm: Equatable, Sendable {
    enum Purpose: Equatable, Sendable {
        case note
        case addResource
        case skipItem(id: String)
        case addChecklistItem(Phase)
        case closeIncident
        case newIncidentTitle
        case filterResources
        case filterLog
        case searchLog
        case seekTime
        case assignRole(IncidentRole)
        case confirmAction(ActionPreview)
        case actionParameter(ActionParameterForm)
        case importFindings
        case addLogSource
        case followUpText(FollowUpCategory)
        case followUpOwner(FollowUpRecorded)
        case followUpDue(FollowUpRecorded)
        case reportPath
        /// Why the severity changes (optional), before it is recorded.
        case severityReason(SeverityChanged)
        case statusUpdate
    }

    var title: String
    var prompt: Prompt
    var purpose: Purpose
}

/// The incident picker shown at start when several incidents are open.
struct IncidentPicker: Equatable, Sendable {
    var incidents: [IncidentSummary]
    var list: ListView

    init(incidents: [IncidentSummary]) {
        self.incidents = incidents
        self.list = ListView(count: incidents.count, selection: 0, viewportHeight: max(1, incidents.count))
    }
}

/// The values of an action's parameters, asked for one at a time before its plan is shown.
struct ActionParameterForm: Equatable, Sendable {
    var action: String
    var resources: [String]
    /// Still to ask, the one being asked first.
    var remaining: [ActionChoice.Parameter]
    var values: [String: String] = [:]
    /// Answers offered ready to edit, by parameter name: the incident's indicator CIDRs for `cidrs`.
    var offered: [String: String] = [:]

    var current: ActionChoice.Parameter { remaining[0] }

    /// The prompt for the parameter being asked.
    var form: PromptForm {
        let parameter = current
        let hint = parameter.defaultValue.map { "empty: \($0)" } ?? (parameter.required ? "required" : "empty leaves it out")
        return PromptForm(title: "\(action): \(parameter.summary)", prompt: Prompt(label: "\(parameter.name): ", text: offered[parameter.name] ?? "", placeholder: hint),
                          purpose: .actionParameter(self))
    }
}

