extension IncidentState {
    /// The id the next follow-up entry of this incident gets.
    public var nextFollowUpID: String { "FU-\(followUps.count + 1)" }
}
