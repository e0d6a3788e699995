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

    /// The note an event records, or nil when it records something else.
    public init?(_ event: Event) {
        guard case .noteAdded(let body) = event.payload else { return nil }
        self.init(seq: event.seq, text: body.text, at: event.at, by: event.actor, kind: body.noteKind)
    }

    /// Every note among `events`, in their order. Notes are read from the
    /// events, not kept in `IncidentState`: the history grows with the
    /// incident, and the state is checkpointed and loaded whole.
    public static func all<S: Sequence>(in events: S) -> [Note] where S.Element == Event {
        events.compactMap(Note.init)
    }
}

/// A note with a purpose beyond the timeline.
public enum NoteKind: String, Codable, Sendable, CaseIterable {
    /// A stakeholder status update: what was told to those outside the response; the report collects them.
    case statusUpdate = "status-update"
}
