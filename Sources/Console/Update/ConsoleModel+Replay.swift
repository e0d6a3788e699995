import Foundation
import IncidentModel
import IncidentStore
import TerminalUI

extension ConsoleModel {
    mutating func startReplay(_ log: ReplayLog) {
        replay = ReplayState(log: log)
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

    /// Moves the replay; when the store must be read first, asks the store worker to (the UI loop never reads it);
    /// when the record is not indexed that far yet, says the replay goes there once it is.
    private mutating func seekReplay(_ replay: inout ReplayState, to target: Int) -> [ConsoleEffect] {
        effects(of: replay.beginSeek(to: target), in: replay)
    }

    private mutating func effects(of read: ReplayRead?, in replay: ReplayState) -> [ConsoleEffect] {
        if replay.awaitingIndex != nil { say(Self.indexingText(replay.log)) }
        return read.map { [.readReplay($0)] } ?? []
    }

    static func indexingText(_ log: ReplayLog) -> String {
        "indexing the record (\(log.indexedPercent)%): the replay goes there once it is indexed"
    }

    /// The store worker indexed more of the record: the scrubber's progress moves,
    /// and a seek that waited for it goes ahead (reading the store if it must).
    mutating func extendReplay(_ log: ReplayLog) -> [ConsoleEffect] {
        guard var replay else { return [] }
        let waited = replay.awaitingIndex != nil
        let read = replay.extend(with: log)
        self.replay = replay
        guard waited, replay.awaitingIndex == nil else { return [] }
        // The footer's "goes there once it is indexed" is done with.
        if status?.isError == false { status = nil }
        syncFromReplay()
        return read.map { [.readReplay($0)] } ?? []
    }

    /// The store worker could not index the rest of the record: what is indexed stays usable, a seek waiting for more is dropped.
    mutating func replayIndexFailed(reason: String) {
        guard var replay else { return }
        _ = replay.abandonWait()
        replay.playing = false
        self.replay = replay
        complain("the replay could not index the whole record: \(reason)")
    }

    /// The store worker read what a seek needed: the replay lands there, unless a later seek superseded it.
    mutating func landReplay(_ read: ReplayRead, events: [Event]) {
        guard var replay else { return }
        do {
            guard try replay.land(read, events: events) else { return }
        } catch {
            _ = replay.abandon(read)
            replay.playing = false
            complain("\(error)")
        }
        self.replay = replay
        syncFromReplay()
    }

    /// The store worker could not read what a seek needed: the replay stays where it was and says why.
    mutating func abandonReplayRead(_ read: ReplayRead, reason: String) {
        guard var replay, replay.abandon(read) else { return }
        replay.playing = false
        self.replay = replay
        complain(reason)
    }

    /// The replay's commands: each moves, speeds or pauses the replay, then the panes show where it stands.
    mutating func runReplay(_ command: ReplayCommand) -> [ConsoleEffect] {
        guard var replay else { return [] }
        var effects: [ConsoleEffect] = []
        switch command {
        case .playPause:
            if replay.atEnd && !replay.playing { effects = seekReplay(&replay, to: 1) }
            replay.playing.toggle()
        case .step(let step):
            replay.playing = false
            effects = seekReplay(&replay, to: replay.position + step)
        case .faster:
            replay.speedIndex = min(replay.speedIndex + 1, ReplayState.speeds.count - 1)
        case .slower:
            replay.speedIndex = max(replay.speedIndex - 1, 0)
        case .toggleSkipIdle:
            replay.skipIdle.toggle()
            say(replay.skipIdle ? "idle gaps are skipped" : "idle gaps play in real time")
        case .nextPhase:
            if let next = replay.phaseStarts.first(where: { $0.position > replay.position }) { effects = seekReplay(&replay, to: next.position) }
        case .previousPhase:
            if let previous = replay.phaseStarts.last(where: { $0.position < replay.position }) { effects = seekReplay(&replay, to: previous.position) }
        case .start:
            effects = seekReplay(&replay, to: 1)
        case .end:
            effects = seekReplay(&replay, to: replay.count)
        case .seekTime:
            overlay = .prompt(PromptForm(title: "Seek to a time", prompt: Prompt(
                label: "Time: ", placeholder: "RFC 3339 (2026-11-29T03:04:05Z) or HH:MM[:SS] UTC on the incident's day"), purpose: .seekTime))
        }
        self.replay = replay
        syncFromReplay()
        return effects
    }

    /// `2026-11-29T03:04:05Z`, or `03:04[:05]` on the day of the event shown now (UTC).
    mutating func seek(toTimeText text: String) throws -> [ConsoleEffect] {
        guard var replay else { return [] }
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
        let effects = effects(of: replay.beginSeek(toTime: date), in: replay)
        self.replay = replay
        syncFromReplay()
        return effects
    }

    mutating func advanceReplay(to date: Date) -> [ConsoleEffect] {
        guard var replay, replay.playing else { return [] }
        let effects = replay.advance(by: max(0, date.timeIntervalSince(now))).map { [ConsoleEffect.readReplay($0)] } ?? []
        let moved = replay.position != self.replay?.position
            || keptLineCount(at: replay.clock) != keptLineCount(at: self.replay?.clock ?? replay.clock)
        self.replay = replay
        if moved { syncFromReplay() }
        return effects
    }
}
