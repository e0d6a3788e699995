import Foundation
import IncidentModel
import IncidentStore

/// A stakeholder status update (`firebreak note --status-update`, the
/// console's `N`): a note of its own kind, which the report collects.
public enum PostStatusUpdate {
    /// The event for `text`, refused as one line when it is empty or holds a control character.
    public static func event(_ text: String) throws -> EventPayload {
        .noteAdded(NoteAdded(text: try TextField.multiLine(text, named: "the status update"), noteKind: .statusUpdate))
    }

    /// Records it in one append, dated `at` when it was given earlier than now.
    @discardableResult
    public static func record(_ text: String, at: Date?, store: any IncidentEventStore, incident: IncidentID,
                              actor: String) throws -> AppendResult {
        let payload = try event(text)
        return try store.append(to: incident, actor: actor, at: at) { _ in [payload] }
    }
}
