import TerminalUI

/// Every key of the console, declared once with its command and what it
/// needs. The footer hints, the `?` overlay and docs/KEYBINDINGS.md all come
/// from this table; read-only mode drops the bindings marked `mutates`;
/// a closed incident offers only what still works (`ClosedIncidentRule`).
public enum ConsoleBindings {
    public static let table = ConsoleKeyTable(ClosedIncidentRule.applied(to: [
        // Everywhere
        ConsoleKeyBinding(["?"], command: .help, help: "Show the keys of the focused pane", scope: .global, footer: "help"),
        ConsoleKeyBinding(["<Tab>"], command: .focusNext, help: "Focus the next pane", scope: .global, footer: "pane"),
        ConsoleKeyBinding(["<S-Tab>"], command: .focusPrevious, help: "Focus the previous pane", scope: .global),
        ConsoleKeyBinding(["1"], command: .focus(.phases), help: "Focus the phase timeline", scope: .global),
        ConsoleKeyBinding(["2"], command: .focus(.resources), help: "Focus the resources", scope: .global),
        ConsoleKeyBinding(["3"], command: .focus(.checklist), help: "Focus the checklist", scope: .global),
        ConsoleKeyBinding(["4"], command: .focus(.log), help: "Focus the log", scope: .global),
        ConsoleKeyBinding(["P"], command: .choosePhase, help: "Enter a phase (choose from the seven)", scope: .global, mutates: true, footer: "phase"),
        ConsoleKeyBinding(["+", "a"], command: .addResource, help: "Add a resource by id or ARN (the kind is inferred)", scope: .global, mutates: true, footer: "add resource"),
        ConsoleKeyBinding(["n"], command: .addNote, help: "Add a note to the timeline", scope: .global, mutates: true, footer: "note"),
        ConsoleKeyBinding(["N"], command: .addStatusUpdate, help: "Post a stakeholder status update (a note the report collects)", scope: .global, mutates: true),
        ConsoleKeyBinding(["O"], command: .openIncident, help: "Open a new incident", scope: .global, mutates: true),
        ConsoleKeyBinding(["I"], command: .pickIncident, help: "Switch to another open incident", scope: .global),
        ConsoleKeyBinding(["C"], command: .closeIncident, help: "Close the incident (asks first while a resource is still compromised, then for the resolution)", scope: .global, mutates: true, requires: [.incidentOpen]),
        ConsoleKeyBinding(["W"], command: .assignRole, help: "Set the commander or the scribe", scope: .global, mutates: true),
        ConsoleKeyBinding(["R"], command: .reopenIncident, help: "Reopen a closed incident", scope: .global, mutates: true, requires: [.incidentClosed]),
        ConsoleKeyBinding(["F"], command: .importFindings, help: "Import findings: securityhub, guardduty, or a file", scope: .global, mutates: true),
        ConsoleKeyBinding(["L"], command: .addFollowUp, help: "Record a lesson, a policy change or an action item for the report", scope: .global, mutates: true),
        ConsoleKeyBinding(["S"], command: .changeSeverity, help: "Change the incident's severity (SEV1 critical to SEV4 low; asks why)", scope: .global, mutates: true, requires: [.incidentOpen]),
        ConsoleKeyBinding(["U"], command: .undoLastChange, help: "Undo your last phase change or resource state change (e, P, c, s): a correcting event, nothing deleted; again puts it back", scope: .global, mutates: true),
        ConsoleKeyBinding(["M"], command: .showMetrics, help: "Metrics: time to detect, contain, eradicate, recover", scope: .global),
        ConsoleKeyBinding(["X"], command: .showRuns, help: "Action runs: status, steps, who, when, whether each can be undone (u undoes)", scope: .global),
        ConsoleKeyBinding([":"], command: .commandPalette, help: "Command palette: every command, type to search, Enter runs", scope: .global),
        ConsoleKeyBinding(["<C-l>"], command: .redrawScreen, help: "Redraw the screen", scope: .global),
        ConsoleKeyBinding(["Z"], command: .toggleZoom, help: "Give the focused pane the whole screen, and back (Tab and 1-4 still switch)", scope: .global, footer: "zoom"),
        ConsoleKeyBinding(["q", "<C-c>"], command: .quit, help: "Quit (asks first while a write is still running)", scope: .global, footer: "quit"),

        // Phase timeline
        ConsoleKeyBinding(["j", "<Down>"], command: .moveList(.down), help: "Next phase (its checklist shows)", scope: .pane(.phases)),
        ConsoleKeyBinding(["k", "<Up>"], command: .moveList(.up), help: "Previous phase", scope: .pane(.phases)),
        ConsoleKeyBinding(["e"], command: .enterSelectedPhase, help: "Enter the selected phase", scope: .pane(.phases), mutates: true, footer: "enter phase"),
        ConsoleKeyBinding(["<Enter>"], command: .details, help: "When the selected phase was entered and for how long", scope: .pane(.phases), footer: "details"),

        // Resources
        ConsoleKeyBinding(["j", "<Down>"], command: .moveList(.down), help: "Next resource", scope: .pane(.resources)),
        ConsoleKeyBinding(["k", "<Up>"], command: .moveList(.up), help: "Previous resource", scope: .pane(.resources)),
        ConsoleKeyBinding(["g", "<Home>"], command: .moveList(.top), help: "First resource", scope: .pane(.resources)),
        ConsoleKeyBinding(["G", "<End>"], command: .moveList(.bottom), help: "Last resource", scope: .pane(.resources)),
        ConsoleKeyBinding(["<PageDown>"], command: .moveList(.pageDown), help: "Page down", scope: .pane(.resources)),
        ConsoleKeyBinding(["<PageUp>"], command: .moveList(.pageUp), help: "Page up", scope: .pane(.resources)),
        ConsoleKeyBinding(["a"], command: .resourceActions, help: "AWS actions for the selected (or marked) resources: see the exact commands, then run", scope: .pane(.resources), mutates: true, footer: "actions", requires: [.resourcesChosen]),
        ConsoleKeyBinding(["D"], command: .discoverResource, help: "Discover what the resource touches (volumes, groups, role, keys…): added as suspected", scope: .pane(.resources), mutates: true, footer: "discover", requires: [.resourceSelected]),
        ConsoleKeyBinding(["<Space>"], command: .markResource, help: "Mark or unmark the resource (one action takes every marked one)", scope: .pane(.resources), footer: "mark", requires: [.resourceSelected]),
        ConsoleKeyBinding(["s"], command: .chooseResourceState, help: "Change the selected resource's state", scope: .pane(.resources), mutates: true, footer: "state", requires: [.resourceSelected]),
        ConsoleKeyBinding(["c"], command: .markContained, help: "Mark the selected resource contained", scope: .pane(.resources), mutates: true, footer: "contained", requires: [.resourceSelected]),
        ConsoleKeyBinding(["<Enter>"], command: .details, help: "The selected resource and its path through the states", scope: .pane(.resources), footer: "details"),
        ConsoleKeyBinding(["o"], command: .sortResources, help: "Sort by urgency, kind, id, order added, or blast radius (as a tree)", scope: .pane(.resources), footer: "sort"),
        ConsoleKeyBinding(["/"], command: .filterResources, help: "Filter resources (empty to clear)", scope: .pane(.resources), footer: "filter"),

        // Checklist
        ConsoleKeyBinding(["j", "<Down>"], command: .moveList(.down), help: "Next item", scope: .pane(.checklist)),
        ConsoleKeyBinding(["k", "<Up>"], command: .moveList(.up), help: "Previous item", scope: .pane(.checklist)),
        ConsoleKeyBinding(["g", "<Home>"], command: .moveList(.top), help: "First item", scope: .pane(.checklist)),
        ConsoleKeyBinding(["G", "<End>"], command: .moveList(.bottom), help: "Last item", scope: .pane(.checklist)),
        ConsoleKeyBinding(["x", "<Space>"], command: .tickItem, help: "Tick the selected item (again: un-tick)", scope: .pane(.checklist), mutates: true, footer: "tick", requires: [.itemSelected]),
        ConsoleKeyBinding(["s"], command: .skipItem, help: "Skip the selected item (asks why)", scope: .pane(.checklist), mutates: true, footer: "skip", requires: [.itemSelected]),
        ConsoleKeyBinding(["r"], command: .runItem, help: "Run what backs the item: its AWS action, or the audit, import, discovery, verification, undo, report or drill", scope: .pane(.checklist), mutates: true, footer: "run", requires: [.itemSelected, .itemBacked]),
        ConsoleKeyBinding(["u"], command: .reopenItem, help: "Return the selected item to open", scope: .pane(.checklist), mutates: true, requires: [.itemSelected]),
        ConsoleKeyBinding(["A"], command: .addItem, help: "Add an item to this phase's checklist", scope: .pane(.checklist), mutates: true, footer: "add item"),
        ConsoleKeyBinding(["<Enter>"], command: .details, help: "The selected item: who changed it, when, why", scope: .pane(.checklist), footer: "details"),
        ConsoleKeyBinding(["[", "h", "<Left>"], command: .showPhase(step: -1), help: "Show the previous phase's checklist", scope: .pane(.checklist)),
        ConsoleKeyBinding(["]", "l", "<Right>"], command: .showPhase(step: 1), help: "Show the next phase's checklist", scope: .pane(.checklist)),

        // Log
        ConsoleKeyBinding(["k", "<Up>"], command: .scrollLog(.lineBack), help: "Scroll back one line (pauses following)", scope: .pane(.log)),
        ConsoleKeyBinding(["j", "<Down>"], command: .scrollLog(.lineForward), help: "Scroll forward one line", scope: .pane(.log)),
        ConsoleKeyBinding(["<PageUp>"], command: .scrollLog(.pageBack), help: "Scroll back a page", scope: .pane(.log)),
        ConsoleKeyBinding(["<PageDown>"], command: .scrollLog(.pageForward), help: "Scroll forward a page", scope: .pane(.log)),
        ConsoleKeyBinding(["g", "<Home>"], command: .scrollLog(.oldest), help: "Oldest line", scope: .pane(.log)),
        ConsoleKeyBinding(["G", "<End>"], command: .scrollLog(.newest), help: "Newest line, and follow", scope: .pane(.log)),
        ConsoleKeyBinding(["f"], command: .toggleFollow, help: "Pause or resume following new lines", scope: .pane(.log), footer: "follow/pause"),
        ConsoleKeyBinding(["/"], command: .filterLog, help: "Filter lines: text, or re:REGEX (empty to clear)", scope: .pane(.log), footer: "filter"),
        ConsoleKeyBinding(["<Enter>"], command: .goToMentionedResource, help: "Go to the resource the selected line names, else show the line", scope: .pane(.log), footer: "go to"),
        ConsoleKeyBinding(["d"], command: .logLineDetails, help: "The selected line: time, source, hash, resources it names", scope: .pane(.log), requires: [.logLineSelected]),
        ConsoleKeyBinding(["p"], command: .pinLogLine, help: "Pin the selected line as evidence (with its SHA-256)", scope: .pane(.log), mutates: true, footer: "pin", requires: [.logLineSelected]),
        ConsoleKeyBinding(["s"], command: .searchLog, help: "Search the log: text, or re:REGEX; matches are highlighted (empty clears)", scope: .pane(.log), footer: "search"),
        ConsoleKeyBinding(["n"], command: .stepSearch(.forward), help: "Next match, towards newer lines (here n does not add a note)", scope: .pane(.log), requires: [.logSearch]),
        ConsoleKeyBinding(["N"], command: .stepSearch(.backward), help: "Previous match, towards older lines", scope: .pane(.log), requires: [.logSearch]),
        ConsoleKeyBinding(["e"], command: .toggleLevel(.error), help: "Show or hide error lines", scope: .pane(.log)),
        ConsoleKeyBinding(["w"], command: .toggleLevel(.warning), help: "Show or hide warning lines", scope: .pane(.log)),
        ConsoleKeyBinding(["o"], command: .toggleLevel(.info), help: "Show or hide ordinary (info) lines", scope: .pane(.log)),
        ConsoleKeyBinding(["T"], command: .toggleTimeZone, help: "Times in UTC or in local time", scope: .pane(.log)),
        ConsoleKeyBinding(["]"], command: .selectSource(step: 1), help: "Select the next source (the incident, then each followed log)", scope: .pane(.log), footer: "source"),
        ConsoleKeyBinding(["["], command: .selectSource(step: -1), help: "Select the previous source", scope: .pane(.log)),
        ConsoleKeyBinding(["z"], command: .pauseSource, help: "Pause or resume the selected source (its place is kept)", scope: .pane(.log), requires: [.followedSourceSelected(to: "paused")]),
        ConsoleKeyBinding(["m"], command: .muteSource, help: "Mute or unmute the selected source (hidden, still followed)", scope: .pane(.log), requires: [.sourceSelected]),
        ConsoleKeyBinding(["a"], command: .addSource, help: "Follow another source: a file or folder (AWS log files too), or group:NAME (CloudWatch Logs)", scope: .pane(.log), mutates: true),
        ConsoleKeyBinding(["+"], command: .addResourceFromLine, help: "Add a resource or principal the selected line names (asks its state)",
                          scope: .pane(.log), mutates: true, requires: [.logLineSelected]),
        ConsoleKeyBinding(["x"], command: .removeSource, help: "Stop following the selected source", scope: .pane(.log), requires: [.followedSourceSelected(to: "removed")]),
        ConsoleKeyBinding(["<C-w>"], command: .toggleWrap, help: "Wrap long lines onto the rows below, or cut them at the edge", scope: .pane(.log), footer: "wrap"),
        ConsoleKeyBinding(["l", "<Right>"], command: .scrollLogSideways(1), help: "Scroll long lines to the right (the time stays)", scope: .pane(.log)),
        ConsoleKeyBinding(["h", "<Left>"], command: .scrollLogSideways(-1), help: "Scroll long lines back to the left", scope: .pane(.log)),

        // Replay (firebreak replay): these come before the focused pane's keys
        ConsoleKeyBinding(["<Space>"], command: .replay(.playPause), help: "Play or pause", scope: .replay, footer: "play/pause"),
        ConsoleKeyBinding(["."], command: .replay(.step(1)), help: "Step one event forward", scope: .replay, footer: "step"),
        ConsoleKeyBinding([","], command: .replay(.step(-1)), help: "Step one event back", scope: .replay),
        ConsoleKeyBinding(["+", "="], command: .replay(.faster), help: "Play faster (1× up to 3600×)", scope: .replay, footer: "faster"),
        ConsoleKeyBinding(["-"], command: .replay(.slower), help: "Play slower", scope: .replay, footer: "slower"),
        ConsoleKeyBinding(["i"], command: .replay(.toggleSkipIdle), help: "Skip idle gaps, or play them in time", scope: .replay),
        ConsoleKeyBinding(["}"], command: .replay(.nextPhase), help: "Jump to the start of the next phase", scope: .replay, footer: "next phase"),
        ConsoleKeyBinding(["{"], command: .replay(.previousPhase), help: "Jump to the start of the previous phase", scope: .replay),
        ConsoleKeyBinding(["0"], command: .replay(.start), help: "Jump to the first event", scope: .replay),
        ConsoleKeyBinding(["$"], command: .replay(.end), help: "Jump to the last event", scope: .replay),
        ConsoleKeyBinding(["t"], command: .replay(.seekTime), help: "Seek to a time", scope: .replay, footer: "seek"),

        // Command palette only (`:`): what the command line alone had
        ConsoleKeyBinding([String](), command: .verifyContainment, help: "Verify every containment still holds (firebreak action verify)", scope: .palette, mutates: true, requires: [.incidentOpen]),
        ConsoleKeyBinding([String](), command: .undoRun, help: "Undo an action run, one resource at a time (firebreak action undo)", scope: .palette, mutates: true),
        ConsoleKeyBinding([String](), command: .writeReport, help: "Write the post-incident report: .md, .json or .html (firebreak report)", scope: .palette, mutates: true),
        ConsoleKeyBinding([String](), command: .auditReadiness, help: "Audit readiness in the incident's regions (firebreak readiness)", scope: .palette, mutates: true),
    ]))
}

extension ConsoleBindings {
    /// The order of the sections in docs/KEYBINDINGS.md.
    static let documentedScopes: [ConsoleKeyScope] = [.global] + PaneID.allCases.map(ConsoleKeyScope.pane) + [.replay, .palette]

    /// docs/KEYBINDINGS.md, generated from the table (a test fails when the file is stale).
    public static var markdown: String {
        table.markdown(
            title: "Firebreak key bindings",
            introduction: """
                Generated from the console's binding table by `firebreak keybindings`; do not edit by hand. \
                The footer and the `?` overlay show the same bindings. A key that cannot run now does nothing but say \
                why in the footer (the column "Unavailable when"); the footer dims it and `?` says why beside it. \
                `firebreak watch` (read-only) drops every binding marked "no". Until an incident is on screen only \
                `q` and `O` work. In prompts and menus: Enter confirms, Esc cancels; menus also take the option's number. \
                `:` opens the command palette: every command below (those of the last section have no key of their own), \
                narrowed as you type, Enter runs the selected one. The plan shown before an action or an undo runs is the \
                text `firebreak action plan` prints, wrapped to the screen; j/k, PgUp/PgDn, g/G scroll it. In the runs \
                overlay (`X`): j/k move, Enter shows a run's steps, `u` undoes it (plan, confirm, run).
                """,
            scopes: documentedScopes, scopeTitle: \.title)
    }
}
