import Foundation
import IncidentModel
import IncidentStore
import LogTail
import TerminalUI

/// An event of the incident as the log pane shows it.
struct EventLine: Equatable, Sendable {
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
        case .incidentOpened, .incidentClosed, .phaseEntered, .severityChanged: role = .logHighlight
        case .unrecognized: role = .dim
        default: role = .logInfo
        }
    }

    /// The words the filter and the resource linker look at.
    var searchableText: String { "\(actor): \(text)" }
}
