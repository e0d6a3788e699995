import TerminalUI

/// Every key of the console, declared once. The footer hints, the `?` overlay
/// and docs/KEYBINDINGS.md all come from this table; read-only mode drops the
/// bindings marked `mutates`.
public enum ConsoleBindings {
    public static let table = KeyBindingTable([
        // Everywhere
        KeyBinding(["?"], command: "help", help: "Show the keys of the focused pane", footer: "help"),
        KeyBinding(["<Tab>"], command: "focus.next", help: "Focus the next pane", footer: "pane"),
        KeyBinding(["<S-Tab>"], command: "focus.previous", help: "Focus the previous pane"),
        KeyBinding(["1"], command: "focus.phases", help: "Focus the phase timeline"),
        KeyBinding(["2"], command: "focus.resources", help: "Focus the resources"),
        KeyBinding(["3"], command: "focus.checklist", help: "Focus the checklist"),
        KeyBinding(["4"], command: "focus.log", help: "Focus the log"),
        KeyBinding(["P"], command: "phase.choose", help: "Enter a phase (choose from the seven)", mutates: true, footer: "phase"),
        KeyBinding(["+", "a"], command: "resource.add", help: "Add a resource by id or ARN (the kind is inferred)", mutates: true, footer: "add resource"),
        KeyBinding(["n"], command: "note.add", help: "Add a note to the timeline", mutates: true, footer: "note"),
        KeyBinding(["O"], command: "incident.open", help: "Open a new incident", mutates: true),
        KeyBinding(["I"], command: "incident.pick", help: "Switch to another open incident"),
        KeyBinding(["C"], command: "incident.close", help: "Close the incident (asks for the resolution)", mutates: true),
        KeyBinding(["W"], command: "role.assign", help: "Set the commander or the scribe", mutates: true),
        KeyBinding(["R"], command: "incident.reopen", help: "Reopen a closed incident", mutates: true),
        KeyBinding(["F"], command: "findings.import", help: "Import findings: securityhub, guardduty, or a file", mutates: true),
        KeyBinding(["L"], command: "followup.add", help: "Record a lesson, a policy change or an action item for the report", mutates: true),
        KeyBinding(["M"], command: "metrics.show", help: "Metrics: time to detect, contain, eradicate, recover"),
        KeyBinding(["<C-l>"], command: "screen.redraw", help: "Redraw the screen"),
        KeyBinding(["q"], command: "quit", help: "Quit (asks first while a write is still running)", footer: "quit"),

        // Phase timeline
        KeyBinding(["j", "<Down>"], command: "list.down", help: "Next phase (its checklist shows)", scope: .pane("phases")),
        KeyBinding(["k", "<Up>"], command: "list.up", help: "Previous phase", scope: .pane("phases")),
        KeyBinding(["e"], command: "phase.enter-selected", help: "Enter the selected phase", scope: .pane("phases"), mutates: true, footer: "enter phase"),
        KeyBinding(["<Enter>"], command: "details", help: "When the selected phase was entered and for how long", scope: .pane("phases"), footer: "details"),

        // Resources
        KeyBinding(["j", "<Down>"], command: "list.down", help: "Next resource", scope: .pane("resources")),
        KeyBinding(["k", "<Up>"], command: "list.up", help: "Previous resource", scope: .pane("resources")),
        KeyBinding(["g", "<Home>"], command: "list.top", help: "First resource", scope: .pane("resources")),
        KeyBinding(["G", "<End>"], command: "list.bottom", help: "Last resource", scope: .pane("resources")),
        KeyBinding(["<PageDown>"], command: "list.page-down", help: "Page down", scope: .pane("resources")),
        KeyBinding(["<PageUp>"], command: "list.page-up", help: "Page up", scope: .pane("resources")),
        KeyBinding(["a"], command: "resource.actions", help: "AWS actions for the selected (or marked) resources: see the exact commands, then run", scope: .pane("resources"), mutates: true, footer: "actions"),
        KeyBinding(["D"], command: "resource.discover", help: "Discover what the resource touches (volumes, groups, role, keys…): added as suspected", scope: .pane("resources"), mutates: true, footer: "discover"),
        KeyBinding(["<Space>"], command: "resource.mark", help: "Mark or unmark the resource (one action takes every marked one)", scope: .pane("resources"), footer: "mark"),
        KeyBinding(["s"], command: "resource.state", help: "Change the selected resource's state", scope: .pane("resources"), mutates: true, footer: "state"),
        KeyBinding(["c"], command: "resource.contained", help: "Mark the selected resource contained", scope: .pane("resources"), mutates: true, footer: "contained"),
        KeyBinding(["<Enter>"], command: "details", help: "The selected resource and its path through the states", scope: .pane("resources"), footer: "details"),
        KeyBinding(["o"], command: "resource.sort", help: "Sort by urgency, kind, id, order added, or blast radius (as a tree)", scope: .pane("resources"), footer: "sort"),
        KeyBinding(["/"], command: "filter", help: "Filter resources (empty to clear)", scope: .pane("resources"), footer: "filter"),

        // Checklist
        KeyBinding(["j", "<Down>"], command: "list.down", help: "Next item", scope: .pane("checklist")),
        KeyBinding(["k", "<Up>"], command: "list.up", help: "Previous item", scope: .pane("checklist")),
        KeyBinding(["g", "<Home>"], command: "list.top", help: "First item", scope: .pane("checklist")),
        KeyBinding(["G", "<End>"], command: "list.bottom", help: "Last item", scope: .pane("checklist")),
        KeyBinding(["x", "<Space>"], command: "item.tick", help: "Tick the selected item (again: un-tick)", scope: .pane("checklist"), mutates: true, footer: "tick"),
        KeyBinding(["s"], command: "item.skip", help: "Skip the selected item (asks why)", scope: .pane("checklist"), mutates: true, footer: "skip"),
        KeyBinding(["r"], command: "item.run", help: "Run what backs the item: its AWS action, or the readiness audit", scope: .pane("checklist"), mutates: true, footer: "run"),
        KeyBinding(["u"], command: "item.reopen", help: "Return the selected item to open", scope: .pane("checklist"), mutates: true),
        KeyBinding(["A"], command: "item.add", help: "Add an item to this phase's checklist", scope: .pane("checklist"), mutates: true, footer: "add item"),
        KeyBinding(["<Enter>"], command: "details", help: "The selected item: who changed it, when, why", scope: .pane("checklist"), footer: "details"),
        KeyBinding(["[", "h", "<Left>"], command: "phase.show-previous", help: "Show the previous phase's checklist", scope: .pane("checklist")),
        KeyBinding(["]", "l", "<Right>"], command: "phase.show-next", help: "Show the next phase's checklist", scope: .pane("checklist")),

        // Log
        KeyBinding(["k", "<Up>"], command: "log.up", help: "Scroll back one line (pauses following)", scope: .pane("log")),
        KeyBinding(["j", "<Down>"], command: "log.down", help: "Scroll forward one line", scope: .pane("log")),
        KeyBinding(["<PageUp>"], command: "log.page-up", help: "Scroll back a page", scope: .pane("log")),
        KeyBinding(["<PageDown>"], command: "log.page-down", help: "Scroll forward a page", scope: .pane("log")),
        KeyBinding(["g", "<Home>"], command: "log.top", help: "Oldest line", scope: .pane("log")),
        KeyBinding(["G", "<End>"], command: "log.bottom", help: "Newest line, and follow", scope: .pane("log")),
        KeyBinding(["f"], command: "log.follow", help: "Pause or resume following new lines", scope: .pane("log"), footer: "follow/pause"),
        KeyBinding(["/"], command: "filter", help: "Filter lines: text, or re:REGEX (empty to clear)", scope: .pane("log"), footer: "filter"),
        KeyBinding(["<Enter>"], command: "details", help: "Go to the resource the selected line names, else show the line", scope: .pane("log"), footer: "go to"),
        KeyBinding(["d"], command: "log.details", help: "The selected line: time, source, hash, resources it names", scope: .pane("log")),
        KeyBinding(["p"], command: "log.pin", help: "Pin the selected line as evidence (with its SHA-256)", scope: .pane("log"), mutates: true, footer: "pin"),
        KeyBinding(["s"], command: "log.search", help: "Search the log: text, or re:REGEX; matches are highlighted (empty clears)", scope: .pane("log"), footer: "search"),
        KeyBinding(["n"], command: "log.search-next", help: "Next match, towards newer lines (here n does not add a note)", scope: .pane("log")),
        KeyBinding(["N"], command: "log.search-previous", help: "Previous match, towards older lines", scope: .pane("log")),
        KeyBinding(["e"], command: "log.level-error", help: "Show or hide error lines", scope: .pane("log")),
        KeyBinding(["w"], command: "log.level-warning", help: "Show or hide warning lines", scope: .pane("log")),
        KeyBinding(["o"], command: "log.level-info", help: "Show or hide ordinary (info) lines", scope: .pane("log")),
        KeyBinding(["T"], command: "log.time", help: "Times in UTC or in local time", scope: .pane("log")),
        KeyBinding(["]"], command: "log.source-next", help: "Select the next source (the incident, then each followed log)", scope: .pane("log"), footer: "source"),
        KeyBinding(["["], command: "log.source-previous", help: "Select the previous source", scope: .pane("log")),
        KeyBinding(["z"], command: "log.source-pause", help: "Pause or resume the selected source (its place is kept)", scope: .pane("log")),
        KeyBinding(["m"], command: "log.source-mute", help: "Mute or unmute the selected source (hidden, still followed)", scope: .pane("log")),
        KeyBinding(["a"], command: "log.source-add", help: "Follow another source: a file's path, or group:NAME (CloudWatch Logs)", scope: .pane("log"), mutates: true),
        KeyBinding(["x"], command: "log.source-remove", help: "Stop following the selected source", scope: .pane("log")),

        // Replay (firebreak replay): these come before the focused pane's keys
        KeyBinding(["<Space>"], command: "replay.play-pause", help: "Play or pause", scope: .pane("replay"), footer: "play/pause"),
        KeyBinding(["."], command: "replay.step-forward", help: "Step one event forward", scope: .pane("replay"), footer: "step"),
        KeyBinding([","], command: "replay.step-back", help: "Step one event back", scope: .pane("replay")),
        KeyBinding(["+", "="], command: "replay.faster", help: "Play faster (1× up to 3600×)", scope: .pane("replay"), footer: "faster"),
        KeyBinding(["-"], command: "replay.slower", help: "Play slower", scope: .pane("replay"), footer: "slower"),
        KeyBinding(["i"], command: "replay.skip-idle", help: "Skip idle gaps, or play them in time", scope: .pane("replay")),
        KeyBinding(["}"], command: "replay.next-phase", help: "Jump to the start of the next phase", scope: .pane("replay"), footer: "next phase"),
        KeyBinding(["{"], command: "replay.previous-phase", help: "Jump to the start of the previous phase", scope: .pane("replay")),
        KeyBinding(["0"], command: "replay.start", help: "Jump to the first event", scope: .pane("replay")),
        KeyBinding(["$"], command: "replay.end", help: "Jump to the last event", scope: .pane("replay")),
        KeyBinding(["t"], command: "replay.seek-time", help: "Seek to a time", scope: .pane("replay"), footer: "seek"),
    ])
}

extension ConsoleBindings {
    /// docs/KEYBINDINGS.md, generated from the table (a test fails when the file is stale).
    public static var markdown: String {
        table.markdown(
            title: "Firebreak key bindings",
            introduction: """
                Generated from the console's binding table by `firebreak keybindings`; do not edit by hand. \
                The footer and the `?` overlay show the same bindings. `firebreak watch` (read-only) drops every \
                binding marked "no". In prompts and menus: Enter confirms, Esc cancels; menus also take the \
                option's number.
                """,
            scopeTitles: ["global": "Everywhere", "phases": "Phase timeline (pane 1)", "resources": "Resources (pane 2)",
                          "checklist": "Checklist (pane 3)", "log": "Log (pane 4)", "replay": "Replay (firebreak replay)"])
    }
}
