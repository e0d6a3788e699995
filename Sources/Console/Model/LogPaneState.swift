import Foundation
import LogTail

/// The log pane's own view state beyond scrolling: the `n`/`N` search, the
/// per-level and per-source toggles, the source the source keys act on, the
/// timestamp zone. What the runtime must do to a source (pause, resume,
/// stop, add) leaves `update` as a `ConsoleEffect.logSource`.
struct LogPaneState: Sendable {
    /// What `n` and `N` look for; nil: no search.
    var search: LogPattern?
    /// Levels whose lines are hidden.
    var hiddenLevels: Set<LogLevel> = []
    /// Sources (by id; `incident` for the incident's events) whose lines are hidden.
    var mutedSources: Set<String> = []
    /// Sources the responder removed: their status leaves the header and no line of theirs is added.
    var removedSources: Set<String> = []
    /// The source the pause, mute and remove keys act on.
    var selectedSource: String?
    /// Timestamps in UTC (the default: the war room shares one clock) or in `localZone`.
    var showsLocalTime = false
    var localZone = TimeZone.current
    /// The newest line of each source: its own time and when it arrived, for the lag shown in the header.
    var newest: [String: (time: Date, arrivedAt: Date, hasOwnTime: Bool)] = [:]
    /// Kept lines of a replayed incident, oldest arrival first, and how many the database had let go.
    var keptLines: [KeptPaneLine] = []
    var keptDropped: Int64 = 0
}
