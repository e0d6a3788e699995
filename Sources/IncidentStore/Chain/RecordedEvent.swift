import IncidentModel

/// An event as stored: the event and its place in the incident's hash chain.
public struct RecordedEvent: Sendable, Equatable {
    public var event: Event
    /// The payload exactly as stored and hashed (canonical JSON).
    public var body: String
    /// The hash of the previous event of the incident (64 zeros for the first).
    public var prevHash: String
    public var hash: String

    public init(event: Event, body: String, prevHash: String, hash: String) {
        self.event = event
        self.body = body
        self.prevHash = prevHash
        self.hash = hash
    }
}
