import Foundation

/// A free-text entry on the timeline.
public struct Note: Codable, Sendable, Equatable {
    public var seq: Int64
    public var text: String
    public var at: Date
    public var by: String
    /// What kind of note it is: nil for an ordinary one.
    public var kind: NoteKind?

    public init(seq: Int64, text: String, at: Date, by: String, kind: NoteKind? = nil) {
        self.kind = kind
        self.seq = seq
        self.text = text
        self.at = at
        self.by = by
    }
}

/// A note with a purpose beyond the timeline.
public enum NoteKind: String, Codable, Sendable, CaseIterable {
    /// A stakeholder status update: what was told to those outside the response; the report collects them.
    case statusUpdate = "status-update"
}
