import Foundation
import IncidentModel
import IncidentStore
import TerminalUI

extension ConsoleModel {
    mutating func startReplay(_ log: ReplayLog) {
        do {
            replay = try ReplayState(log: log)
        } catch {
            complain("\(error)")
            return
        }
        phaseList.select((replay?.state.phase.number ?? 1) - 1)
        syncFromReplay()
        say("replay: Space plays, . and , step, { and } jump between phases, ? lists the keys")
    }

    /// Shows the incident as it was at the replay's position.
    mutating func syncFromReplay() {
        guard let replay else { return }
        let phaseBefore = state?.phase
        state = replay.state
        // At the end of the record, every kept line shows, also those seen after the last event.
        resetLogForReplay(events: replay.recentEvents, clock: replay.atEnd ? .distantFuture : replay.clock)
        logScroll = 0
        if let phaseBefore, replay.state.phase != phaseBefore, selectedPhase == phaseBefore {
            phaseList.select(replay.state.phase.number - 1)
        }
        refreshListCounts()
    }

    /// Moves the replay, or says why the record could not be read there.
    private mutating func seekReplay(_ replay: inout ReplayState, to target: Int) {
        do {
            try replay.seek(to: target)
        } catch {
            replay.playing = false
            complain("\(error)")
        }
    }

    /// The replay's commands: each moves, speeds or pauses the replay, then the panes show where it stands.
    mutating func runReplay(_ command: ReplayCommand) -> [ConsoleEffect] {
        guard var replay else { return [] }
        switch command {
        case .playPause:
            if replay.atEnd && !replay.playing { seekReplay(&replay, to: 1) }
            replay.playing.toggle()
        case .step(let step):
            replay.playing = false
            seekReplay(&replay, to: replay.position + step)
        case .faster:
            replay.speedIndex = min(replay.speedIndex + 1, ReplayState.speeds.count - 1)
        case .slower:
            replay.speedIndex = max(replay.speedIndex - 1, 0)
        case .toggleSkipIdle:
            replay.skipIdle.toggle()
            say(replay.skipIdle ? "idle gaps are skipped" : "idle gaps play in real time")
        case .nextPhase:
            if let next = replay.phaseStarts.first(where: { $0.position > replay.position }) { seekReplay(&replay, to: next.position) }
        case .previousPhase:
            if let previous = replay.phaseStarts.last(where: { $0.position < replay.position }) { seekReplay(&replay, to: previous.position) }
        case .start:
            seekReplay(&replay, to: 1)
        case .end:
            seekReplay(&replay, to: replay.count)
        case .seekTime:
            overlay = .prompt(PromptForm(title: "Seek to a time", prompt: Prompt(
                label: "Time: ", placeholder: "RFC 3339 (2026-11-29T03:04:05Z) or HH:MM[:SS] UTC on the incident's day"), purpose: .seekTime))
        }
        self.replay = replay
        syncFromReplay()
        return []
    }

    /// `2026-11-29T03:04:05Z`, or `03:04[:05]` on the day of the event shown now (UTC).
    mutating func seek(toTimeText text: String) throws {
        guard var replay else { return }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let date: Date
        if trimmed.contains("-") {
            date = try Timestamp.parse(trimmed)
        } else {
            let parts = trimmed.split(separator: ":").map { Int($0) }
            guard (2...3).contains(parts.count), parts.allSatisfy({ $0 != nil }),
                  (0..<24).contains(parts[0]!), (0..<60).contains(parts[1]!), parts.count == 2 || (0..<60).contains(parts[2]!) else {
                throw IncidentError.invalidInput("'\(trimmed.terminalSafe)' is not a time; expected HH:MM[:SS] or RFC 3339")
            }
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC")!
            var day = calendar.dateComponents([.year, .month, .day], from: replay.clock)
            day.hour = parts[0]; day.minute = parts[1]; day.second = parts.count == 3 ? parts[2] : 0
            guard let resolved = calendar.date(from: day) else { throw IncidentError.invalidInput("'\(trimmed.terminalSafe)' is not a time") }
            date = resolved
        }
        replay.playing = false
        seekReplay(&replay, to: replay.position(at: date))
        self.replay = replay
        syncFromReplay()
    }

    mutating func advanceReplay(to date: Date) {
        guard var replay, replay.playing else { return }
        do {
            try replay.advance(by: max(0, date.timeIntervalSince(now)))
        } catch {
            replay.playing = false
            complain("\(error)")
        }
        let moved = replay.position != self.replay?.position
            || keptLineCount(at: replay.clock) != keptLineCount(at: self.replay?.clock ?? replay.clock)
        self.replay = replay
        if moved { syncFromReplay() }
    }
}
