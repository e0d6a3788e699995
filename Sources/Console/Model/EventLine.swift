import Foundation
import IncidentModel
import IncidentStore
import TerminalUI

/// One line of the log pane: an event of the incident as people read it.
struct LogLine: Equatable, Sendable {
    var seq: Int64
    var at: Date
    var actor: String
    var kind: String
    var text: String
    var role: StyleRole

    init(_ recorded: RecordedEvent) {
        self.init(recorded.event)
    }

    init(_ event: Event) {
        seq = event.seq
        at = event.at
        actor = event.actor
        kind = event.payload.kind
        text = event.payload.summary
        switch event.payload {
        case .resourceAdded(let body) where body.state == .compromised: role = .logWarning
        case .resourceStateChanged(let body) where body.to == .compromised: role = .logWarning
        case .incidentOpened, .incidentClosed, .phaseEntered: role = .logHighlight
        case .unrecognized: role = .dim
        default: role = .logInfo
        }
    }

    /// Whether the line matches a filter (case-insensitive substring of what is shown).
    func matches(_ filter: String) -> Bool {
        filter.isEmpty || "\(actor) \(kind) \(text)".localizedCaseInsensitiveContains(filter)
    }
}
