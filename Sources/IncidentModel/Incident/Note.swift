import Foundation

/// A free-text entry on the timeline.
public struct Note: Codable, Sendable, Equatable {
    public var seq: Int64
    public var text: String
    public var at: Date
    public var by: String

    public init(seq: Int64, text: String, at: Date, by: String) {
        self.seq = seq
        self.text = text
        self.at = at
        self.by = by
    }
}
