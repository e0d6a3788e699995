/// What a piece of text *means*, not how it looks. Widgets and the console
/// draw with roles; a `Theme` decides the look. The raw value is the name used
/// in theme files.
public enum StyleRole: String, CaseIterable, Hashable, Sendable, Comparable {
    case normal = "normal"

    case header = "header"
    case headerDrill = "header.drill"
    case headerReplay = "header.replay"
    case readonlyBadge = "readonly.badge"

    case paneBorder = "pane.border"
    case paneBorderFocused = "pane.border.focused"
    case paneTitle = "pane.title"
    case paneTitleFocused = "pane.title.focused"

    case listSelected = "list.selected"
    case listSelectedUnfocused = "list.selected.unfocused"

    case footer = "footer"
    case footerKey = "footer.key"

    case phaseDone = "phase.done"
    case phaseCurrent = "phase.current"
    case phaseAhead = "phase.ahead"

    case resourceSuspected = "resource.suspected"
    case resourceCompromised = "resource.compromised"
    case resourceContained = "resource.contained"
    case resourceEradicated = "resource.eradicated"
    case resourceRecovered = "resource.recovered"
    case resourceCleared = "resource.cleared"

    case checklistDone = "checklist.done"
    case checklistSkipped = "checklist.skipped"
    case checklistOpen = "checklist.open"

    case logInfo = "log.info"
    case logWarning = "log.warning"
    case logError = "log.error"
    case logHighlight = "log.highlight"
    case logTimestamp = "log.timestamp"

    case modal = "modal"
    case modalBorder = "modal.border"
    case modalTitle = "modal.title"

    case prompt = "prompt"
    case promptCursor = "prompt.cursor"
    case promptPlaceholder = "prompt.placeholder"

    case helpKey = "help.key"
    case helpSection = "help.section"

    case error = "error"
    case warning = "warning"
    case success = "success"
    case danger = "danger"
    case dim = "dim"

    /// The role named `name` in a theme file.
    public init?(themeName name: String) {
        self.init(rawValue: name)
    }

    /// One line saying what the role is for (written into theme files).
    public var purpose: String {
        switch self {
        case .normal: return "ordinary text"
        case .header: return "top line: incident, phase, who"
        case .headerDrill: return "top line while running a drill"
        case .headerReplay: return "top line while replaying a closed incident"
        case .readonlyBadge: return "the READ-ONLY / REPLAY badge"
        case .paneBorder: return "pane frame"
        case .paneBorderFocused: return "frame of the pane with the focus"
        case .paneTitle: return "pane title"
        case .paneTitleFocused: return "title of the pane with the focus"
        case .listSelected: return "selected row in the focused pane"
        case .listSelectedUnfocused: return "selected row in other panes"
        case .footer: return "bottom line"
        case .footerKey: return "key names in the bottom line"
        case .phaseDone: return "phase already completed"
        case .phaseCurrent: return "phase in progress"
        case .phaseAhead: return "phase not reached yet"
        case .resourceSuspected: return "resource suspected"
        case .resourceCompromised: return "resource compromised, not contained"
        case .resourceContained: return "resource contained"
        case .resourceEradicated: return "resource eradicated"
        case .resourceRecovered: return "resource recovered"
        case .resourceCleared: return "resource cleared (false positive)"
        case .checklistDone: return "checklist item done"
        case .checklistSkipped: return "checklist item skipped"
        case .checklistOpen: return "checklist item open"
        case .logInfo: return "log line"
        case .logWarning: return "log warning"
        case .logError: return "log error"
        case .logHighlight: return "search match in the log"
        case .logTimestamp: return "time stamp in the log"
        case .modal: return "dialog body"
        case .modalBorder: return "dialog frame"
        case .modalTitle: return "dialog title"
        case .prompt: return "text being typed"
        case .promptCursor: return "cursor in a prompt"
        case .promptPlaceholder: return "hint shown in an empty prompt"
        case .helpKey: return "key names in the help overlay"
        case .helpSection: return "section headings in the help overlay"
        case .error: return "error message"
        case .warning: return "warning message"
        case .success: return "success message"
        case .danger: return "destructive action needing confirmation"
        case .dim: return "secondary text"
        }
    }

    public static func < (lhs: StyleRole, rhs: StyleRole) -> Bool { lhs.rawValue < rhs.rawValue }
}
