import Foundation
import IncidentModel

/// The most recent state of each incident this process has seen. Only ever
/// a starting point: readers check it against the stored head and fold the
/// events recorded since, so another process's writes are never missed.
package final class StateCache: @unchecked Sendable {
    package init() {}
    private let lock = NSLock()
    private var states: [IncidentID: IncidentState] = [:]
    /// Incidents whose stored checkpoint this process found unusable.
    private var staleCheckpoints: Set<IncidentID> = []

    package func state(of incident: IncidentID) -> IncidentState? {
        lock.withLock { states[incident] }
    }

    package func remember(_ state: IncidentState) {
        lock.withLock {
            if let known = states[state.incident.id], known.lastSeq > state.lastSeq { return }
            states[state.incident.id] = state
        }
    }

    package func markCheckpointStale(_ incident: IncidentID, _ stale: Bool) {
        lock.withLock {
            if stale { staleCheckpoints.insert(incident) } else { staleCheckpoints.remove(incident) }
        }
    }

    package func isCheckpointStale(_ incident: IncidentID) -> Bool {
        lock.withLock { staleCheckpoints.contains(incident) }
    }
}
