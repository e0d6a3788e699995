import Foundation
import IncidentModel
import IncidentStore
import LogTail
import TerminalUI

/// Everything that can happen to the console: keys from the terminal, and
/// answers from background work (the store, the change watcher, the clock).
public enum ConsoleMessage: Sendable {
    case key(Key)
    case resize(Size)
    /// The clock moved (the header shows elapsed times).
    case tick(Date)
    /// The incident to show, with its latest events (a screenful or so: the first frame waits for them).
    case loaded(IncidentState, [RecordedEvent])
    /// The events before those `loaded` gave, read once the first frame is up: the log pane's scroll-back.
    case earlierEvents(IncidentID, [Event])
    /// Events recorded since the last look (by anyone), and the state after them.
    case appended(IncidentState, [RecordedEvent])
    /// The incidents to pick from.
    case incidents([IncidentSummary])
    /// The incident to replay, as far as it is indexed: its first stage (`ReplayLog.open`),
    /// or the whole record for a store that cannot read ranges (its events stay in the store).
    case replayLoaded(ReplayLog)
    /// More of the replay's record indexed: a later snapshot of the same record (`ReplayIndexer`), the last one whole.
    case replayIndexed(ReplayLog)
    /// Indexing the rest of the replay's record failed: the one-line reason.
    case replayIndexFailed(reason: String)
    /// The events a replay's seek asked the store for (`ConsoleEffect.readReplay`).
    case replayEvents(ReplayRead, [Event])
    /// The store could not give a replay's seek its events: the one-line reason.
    case replayReadFailed(ReplayRead, reason: String)
    /// Who else has the incident open (this console excluded).
    case presence([Presence])
    /// The store stopped answering (why, in one line), or answers again (nil).
    case storeReachability(String?)
    /// Lines from a followed log source (a file, …).
    case logLines([LogTail.LogLine], sourceName: String)
    /// The actions that apply to the chosen resources.
    case actionsAvailable(resources: [String], [ActionChoice])
    /// The resources an item's action applies to, most relevant first, to choose from (`r`).
    case actionTargets(ActionChoice, resources: [Resource])
    /// What the chosen action would run.
    case actionPreviewed(ActionPreview)
    /// A followed log source's status changed (following, error, …).
    case logSourceStatus(id: String, name: String, LogSourceStatus)
    /// A write finished; `error` is the one-line reason when it was refused.
    case writeFinished(error: String?)
    /// A write the console asked for is in the store: these events, the asked-for one first (then its ticks).
    case recorded([EventPayload])
    /// AWS work the console started ended (before its `writeFinished`), however it ended.
    case awsWorkFinished(ConsoleAWSWork)
    /// Background work failed in a way the responder must see.
    case failed(String)
    /// Background work finished with something worth a line in the footer.
    case notice(String)
    /// Something to read in a box (the metrics).
    case details(title: String, lines: [String])
    /// The runs recorded as running whose process has ended (`judgeRuns`'s answer).
    case runsJudged(ended: Set<String>)
}

/// Work the runtime does for `update`, off the UI loop.
public enum ConsoleEffect: Equatable, Sendable {
    /// Append one event to the incident on screen.
    case record(EventPayload)
    /// Open a new incident and show it.
    case openIncident(IncidentOpened)
    /// Show this incident.
    case load(IncidentID)
    /// Fetch the open incidents for the picker.
    case listIncidents
    /// Open an incident's record for replay (answered by `replayLoaded`), then index the rest in the background (`replayIndexed`).
    case loadReplay(IncidentID)
    /// Read the stretch of the record a replay's seek needs (answered by `replayEvents` or `replayReadFailed`).
    case readReplay(ReplayRead)
    /// List the actions for these resources.
    case listActions(resources: [String])
    /// Plan an action and show its commands.
    case previewAction(String, resources: [String], parameters: [String: String] = [:])
    /// Run an action the responder confirmed.
    case runAction(String, resources: [String], parameters: [String: String] = [:])
    /// Discovery, the readiness audit or an import.
    case awsWork(ConsoleAWSWork)
    /// Offer the action that backs a checklist item, on the incident's resources it applies to.
    case offerAction(String)
    /// Plan the undo of a run and show its commands: of `resources` of it only, or (empty) of all it has not put back.
    case previewUndo(run: String, resources: [String] = [])
    /// Plan the resolving of the incident's findings in AWS before a close, and show its commands.
    case previewResolvingFindings(ClosingRequest)
    /// Write the post-incident report to a new file (its format by the extension).
    case writeReport(to: String)
    /// Compute the incident's metrics and show them.
    case showMetrics
    /// Judge which runs recorded as running have lost their process (answered by `runsJudged`).
    case judgeRuns
    /// Pause, resume, stop or add a followed log source (the UI loop owns them).
    case logSource(LogSourceRequest)
    /// Repaint the whole screen on the next frame (Ctrl-L: another program wrote over it).
    case redrawScreen
}
