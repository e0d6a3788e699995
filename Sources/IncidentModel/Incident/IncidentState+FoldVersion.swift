extension IncidentState {
    /// The version of the reducer and of the state's shape. Stored snapshots
    /// of the state carry it; a snapshot of another version is ignored and the
    /// events are folded again. Bump it whenever `apply(_:)` folds an event
    /// differently or a stored property of the state changes.
    ///
    /// 2: action runs in the state. 3: roles and pinned evidence. 4: follow-up items.
    /// 5: imported findings, suspected intents, and where a discovered resource was found (`foundVia`).
    /// 6: the latest readiness audit. 7: the process running each action run. 8: a drill's emulator endpoint.
    /// 9: indicators of compromise; a finding's description, actor and unusable fields.
    /// 10: `severity.changed` changes the incident's severity; a note's kind (stakeholder status updates);
    /// a resumed drill's new emulator endpoint (`drill.resumed`).
    /// 11: notes left out of the state (read from the events, `Note.all(in:)`).
    /// 12: which resources of a run an undo put back (`ActionRun.undoneResources`).
    public static let foldVersion = 12
}
