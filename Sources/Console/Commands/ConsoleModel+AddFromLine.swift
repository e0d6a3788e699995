import IncidentModel

extension ConsoleModel {
    /// `+` in the log pane: adds a resource or principal the selected line
    /// names (a CloudTrail record's principal ARN, an instance in a sweep's
    /// output): the one name goes straight to its state; several are offered to
    /// choose from first. Names already in the incident are left out.
    mutating func addResourceFromLine() -> [ConsoleEffect] {
        guard mode == .live, let line = selectedLogLine else { return [] }
        let fresh = LogLineResourceNames.candidates(in: line.text).filter { candidate in
            state?.existingResource(named: candidate.name) == nil
        }
        switch fresh.count {
        case 0:
            say("the line names no resource that is not already in the incident")
        case 1:
            askStateOfNewResource(fresh[0].name)
        default:
            overlay = .choice(ChoiceMenu(title: "Add which resource the line names?",
                                         options: fresh.map { "\($0.kind.rawValue) \($0.name)" },
                                         purpose: .addFromLine(fresh.map(\.name))))
        }
        return []
    }

    /// Asks the state of `name` before adding it (`compromised` pre-selected, as for `a`).
    mutating func askStateOfNewResource(_ name: String) {
        overlay = .choice(ChoiceMenu(title: "State of \(name)", options: ResourceState.allCases.map(\.rawValue),
                                     selected: 1, purpose: .newResourceState(reference: name)))
    }
}
