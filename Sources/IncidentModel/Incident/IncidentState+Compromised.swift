extension IncidentState {
    /// The resources still compromised, in the order they were added: closing with any asks first.
    public var stillCompromised: [Resource] {
        resources.filter { $0.state == .compromised }
    }
}
