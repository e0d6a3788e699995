/// `indicators.recorded`: the indicators of compromise one source names
/// (a finding, or a responder), each with the field it was read from.
public struct IndicatorsRecorded: Codable, Sendable, Equatable {
    public static let kind = "indicators.recorded"
    /// What named them, e.g. `guardduty finding 7ab2…`.
    public var source: String
    public var indicators: [IndicatorSighting]

    public init(source: String, indicators: [IndicatorSighting]) {
        self.source = source
        self.indicators = indicators
    }
}
