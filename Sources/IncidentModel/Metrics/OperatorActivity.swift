import Foundation

/// One operator (`--as`) who recorded events on the incident.
public struct OperatorActivity: Sendable, Equatable {
    public var name: String
    /// Events recorded under this name.
    public var events: Int
    public var firstAt: Date
    public var lastAt: Date

    public init(name: String, events: Int, firstAt: Date, lastAt: Date) {
        self.name = name
        self.events = events
        self.firstAt = firstAt
        self.lastAt = lastAt
    }
}
