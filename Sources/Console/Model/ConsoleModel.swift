import Foundation
import IncidentModel
import IncidentStore
import LogTail
import TerminalUI

/// Everything the console shows, as plain values: the incident as its
/// events say it is, and the responder's view of it (focus, selections,
/// filters, the open overlay). Only `update(_:)` changes it; `ConsoleView`
/// draws it; the runtime carries out the effects `update` returns.
public struct ConsoleModel: Sendable {
    public let mode: ConsoleMode
    public let operatorName: String
    public internal(set) var size: Size
    public internal(set) var now: Date
    /// The incident on screen; nil while the picker is up with nothing chosen.
    public internal(set) var state: IncidentState?
    /// The log pane's lines, newest last, in a ring of `logCapacity` (memory stays flat).
    var logLines: RingBuffer<PaneLine>
    /// The last event already in `logLines` (events arrive once each, in order).
    var lastEventSeq: Int64 = 0
    /// Finds the incident's resources in log lines; rebuilt when they change.
    var linker = ResourceLinker(resources: [])
    /// Finds the incident's indicators of compromise in log lines (`ConsoleModel+Indicators`).
    var indicatorLinker = ResourceLinker(resources: [])
    /// The log sources followed besides the incident itself, by id: name and status.
    var logSources: [String: (name: String, status: LogSourceStatus)] = [:]
    /// Lines the log pane keeps unless told otherwise (`--log-lines`).
    public static let defaultLogCapacity = 5_000
    /// The log pane's search, toggles, time zone and sources.
    var logPane = LogPaneState()
    /// Whether long log lines wrap, and how far they are scrolled sideways.
    var logLayout = LogLineLayout()
    /// The focused pane has the whole body of the screen (`Z`, as tmux's zoom).
    var zoomed = false

    var focus: PaneID = .checklist
    var phaseList = ListView(count: Phase.allCases.count, selection: 0, viewportHeight: 7)
    var resourceList = ListView(count: 0, selection: 0, viewportHeight: 1)
    var checklistList = ListView(count: 0, selection: 0, viewportHeight: 1)
    /// Lines scrolled up from the bottom of the log; 0 while following.
    var logScroll = 0
    var logFollow = true
    /// Lines that arrived while scrolled up.
    var logUnseen = 0
    var resourceSort = ResourceSort.urgency
    var resourceFilter = ""
    var logFilter = ""
    /// The compiled log filter (`text` or `re:regex`); nil shows every line.
    var logPattern: LogPattern?
    var overlay: Overlay?
    var status: StatusMessage?
    /// Writes sent to the store and not yet answered.
    var pendingWrites = 0
    /// AWS work started here and not ended yet, in the order it was asked for (it runs one at a time).
    var awsWorkInFlight: [ConsoleAWSWork] = []
    /// The action run and AWS work running now, for the footer's step n of m and elapsed time.
    var running = RunningWork()
    public let bindings: ConsoleKeyTable
    public internal(set) var shouldQuit = false
    /// The responder quit while AWS work was running and said to quit anyway: it is stopped, not waited for.
    public internal(set) var abandonsAWSWork = false
    /// Set in replay mode once the events are loaded.
    var replay: ReplayState?
    /// Other consoles on this incident now.
    var others: [Presence] = []
    /// Why the store cannot be reached now (its server away); the header says "reconnecting…" meanwhile.
    var storeAway: String?
    /// Resources marked (Space) so one action takes them all.
    var markedResources: Set<String> = []
    /// Keys held while an answer that opens an overlay is on its way.
    var typeAhead = TypeAhead()
    /// The runs recorded as running whose process has ended, as the store worker last judged them
    /// (`RunLiveness.endedRuns`; the UI thread reads no /proc), and when it was asked.
    var endedRuns: Set<String> = []
    var runsJudgedAt: Date?
    /// The endpoint of the drill emulator this console's process runs, which stops when it quits
    /// (`firebreak drill`): `q` asks first. Nil in any other console.
    public var drillEmulator: String?

    /// `logCapacity`: the most lines the log pane keeps (at least 1); the oldest go first.
    public init(mode: ConsoleMode, operatorName: String, size: Size, now: Date = Date(), logCapacity: Int = defaultLogCapacity) {
        self.mode = mode
        // A byte budget too: a capacity of lines a megabyte long each would otherwise mean gigabytes.
        logLines = RingBuffer(capacity: logCapacity, byteBudget: max(16 << 20, logCapacity * 2048))
        self.operatorName = operatorName
        self.size = size
        self.now = now
        self.bindings = mode == .live ? ConsoleBindings.table : ConsoleBindings.table.readOnly()
    }

    /// The time the screen is about: now, or the replay clock.
    var displayNow: Date { replay?.clock ?? now }

    /// The size the panes are laid out in: replay keeps the last row for its scrubber.
    var layoutSize: Size {
        mode == .replay ? Size(width: size.width, height: max(0, size.height - 1)) : size
    }

    /// Whether the UI loop should tick quickly (a replay is playing).
    public var wantsFastTicks: Bool { replay?.playing == true }

    /// The phase whose checklist is shown: the one selected in the phases pane.
    var selectedPhase: Phase { Phase.allCases[phaseList.selection ?? 0] }

    /// Resources as the pane shows them: filtered, then sorted.
    var visibleResources: [Resource] {
        let all = state.map { Array($0.resources) } ?? []
        let filtered = resourceFilter.isEmpty ? all : all.filter {
            "\($0.id) \($0.kind.rawValue) \($0.state.rawValue) \($0.owner ?? "") \($0.region ?? "")".localizedCaseInsensitiveContains(resourceFilter)
        }
        return resourceSort.sorted(filtered)
    }

    var selectedResource: Resource? {
        let resources = visibleResources
        guard let index = resourceList.selection, resources.indices.contains(index) else { return nil }
        return resources[index]
    }

    var visibleChecklist: [ChecklistItem] {
        state?.checklist.filter { $0.phase == selectedPhase } ?? []
    }

    var selectedItem: ChecklistItem? {
        let items = visibleChecklist
        guard let index = checklistList.selection, items.indices.contains(index) else { return nil }
        return items[index]
    }

    /// The lines the log pane shows: every kept line the filter and toggles let through.
    var visibleLogLines: VisibleLogLines {
        let everything = logPattern == nil && logPane.hiddenLevels.isEmpty && logPane.mutedSources.isEmpty
        return VisibleLogLines(lines: logLines, positions: everything ? nil : logLines.indices.filter { showsInLog(logLines[$0]) })
    }

    /// Whether a line passes the log filter and the level and source toggles.
    func showsInLog(_ line: PaneLine) -> Bool {
        if !logPane.hiddenLevels.isEmpty, logPane.hiddenLevels.contains(line.level) { return false }
        if !logPane.mutedSources.isEmpty, logPane.mutedSources.contains(line.sourceID) { return false }
        return logPattern?.matches(line.text) ?? true
    }

    /// The line the log pane's selection is on: the bottom one shown.
    var selectedLogLine: PaneLine? {
        let lines = visibleLogLines
        let index = lines.count - 1 - logScroll
        return lines.indices.contains(index) ? lines[index] : nil
    }

    /// The resources an action takes: every marked one, else the selected one.
    var chosenResources: [String] {
        markedResources.isEmpty ? selectedResource.map { [$0.id] } ?? [] : visibleResources.map(\.id).filter(markedResources.contains)
    }

    /// The binding scopes that have the keys now, the first winning: the
    /// replay's (in a replay), the focused pane's, then the global ones.
    var activeScopes: [ConsoleKeyScope] {
        (mode == .replay && replay != nil ? [.replay] : []) + [.pane(focus), .global]
    }
}
