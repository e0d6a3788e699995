import IncidentModel
import IncidentStore

/// Recording a follow-up item, a lesson or a policy change (`firebreak followup`).
public enum RecordFollowUp {
    /// Appends it in one transaction; the id it was given (`FU-n`).
    public static func record(_ text: String, category: FollowUpCategory, owner: String?, due: String?, store: any IncidentEventStore,
                              incident: IncidentID, actor: String) throws -> String {
        var recordedID = ""
        try store.append(to: incident, actor: actor, at: nil) { current in
            recordedID = current.nextFollowUpID
            let entry = EventPayload.followUpRecorded(FollowUpRecorded(id: recordedID, category: category, text: text, owner: owner, due: due))
            // A lesson ticks the evaluation, a policy the decision (IncidentState.ticks(following:)).
            return [entry] + current.ticks(following: entry)
        }
        return recordedID
    }
}
