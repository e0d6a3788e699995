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

    /// The pane for a newly loaded incident: its events, then the lines of
    /// followed sources already in the pane. A source's lines can arrive before
    /// the incident's first read does (a file read from its start, a slow store):
    /// they are the console's, not the incident's, and are never dropped by a load.
    mutating func resetLog(loading events: [PaneLine]) {
        let followed = logLines.filter { if case .external = $0 { return true } else { return false } }
        resetLog((events + followed).suffix(logLines.capacity))
    }

    /// Adds older lines above the oldest (the scroll-back read after the first
    /// frame), as many as the pane has room for, newest of them kept. The view
    /// stays where it is: the pane scrolls and selects counting from the bottom.
    mutating func prependToLog(_ older: [PaneLine]) {
        let room = logLines.capacity - logLines.count
        guard room > 0, !older.isEmpty else { return }
        let kept = Array(logLines)
        var lines = RingBuffer<PaneLine>(capacity: logLines.capacity, byteBudget: logLines.byteBudget)
        lines.append(contentsOf: older.suffix(room))
        lines.append(contentsOf: kept)
        logLines = lines
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
        // Scrolled back or paused: what is on screen stays where it is (the new lines wait below).
        if logScroll > 0 || !logFollow {
            // The selected line keeps its place until the ring lets it go; then the oldest is selected.
            logScroll = min(logScroll + shown, max(0, visibleLogLines.count - 1))
        }
    }

    // MARK: - The runtime's side

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

    // MARK: - Search and sources

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

    /// Moves the selection from `current` (nil: the newest line) to the next line the search matches.
    mutating func stepSearch(_ direction: LogSearchDirection, from current: Int?) {
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

    /// The sources the source keys cycle through: the incident's own events, then every followed source.
    var logSourceIDs: [String] {
        ["incident"] + logSources.keys.sorted()
    }

    func logSourceName(_ id: String) -> String {
        id == "incident" ? "incident" : logSources[id]?.name ?? id
    }
}
