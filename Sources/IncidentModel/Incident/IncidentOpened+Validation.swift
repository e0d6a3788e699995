extension IncidentOpened {
    /// Checks what an opening must hold before it is recorded: a drill endpoint only on a
    /// drill, and only on the loopback. (Folding does not check it again: a record edited
    /// afterwards still reads, and every AWS call for it is refused where it would be made.)
    public func validate() throws {
        guard let drillEndpoint else { return }
        guard isDrill else { throw IncidentError.invalidInput("only a drill records an emulator endpoint") }
        _ = try DrillEndpoint(validating: drillEndpoint)
    }
}
