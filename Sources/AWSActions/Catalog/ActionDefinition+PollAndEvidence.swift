import Foundation

extension ActionDefinition {
    /// A step's `until`/`every`/`within` and `evidence`, checked against the
    /// rest of the step: both answer for one resource at a time, so neither
    /// goes with `batch`; a wait belongs where a run changes or checks something.
    static func parseWaitAndEvidence(_ object: [String: JSONField], step: JSONField, stage: ActionStage,
                                     batch: Bool) throws(ActionCatalogError) -> (ActionStepPoll?, ActionEvidence?) {
        let poll = try ActionStepPoll.parse(object, in: step)
        if poll != nil {
            if batch { throw object["batch"]!.fail("a repeated step ('until') asks for one resource at a time, so it cannot be batched") }
            guard stage == .change || stage == .verify else { throw object["until"]!.fail("only change and verify steps can wait") }
            if let expect = object["expect"] ?? object["expectIncludes"] {
                throw expect.fail("a repeated step judges its answers by 'until', so it cannot also expect a result")
            }
        }
        var evidence: ActionEvidence?
        if let field = object["evidence"] {
            guard let kind = ActionEvidence(rawValue: try field.string()) else {
                throw field.fail("expected one of \(ActionEvidence.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            if batch { throw field.fail("evidence is kept per resource, so an evidence step cannot be batched") }
            evidence = kind
        }
        return (poll, evidence)
    }
}
