import IncidentModel

extension IncidentReport {
    /// Evidence actions kept (`ec2.capture-console`'s log and screenshot): each
    /// step whose whole output is kept as evidence, with the run it belongs to.
    /// Its body's SHA-256 is the evidence's own (`firebreak body SHA256`).
    public var actionEvidence: [(run: ActionRun, step: ActionStepRecord, body: StoredBody)] {
        state.actionRuns.flatMap { run in
            run.steps.compactMap { step in
                guard step.evidence == true, let body = step.stdoutBody else { return nil }
                return (run, step, body)
            }
        }
    }
}
