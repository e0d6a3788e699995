/// Which lines the log pane shows, and what it highlights in them.
///
/// A filter combines a `/` query (`LogPattern`) with per-source and per-level
/// toggles. It is a small value the UI thread owns and changes as keys are
/// pressed; deciding whether a line is shown never allocates for substring
/// queries.
///
/// ```swift
/// var filter = LogFilter()
/// try filter.setQuery("re:AccessDenied|UnauthorizedOperation")
/// filter.toggle(level: .info)            // hide info lines
/// filter.toggle(source: "file:/var/log/syslog")
/// let shown = buffer.indices.filter { filter.admits(buffer[$0]) }
/// filter.highlights(in: buffer[shown[0]]) // ranges of line.text to highlight
/// ```
public struct LogFilter: Sendable {
    /// The query lines must match; nil shows every line.
    public private(set) var pattern: LogPattern?
    /// Sources whose lines are hidden (muted).
    public var hiddenSources: Set<LogSourceID>
    /// Levels whose lines are hidden.
    public var hiddenLevels: Set<LogLevel>

    /// A filter that shows everything.
    public init(hiddenSources: Set<LogSourceID> = [], hiddenLevels: Set<LogLevel> = []) {
        self.hiddenSources = hiddenSources
        self.hiddenLevels = hiddenLevels
    }

    /// A filter showing lines that match `query` (see `LogPattern`).
    public init(query: String) throws(LogPatternError) {
        self.init()
        try setQuery(query)
    }

    /// The query as typed, or "" when there is none.
    public var query: String { pattern?.query ?? "" }

    /// Replaces the query; "" clears it. On error the filter is unchanged.
    public mutating func setQuery(_ query: String) throws(LogPatternError) {
        pattern = query.isEmpty ? nil : try LogPattern(query)
    }

    /// True when the filter shows every line.
    public var showsEverything: Bool { pattern == nil && hiddenSources.isEmpty && hiddenLevels.isEmpty }

    /// Shows a hidden source, or hides a shown one.
    public mutating func toggle(source: LogSourceID) {
        if hiddenSources.remove(source) == nil { hiddenSources.insert(source) }
    }

    /// Shows a hidden level, or hides a shown one.
    public mutating func toggle(level: LogLevel) {
        if hiddenLevels.remove(level) == nil { hiddenLevels.insert(level) }
    }

    /// Whether the pane shows `line`.
    public func admits(_ line: LogLine) -> Bool {
        if !hiddenLevels.isEmpty, hiddenLevels.contains(line.level) { return false }
        if !hiddenSources.isEmpty, hiddenSources.contains(line.sourceID) { return false }
        return pattern?.matches(line) ?? true
    }

    /// True when the line these bytes would make, read whole (`limits` keep
    /// all of it), is surely not shown: it would be plain and the query is
    /// not in it. A source given the filter drops such a line without making
    /// it; any other line is made and asked `admits`, so what a source
    /// delivers is exactly what `admits` would have shown.
    func surelyRejects(wholeLine bytes: UnsafeBufferPointer<UInt8>, limits: LogLineLimits) -> Bool {
        unmadeLineDrop(limits: limits)?.drops(bytes) ?? false
    }

    /// The test `surelyRejects` makes, taken out once for a source's every
    /// line; nil when no line can be dropped unmade (no query, or one that
    /// needs the text: a regular expression, a non-ASCII query).
    func unmadeLineDrop(limits: LogLineLimits) -> UnmadeLineDrop? {
        pattern?.asciiNeedle.map { UnmadeLineDrop(needle: $0, displayBytes: limits.displayBytes) }
    }

    /// The ranges of `line.text` the query matches, to highlight.
    public func highlights(in line: LogLine) -> [Range<String.Index>] {
        pattern?.ranges(in: line.text) ?? []
    }
}
