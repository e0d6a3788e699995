import AWSEmulator
import Foundation
import IncidentModel
import IncidentStore

/// `firebreak drill --resume INCIDENT`: a drill whose console was left (and its
/// emulator stopped with it) comes back on a new emulator, the scenario seeded
/// again with the same ids, the new endpoint recorded on the incident.
extension DrillCommand {
    /// The drill to resume and its scenario, or one line saying why it cannot be.
    func resumable(_ text: String, locator: DrillScenarioLocator) throws -> (IncidentState, DrillScenario) {
        let id = try IncidentID(parsing: text)
        try globals.requireDatabase()
        let state = try globals.readOnlyStore(for: id).state(of: id)
        guard state.incident.isDrill else { throw CLIError("\(id) is not a drill; --resume resumes drills (firebreak console \(id) opens it)") }
        guard state.incident.status == .open else { throw CLIError("\(id) is closed; reopen it first (firebreak reopen \(id))") }
        if let recorded = state.incident.drillEndpoint, let endpoint = try? DrillEndpoint(validating: recorded), LocalPort.accepts(endpoint.port) {
            throw CLIError("\(id)'s emulator at \(recorded) is still running (its drill is open in another terminal): firebreak console \(id) joins it")
        }
        guard let scenarioID = DrillScore.scenarioID(in: state.incident.summary) else {
            throw CLIError("\(id) does not name its scenario (opened by an older Firebreak): start a new drill instead")
        }
        return (state, try locator.scenario(scenarioID))
    }

    /// Records the new endpoint (and what the new emulator holds) on the drill; returns its id and its attacker log's path.
    func recordResumption(of state: IncidentState, scenario: DrillScenario, values: [String: String], endpoint: String, actor: String,
                          store: any IncidentEventStore) throws -> (IncidentID, String) {
        let id = state.incident.id
        // Seeded the same way, the scenario's resources have the ids recorded; a drill seeded before that was so has others.
        let seeded = try scenario.resources.map { try ResourceIdentifier(parsing: DrillScenario.fill($0.id, values), kind: try ResourceKind(parsing: $0.kind)).id }
        let unknown = seeded.filter { seededID in !state.resources.contains { $0.id == seededID } }
        try store.append(to: id, actor: actor, at: nil) { _ in
            var events: [EventPayload] = [
                .drillResumed(DrillResumed(endpoint: endpoint)),
                .noteAdded(NoteAdded(text: """
                    Drill resumed on a new emulator at \(endpoint), the scenario seeded again as it began: containment done in the \
                    old emulator is not in this one (the incident keeps what was recorded). Score it afterwards with: firebreak drill --check \(id)
                    """)),
            ]
            if !unknown.isEmpty {
                events.append(.noteAdded(NoteAdded(text: "Seeded again, these resources of the scenario have ids not recorded here "
                    + "(the drill began before seeding was repeatable): \(unknown.joined(separator: ", "))")))
            }
            return events
        }
        if !unknown.isEmpty {
            FileHandle.standardError.write(Data("drill \(id): the new emulator's resources have other ids than recorded: \(unknown.joined(separator: ", "))\n".utf8))
        }
        let path = logPath(of: id, scenario: scenario)
        if !FileManager.default.isReadableFile(atPath: path) {
            _ = try writeLogLines(scenario, values: values, incident: id, now: state.incident.openedAt)
        }
        return (id, path)
    }
}
