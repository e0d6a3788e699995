import Foundation

/// `intent.recorded`: what the attacker seems to be after, e.g.
/// `UnauthorizedAccess`, `CryptoCurrency` or `Exfiltration` (the threat
/// purpose of a GuardDuty finding type), and what suggested it.
public struct IntentRecorded: Codable, Sendable, Equatable {
    public static let kind = "intent.recorded"
    public var intent: String
    /// Where it came from, e.g. `finding 7ab2…` or a person's judgement.
    public var source: String

    public init(intent: String, source: String) {
        self.intent = intent
        self.source = source
    }
}

/// A suspected intent as the incident keeps it.
public struct SuspectedIntent: Codable, Sendable, Equatable {
    public var intent: String
    public var source: String
    public var at: Date
    public var by: String

    public init(intent: String, source: String, at: Date, by: String) {
        self.intent = intent
        self.source = source
        self.at = at
        self.by = by
    }
}
