import Foundation
import IncidentModel

/// How the executor walks a repeated step and computes a derived one.
enum StepRepetitionRun {
    /// Why a repeated step has no list to walk, for its record.
    struct Problem: Error {
        var text: String
        /// The list is not captured yet (in a dry run, a step skipped for it).
        var isMissing: Bool
    }

    /// The repetitions of `step`: `[nil]`, one call, for a step not repeated.
    static func elements(of step: ActionStep, values: TemplateValues) -> Result<[StepRepetition.Element?], Problem> {
        guard let repetition = step.repetition else { return .success([nil]) }
        do {
            return .success(try repetition.elements(in: values))
        } catch .missing(let name) {
            return .failure(Problem(text: "no value for {\(name)}", isMissing: true))
        } catch {
            return .failure(Problem(text: "{\(repetition.list)} is not a list to repeat \(step.name) over", isMissing: false))
        }
    }

    /// A derived step's value and its record: nothing is called, so the
    /// record's argv is empty and its output is the value.
    static func derive(_ derivation: StepDerivation, step: ActionStep, stage: ActionStage, resource: String,
                       values: TemplateValues) -> (record: ActionStepRecord, json: String?) {
        do {
            let json = TemplateValues.canonical(try derivation.value(from: values))
            let captures = step.capture.map { [$0: json] }
            return (ActionStepRecord(resource: resource, step: step.name, stage: stage.rawValue, argv: [], outcome: .succeeded,
                                     exitCode: nil, durationMs: 0, stdout: json, captures: captures), json)
        } catch {
            return (ActionStepRecord(resource: resource, step: step.name, stage: stage.rawValue, argv: [], outcome: .failed,
                                     exitCode: nil, durationMs: 0, error: "\(derivation.name): \(error.reason)"), nil)
        }
    }
}
