import IncidentModel

/// What verification reads from a store, whatever the store: the events'
/// stored columns, the incident's projection row and the kept bodies. Every
/// store is checked by the one walk (`ChainVerifier`), so a chain verifies the
/// same way wherever it is recorded.
public protocol ChainRecordSource {
    /// Every incident that has a projection row or any event, ascending.
    func chainIncidentIDs() throws -> [Int]
    /// The incident's events as stored, in seq order.
    func chainEvents(of incident: IncidentID) throws -> [StoredEventRow]
    /// The incident's projection row, or nil when there is none.
    func chainProjection(of incident: IncidentID) throws -> StoredProjection?
    /// Why a body an event refers to is not what the event says, or nil when it is.
    func chainBodyProblem(_ reference: StoredBody) throws -> String?
}

/// One event exactly as stored: every column the hash covers.
public struct StoredEventRow: Sendable {
    public var seq: Int64
    public var atMilliseconds: Int64
    public var recordedAtMilliseconds: Int64
    public var actor: String
    public var kind: String
    public var body: String
    public var prevHash: String
    public var hash: String

    public init(seq: Int64, atMilliseconds: Int64, recordedAtMilliseconds: Int64, actor: String, kind: String,
                body: String, prevHash: String, hash: String) {
        self.seq = seq
        self.atMilliseconds = atMilliseconds
        self.recordedAtMilliseconds = recordedAtMilliseconds
        self.actor = actor
        self.kind = kind
        self.body = body
        self.prevHash = prevHash
        self.hash = hash
    }
}

/// A stored column's value as found, so an edited projection of any type is described, never trapped on.
public enum StoredColumnValue: Equatable, Sendable, CustomStringConvertible {
    case null
    case integer(Int64)
    case text(String)
    /// Anything else (a real, a blob), described.
    case other(String)

    public var description: String {
        switch self {
        case .null: return "nothing"
        case .integer(let value): return String(value)
        case .text(let text): return "\"\(text)\""
        case .other(let text): return text
        }
    }
}

/// The incident's projection row as stored.
public struct StoredProjection: Sendable {
    /// title, severity, status, phase, opened_at, closed_at, updated_at: the columns the list shows.
    public var columns: [String: StoredColumnValue]
    public var lastSeq: Int64
    public var headHash: String
    /// The seq of the folded-state checkpoint and its JSON (from the `checkpoints` table).
    public var stateSeq: Int64
    public var state: String

    public init(columns: [String: StoredColumnValue], lastSeq: Int64, headHash: String, stateSeq: Int64, state: String) {
        self.columns = columns
        self.lastSeq = lastSeq
        self.headHash = headHash
        self.stateSeq = stateSeq
        self.state = state
    }

    /// The columns compared with the fold, in the order they are checked.
    public static let listedColumns = ["title", "severity", "status", "phase", "opened_at", "closed_at", "updated_at"]
}
