import Foundation
import IncidentModel
import LogTail
import TerminalUI

extension ConsoleModel {
    // MARK: - Lines in

    /// Replaces every line of the pane (a newly loaded incident, a replay seek).
    mutating func resetLog(_ lines: some Sequence<PaneLine>) {
        logLines = RingBuffer(capacity: logLines.capacity, byteBudget: logLines.byteBudget)
        logLines.append(contentsOf: lines)
    }

    /// Lines from a followed source, unless the responder removed it.
    mutating func receive(_ lines: [LogTail.LogLine], sourceName: String) {
        guard let last = lines.last, !logPane.removedSources.contains(last.sourceID.rawValue) else { return }
        // Lag only where the service stamped the line (CloudWatch, CloudTrail): a file's old lines are not late.
        logPane.newest[last.sourceID.rawValue] = (last.time, last.arrivedAt, last.timeOrigin == .source)
        appendToLog(lines.map { .external($0, sourceName: sourceName) })
    }

    /// Adds lines at the bottom of the log, keeping the place of a responder
    /// scrolled up and counting what arrived below (the pane's marker).
    mutating func appendToLog(_ fresh: [PaneLine]) {
        logLines.append(contentsOf: fresh)
        guard logScroll > 0 || !logFollow else { return }
        let shown = fresh.filter(showsInLog).count
        logUnseen += shown
        if logScroll > 0 {
            // The selected line keeps its place until the ring lets it go; then the oldest is selected.
            logScroll = min(logScroll + shown, max(0, visibleLogLines.count - 1))
        }
    }

    // MARK: - The runtime's side

    /// What the responder asked of the followed sources since the last call (pause, resume, remove), oldest first.
    public mutating func takeLogSourceRequests() -> [LogSourceRequest] {
        defer { logPane.requests.removeAll() }
        return logPane.requests
    }

    /// Lines kept in the database for the incident being replayed, and how many
    /// the database let go; the log pane shows those that arrived by the replay clock.
    public mutating func showKeptLines(_ lines: [KeptPaneLine], dropped: Int64) {
        logPane.keptLines = lines.sorted { $0.line.arrivedAt < $1.line.arrivedAt }
        logPane.keptDropped = dropped
        if replay != nil { syncFromReplay() }
    }

    /// How many kept lines had arrived by `clock`.
    func keptLineCount(at clock: Date) -> Int {
        var low = 0, high = logPane.keptLines.count
        while low < high {
            let middle = (low + high) / 2
            if logPane.keptLines[middle].line.arrivedAt <= clock { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The pane as it was at `clock`: the events applied so far and the kept
    /// lines that had arrived, in the order they reached the screen.
    mutating func resetLogForReplay(events: [Event], clock: Date) {
        let capacity = logLines.capacity
        let keptCount = keptLineCount(at: clock)
        let kept = logPane.keptLines[max(0, keptCount - capacity)..<keptCount]
        let shownEvents = events.suffix(capacity)
        var merged: [PaneLine] = []
        merged.reserveCapacity(kept.count + shownEvents.count)
        var keptIndex = kept.startIndex
        for event in shownEvents {
            while keptIndex < kept.endIndex, kept[keptIndex].line.arrivedAt < event.recordedAt {
                merged.append(.external(kept[keptIndex].line, sourceName: kept[keptIndex].sourceName))
                keptIndex += 1
            }
            merged.append(.event(EventLine(event)))
        }
        merged += kept[keptIndex...].map { .external($0.line, sourceName: $0.sourceName) }
        resetLog(merged.suffix(capacity))
    }

    // MARK: - Keys

    /// The log pane's commands beyond scrolling; false when `command` is not one of them.
    mutating func runLogPaneCommand(_ command: String) -> Bool {
        switch command {
        case "log.search":
            overlay = .prompt(PromptForm(title: "Search the log", prompt: Prompt(
                label: "Search: ", placeholder: "text, or re:REGEX; n newer, N older; empty clears"),
                purpose: .searchLog))
        case "log.search-next": stepSearch(.forward)
        case "log.search-previous": stepSearch(.backward)
        case "log.level-error": toggle(level: .error)
        case "log.level-warning": toggle(level: .warning)
        case "log.level-info": toggle(level: .info)
        case "log.time":
            logPane.showsLocalTime.toggle()
            say(logPane.showsLocalTime ? "times in local time (\(logPane.localZone.identifier))" : "times in UTC")
        case "log.source-next": selectSource(by: 1)
        case "log.source-previous": selectSource(by: -1)
        case "log.source-pause": pauseSelectedSource()
        case "log.source-mute": muteSelectedSource()
        case "log.source-remove": removeSelectedSource()
        case "log.source-add":
            overlay = .prompt(PromptForm(title: "Follow another source", prompt: Prompt(
                label: "Source: ", placeholder: "a file's path, or group:NAME for a CloudWatch Logs group"), purpose: .addLogSource))
        default: return false
        }
        return true
    }

    /// A search typed at the `s` prompt: goes to the newest matching line.
    mutating func submitSearch(_ text: String) throws {
        let query = text.trimmingCharacters(in: .whitespaces)
        do {
            logPane.search = query.isEmpty ? nil : try LogPattern(query)
        } catch {
            throw IncidentError.invalidInput("\(error)")
        }
        guard logPane.search != nil else { say("search cleared"); return }
        logScroll = 0
        stepSearch(.backward, from: nil)
    }

    /// Moves the selection to the next line the search matches, newer (`.forward`) or older, wrapping around.
    mutating func stepSearch(_ direction: LogSearchDirection) {
        let lines = visibleLogLines
        stepSearch(direction, from: lines.isEmpty ? nil : lines.count - 1 - logScroll)
    }

    private mutating func stepSearch(_ direction: LogSearchDirection, from current: Int?) {
        guard let search = logPane.search else { complain("no search: s to search the log"); return }
        let lines = visibleLogLines
        guard !lines.isEmpty else { complain("no line matches \(search.query)"); return }
        let count = lines.count
        let step = direction == .forward ? 1 : -1
        let start = current.map { $0 + step } ?? (count - 1)
        for offset in 0..<count {
            let index = ((start + step * offset) % count + count) % count
            guard search.matches(lines[index].text) else { continue }
            logScroll = count - 1 - index
            if logScroll > 0 { logFollow = false }
            return
        }
        complain("no line matches \(search.query)")
    }

    private mutating func toggle(level: LogLevel) {
        if logPane.hiddenLevels.remove(level) == nil { logPane.hiddenLevels.insert(level) }
        logScroll = min(logScroll, max(0, visibleLogLines.count - 1))
        say("\(level.rawValue) lines \(logPane.hiddenLevels.contains(level) ? "hidden" : "shown")")
    }

    /// The sources the source keys cycle through: the incident's own events, then every followed source.
    var logSourceIDs: [String] {
        ["incident"] + logSources.keys.sorted()
    }

    func logSourceName(_ id: String) -> String {
        id == "incident" ? "incident" : logSources[id]?.name ?? id
    }

    private mutating func selectSource(by step: Int) {
        let ids = logSourceIDs
        let current = logPane.selectedSource.flatMap(ids.firstIndex(of:))
        let next = current.map { (($0 + step) % ids.count + ids.count) % ids.count } ?? (step > 0 ? min(1, ids.count - 1) : ids.count - 1)
        logPane.selectedSource = ids[next]
        let id = ids[next]
        let status = logSources[id].map { " · \(LogPaneView.statusWord($0.status))" } ?? ""
        say("source \(logSourceName(id))\(status)\(logPane.mutedSources.contains(id) ? " · muted" : ""): z pauses, m mutes, x removes")
    }

    /// The selected followed source, or a complaint when none (or the incident) is selected.
    private mutating func selectedFollowedSource(_ doing: String) -> String? {
        guard let id = logPane.selectedSource, logSources[id] != nil else {
            complain(logPane.selectedSource == "incident" ? "the incident's own events cannot be \(doing)" : "no source selected: ] picks one")
            return nil
        }
        return id
    }

    private mutating func pauseSelectedSource() {
        guard let id = selectedFollowedSource("paused"), let source = logSources[id] else { return }
        if source.status == .paused {
            logPane.requests.append(.resume(id: id))
            say("resuming \(source.name)")
        } else {
            logPane.requests.append(.pause(id: id))
            say("pausing \(source.name): its place is kept")
        }
    }

    private mutating func muteSelectedSource() {
        guard let id = logPane.selectedSource else { complain("no source selected: ] picks one"); return }
        if logPane.mutedSources.remove(id) == nil { logPane.mutedSources.insert(id) }
        logScroll = min(logScroll, max(0, visibleLogLines.count - 1))
        say("\(logSourceName(id)) \(logPane.mutedSources.contains(id) ? "muted: its lines are hidden, still followed" : "shown again")")
    }

    private mutating func removeSelectedSource() {
        guard let id = selectedFollowedSource("removed") else { return }
        let name = logSourceName(id)
        logPane.requests.append(.remove(id: id))
        logPane.removedSources.insert(id)
        logSources[id] = nil
        logPane.selectedSource = nil
        say("stopped following \(name)")
    }
}
