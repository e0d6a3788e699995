import Foundation
import IncidentModel
import IncidentOperations

/// How a finished (or abandoned) drill went: what was contained, how fast, what was missed.
///
/// The score is out of 100: 70 for the share of compromised resources
/// contained, 30 for speed: all 30 when everything was contained within the
/// scenario's target time, scaled down by how far past it, and none while
/// anything is still not contained.
struct DrillScore {
    struct Item {
        var resource: Resource
        /// When it reached `contained` or later after its last compromise; nil when missed.
        var containedAt: Date?
    }

    var incident: Incident
    var scenario: DrillScenario?
    var items: [Item]
    var metrics: IncidentMetrics

    var contained: Int { items.filter { $0.containedAt != nil }.count }
    var complete: Bool { !items.isEmpty && contained == items.count }
    var targetSeconds: TimeInterval? { scenario.map { TimeInterval($0.targetMinutes * 60) } }

    var score: Int {
        guard !items.isEmpty else { return 0 }
        let share = 70 * Double(contained) / Double(items.count)
        var speed = 0.0
        if complete, let seconds = metrics.timeToContain.seconds {
            let target = targetSeconds ?? seconds
            speed = seconds <= target ? 30 : 30 * target / seconds
        }
        return Int((share + speed).rounded())
    }

    init(state: IncidentState, events: [Event], scenario: DrillScenario?, now: Date) {
        incident = state.incident
        self.scenario = scenario
        metrics = RunLiveness.metrics(of: state, events: events, now: now)
        let resolved: Set<ResourceState> = [.contained, .eradicated, .recovered, .cleared]
        items = state.resources.compactMap { resource in
            guard let lastCompromise = resource.history.lastIndex(where: { $0.state == .compromised }) else { return nil }
            let containedAt = resource.history[(lastCompromise + 1)...].first { resolved.contains($0.state) }?.at
            return Item(resource: resource, containedAt: containedAt)
        }
    }

    /// The scenario id recorded in a drill incident's summary (`drill-scenario: ID` line).
    static func scenarioID(in summary: String) -> String? {
        summary.split(separator: "\n").lazy.compactMap { line -> String? in
            guard line.hasPrefix(DrillScore.marker) else { return nil }
            return line.dropFirst(DrillScore.marker.count).trimmingCharacters(in: .whitespaces)
        }.first
    }

    static let marker = "drill-scenario:"
}
