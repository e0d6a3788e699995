import LogTail

/// Everything a key of the console can ask for. The binding table maps keys
/// to these; `ConsoleModel.run(_:)` hands each to the one function that
/// carries it out, so no command is ever a string to mistype.
public enum ConsoleCommand: Hashable, Sendable {
    // Everywhere
    case help
    case focusNext
    case focusPrevious
    case focus(PaneID)
    case choosePhase
    case addResource
    case addNote
    case addStatusUpdate
    case openIncident
    case pickIncident
    case closeIncident
    case assignRole
    case reopenIncident
    case importFindings
    case addFollowUp
    case showMetrics
    case changeSeverity
    case redrawScreen
    /// The focused pane takes the whole screen, or gives it back.
    case toggleZoom
    case quit
    /// `X`: every action run, whether and why it can be undone; `u` there undoes one.
    case showRuns
    /// `:`: every command, searched as it is typed (`CommandPalette`).
    case commandPalette

    // The command palette's own (what only the command line had)
    /// `firebreak action verify`.
    case verifyContainment
    /// `firebreak readiness`.
    case auditReadiness
    /// `firebreak report`.
    case writeReport
    /// `firebreak action undo`: one resource's containment run, chosen from a menu.
    case undoRun
    /// Record the event that takes back this operator's last phase or resource state change.
    case undoLastChange

    // Lists (phases, resources, checklist)
    case moveList(ListMove)
    /// Enter: what the focused pane has selected, in a box.
    case details

    // Phase timeline and checklist
    case enterSelectedPhase
    /// The checklist of the phase before (-1) or after (+1) the one shown.
    case showPhase(step: Int)

    // Resources
    case resourceActions
    case discoverResource
    case markResource
    case chooseResourceState
    case markContained
    case sortResources
    case filterResources

    // Checklist
    case tickItem
    case skipItem
    case runItem
    case reopenItem
    case addItem

    // Log
    case scrollLog(LogScroll)
    case toggleFollow
    case filterLog
    /// Enter in the log: go to the resource the selected line names, else show the line.
    case goToMentionedResource
    case logLineDetails
    case pinLogLine
    case searchLog
    case stepSearch(LogSearchDirection)
    case toggleLevel(LogLevel)
    case toggleTimeZone
    case selectSource(step: Int)
    case pauseSource
    case muteSource
    case addSource
    case removeSource
    /// `+`: add a resource the selected line names.
    case addResourceFromLine
    /// Long lines wrap onto the rows below, or are cut at the edge.
    case toggleWrap
    /// Scroll the lines sideways: positive shows what is to the right.
    case scrollLogSideways(Int)

    // Replay (firebreak replay)
    case replay(ReplayCommand)

    /// Whether the command means anything before an incident is on screen
    /// (the picker, or an empty database): only quitting and opening one.
    var worksWithoutIncident: Bool {
        switch self {
        case .quit, .openIncident: return true
        default: return false
        }
    }
}

/// How a list pane's selection moves.
public enum ListMove: Hashable, Sendable {
    case down, up, top, bottom, pageDown, pageUp
}

/// How the log pane scrolls.
public enum LogScroll: Hashable, Sendable {
    /// One line back (older), pausing the follow.
    case lineBack
    case lineForward
    case pageBack
    case pageForward
    /// The oldest line.
    case oldest
    /// The newest line, and follow again.
    case newest
}

/// The replay's own commands.
public enum ReplayCommand: Hashable, Sendable {
    case playPause
    /// One event forward (+1) or back (-1), pausing.
    case step(Int)
    case faster
    case slower
    case toggleSkipIdle
    case nextPhase
    case previousPhase
    case start
    case end
    case seekTime
}
