import Foundation
import IncidentModel
import LogTail
import TerminalUI

/// The log pane's commands.
extension ConsoleModel {
    mutating func scrollLog(_ scroll: LogScroll) -> [ConsoleEffect] {
        let page = max(1, size.height / 3)
        switch scroll {
        case .lineBack: scrollLog(by: 1)
        case .lineForward: scrollLog(by: -1)
        case .pageBack: scrollLog(by: page)
        case .pageForward: scrollLog(by: -page)
        case .oldest: scrollLog(by: visibleLogLines.count)
        case .newest:
            logScroll = 0
            logFollow = true
            logUnseen = 0
        }
        return []
    }

    /// Positive scrolls back (older), negative forward; reaching the bottom resumes following.
    mutating func scrollLog(by lines: Int) {
        let total = visibleLogLines.count
        logScroll = min(max(0, logScroll + lines), max(0, total - 1))
        if logScroll > 0 { logFollow = false }
        if logScroll == 0 && lines < 0 { logFollow = true; logUnseen = 0 }
    }

    mutating func toggleFollow() -> [ConsoleEffect] {
        logFollow.toggle()
        if logFollow { logScroll = 0; logUnseen = 0 }
        say(logFollow ? "following new lines" : "paused: new lines wait below")
        return []
    }

    mutating func askForLogFilter() -> [ConsoleEffect] {
        overlay = .prompt(PromptForm(title: "Filter the log",
                                     prompt: Prompt(label: "/", text: logFilter, placeholder: "text to match; empty shows all"),
                                     purpose: .filterLog))
        return []
    }

    /// On a log line that names a resource of the incident, Enter goes to that resource; else it shows the line.
    mutating func goToMentionedResource() -> [ConsoleEffect] {
        if let line = selectedLogLine, let id = linker.resourceIDs(mentionedIn: line.text).first,
           let index = visibleResources.firstIndex(where: { $0.id == id }) {
            focus = .resources
            resourceList.select(index)
            say("\(id): mentioned in the log")
        } else {
            overlay = details()
        }
        return []
    }

    mutating func pinSelectedLine() -> [ConsoleEffect] {
        guard let line = selectedLogLine else { return [] }
        let kept = line.evidence
        return record(.evidencePinned(EvidencePinned(source: line.sourceID, line: kept.line, loggedAt: line.time,
                                                     sha256: kept.sha256, resources: linker.resourceIDs(mentionedIn: line.text),
                                                     hashOf: kept.hashOf)))
    }

    mutating func askForLogSearch() -> [ConsoleEffect] {
        overlay = .prompt(PromptForm(title: "Search the log", prompt: Prompt(
            label: "Search: ", placeholder: "text, or re:REGEX; n newer, N older; empty clears"),
            purpose: .searchLog))
        return []
    }

    /// Moves the selection to the next line the search matches, newer (`.forward`) or older, wrapping around.
    mutating func stepSearch(_ direction: LogSearchDirection) -> [ConsoleEffect] {
        let lines = visibleLogLines
        stepSearch(direction, from: lines.isEmpty ? nil : lines.count - 1 - logScroll)
        return []
    }

    mutating func toggle(level: LogLevel) -> [ConsoleEffect] {
        if logPane.hiddenLevels.remove(level) == nil { logPane.hiddenLevels.insert(level) }
        logScroll = min(logScroll, max(0, visibleLogLines.count - 1))
        say("\(level.rawValue) lines \(logPane.hiddenLevels.contains(level) ? "hidden" : "shown")")
        return []
    }

    mutating func toggleTimeZone() -> [ConsoleEffect] {
        logPane.showsLocalTime.toggle()
        say(logPane.showsLocalTime ? "times in local time (\(logPane.localZone.identifier))" : "times in UTC")
        return []
    }

    mutating func selectSource(by step: Int) -> [ConsoleEffect] {
        let ids = logSourceIDs
        let current = logPane.selectedSource.flatMap(ids.firstIndex(of:))
        let next = current.map { (($0 + step) % ids.count + ids.count) % ids.count } ?? (step > 0 ? min(1, ids.count - 1) : ids.count - 1)
        logPane.selectedSource = ids[next]
        let id = ids[next]
        let status = logSources[id].map { " · \(LogPaneView.statusWord($0.status))" } ?? ""
        say("source \(logSourceName(id))\(status)\(logPane.mutedSources.contains(id) ? " · muted" : ""): z pauses, m mutes, x removes")
        return []
    }

    mutating func pauseSelectedSource() -> [ConsoleEffect] {
        guard let id = logPane.selectedSource, let source = logSources[id] else { return [] }
        if source.status == .paused {
            say("resuming \(source.name)")
            return [.logSource(.resume(id: id))]
        }
        say("pausing \(source.name): its place is kept")
        return [.logSource(.pause(id: id))]
    }

    mutating func muteSelectedSource() -> [ConsoleEffect] {
        guard let id = logPane.selectedSource else { return [] }
        if logPane.mutedSources.remove(id) == nil { logPane.mutedSources.insert(id) }
        logScroll = min(logScroll, max(0, visibleLogLines.count - 1))
        say("\(logSourceName(id)) \(logPane.mutedSources.contains(id) ? "muted: its lines are hidden, still followed" : "shown again")")
        return []
    }

    mutating func askForLogSource() -> [ConsoleEffect] {
        overlay = .prompt(PromptForm(title: "Follow another source", prompt: Prompt(
            label: "Source: ", placeholder: "a file's path, or group:NAME for a CloudWatch Logs group"), purpose: .addLogSource))
        return []
    }

    mutating func removeSelectedSource() -> [ConsoleEffect] {
        guard let id = logPane.selectedSource, logSources[id] != nil else { return [] }
        let name = logSourceName(id)
        logPane.removedSources.insert(id)
        logSources[id] = nil
        logPane.selectedSource = nil
        say("stopped following \(name)")
        return [.logSource(.remove(id: id))]
    }
}
