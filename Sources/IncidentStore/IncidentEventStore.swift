import Foundation
import IncidentModel

/// The storage interface the console and the commands talk to.
///
/// SQLite (`SQLiteIncidentStore`) is the embedded implementation; nothing
/// above this protocol may depend on SQLite, so a shared server store can
/// take its place later.
public protocol IncidentEventStore: Sendable {
    /// Opens a new incident (numbered one past the highest) and returns its state.
    func openIncident(_ opened: IncidentOpened, actor: String, at: Date?) throws -> IncidentState

    /// Appends the events `decide` returns, atomically and in order, to one incident.
    ///
    /// `decide` sees the incident as it is inside the write transaction, so it
    /// can resolve names and refuse requests against the latest state; every
    /// payload is then validated (`IncidentState.validate`) before it is
    /// written. If anything throws, nothing is written.
    @discardableResult
    func append(to incident: IncidentID, actor: String, at: Date?,
                _ decide: (IncidentState) throws -> [EventPayload]) throws -> AppendResult

    /// Appends several groups in one transaction: each group's events dated by
    /// its own `at`, each `decide` seeing the state the groups before it left.
    /// For bulk work (an import of thousands of findings): one commit, one
    /// projection write and one sync for the lot. If anything throws, nothing
    /// is written.
    @discardableResult
    func append(to incident: IncidentID, actor: String, groups: [AppendGroup]) throws -> GroupedAppendResult

    /// The incident as its events say it is now.
    func state(of incident: IncidentID) throws -> IncidentState

    /// Incidents, most recently updated first.
    func incidents(includeClosed: Bool) throws -> [IncidentSummary]

    /// An incident's recorded events with `seq` greater than `since`, oldest first.
    func events(of incident: IncidentID, since seq: Int64) throws -> [RecordedEvent]

    /// Keeps `data` (a call's whole redacted output) once under its SHA-256 and
    /// says where; keeping the same bytes again stores nothing new.
    func keepBody(_ data: Data) throws -> StoredBody

    /// The body kept under `sha256`, or nil when this database has none.
    func body(sha256: String) throws -> Data?

    /// Checks the hash chain of one incident, or of all when `incident` is nil.
    func verify(_ incident: IncidentID?) throws -> [ChainVerification]

    /// Checks the chains, then compares them with what is known from outside the
    /// database: expected heads, journalled signed heads and trusted keys.
    func verify(_ incident: IncidentID?, anchors: VerificationAnchors) throws -> VerificationReport

    /// Signs the incident's head now with the store's signer; nil when it has none
    /// (or its key cannot be loaded, which the signer reports).
    func signHead(of incident: IncidentID) throws -> HeadSigned?

    /// A cheap way to learn that anyone (this process or another) has committed
    /// since the last look, without reading the data.
    func changeWatcher() throws -> any StoreChangeWatcher
}

/// Tells whether the store changed since the previous call.
public protocol StoreChangeWatcher: AnyObject, Sendable {
    /// True when some connection committed since the last call (the first call is true).
    /// Throws while the store cannot be reached (a server away), one line saying so.
    func hasChanged() throws -> Bool

    /// `hasChanged`, after waiting at most `timeout` for a change: a watcher that
    /// is told of commits returns as soon as one arrives.
    func waitForChange(timeout: TimeInterval) throws -> Bool
}

extension StoreChangeWatcher {
    /// A watcher that can only look (SQLite's `data_version`): waits the whole timeout, then looks.
    public func waitForChange(timeout: TimeInterval) throws -> Bool {
        Thread.sleep(forTimeInterval: timeout)
        return try hasChanged()
    }
}

/// One group of a batched append: when its events happened, and what they are.
public struct AppendGroup {
    public var at: Date?
    public var decide: (IncidentState) throws -> [EventPayload]

    public init(at: Date?, decide: @escaping (IncidentState) throws -> [EventPayload]) {
        self.at = at
        self.decide = decide
    }
}

/// What an append wrote, and the incident's state after it.
public struct AppendResult: Sendable {
    public var events: [RecordedEvent]
    public var state: IncidentState

    public init(events: [RecordedEvent], state: IncidentState) {
        self.events = events
        self.state = state
    }
}

/// What a batched append wrote, group by group, and the state after the last.
public struct GroupedAppendResult: Sendable {
    /// One list per group, in order; empty for a group that decided nothing.
    public var events: [[RecordedEvent]]
    public var state: IncidentState

    public init(events: [[RecordedEvent]], state: IncidentState) {
        self.events = events
        self.state = state
    }
}

/// One line of the incident list.
public struct IncidentSummary: Sendable, Equatable {
    public var id: IncidentID
    public var title: String
    public var severity: Severity
    public var status: IncidentStatus
    public var phase: Phase
    public var openedAt: Date
    public var closedAt: Date?
    /// When the last event was recorded.
    public var updatedAt: Date
    public var eventCount: Int64

    public init(id: IncidentID, title: String, severity: Severity, status: IncidentStatus, phase: Phase,
                openedAt: Date, closedAt: Date?, updatedAt: Date, eventCount: Int64) {
        self.id = id
        self.title = title
        self.severity = severity
        self.status = status
        self.phase = phase
        self.openedAt = openedAt
        self.closedAt = closedAt
        self.updatedAt = updatedAt
        self.eventCount = eventCount
    }
}

extension IncidentEventStore {
    /// One group's append, as every store makes it: the grouped append with a single group.
    @discardableResult
    public func append(to incident: IncidentID, actor: String, at: Date?,
                       _ decide: (IncidentState) throws -> [EventPayload]) throws -> AppendResult {
        try withoutActuallyEscaping(decide) { decide in
            let result = try append(to: incident, actor: actor, groups: [AppendGroup(at: at, decide: decide)])
            return AppendResult(events: result.events[0], state: result.state)
        }
    }
}
