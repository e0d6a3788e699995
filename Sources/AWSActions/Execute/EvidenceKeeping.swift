import Foundation
import IncidentModel

/// How an evidence step's output (`ActionStep.evidence`) is kept: the bytes
/// themselves in the body store, named by their SHA-256 in the step's record,
/// and the step's recorded stdout replaced by a line that says so (the
/// evidence is not kept twice, nor cut to the step's cap).
struct EvidenceKeeping {
    var keepBody: (@Sendable (Data) throws -> StoredBody)?

    /// What was kept, or why the output is not evidence.
    struct Kept {
        var body: StoredBody
        /// True when redaction replaced part of it before it reached Firebreak's
        /// record: the bytes and their hash are those of the redacted copy.
        var redacted: Bool
        /// The stdout line the step records instead of the evidence.
        var note: String
    }

    /// Keeps the evidence in `output`; nil when the output holds none. `truncated`
    /// says the runner cut the call's output at its limit: what is left is not the evidence.
    func keep(_ kind: ActionEvidence, output: Any?, truncated: Bool = false) throws -> Result<Kept?, EvidenceProblem> {
        if truncated {
            return .failure(EvidenceProblem(reason: "the output was longer than the runner keeps, so the evidence cannot be kept whole"))
        }
        let redacted = (output as? String)?.contains(SecretRedactor.placeholder) == true
        if redacted && kind == .base64 {
            return .failure(EvidenceProblem(reason: "part of the evidence looked like a secret and was redacted, so the image cannot be kept whole"))
        }
        let data: Data
        switch kind.bytes(in: output) {
        case .failure(let problem): return .failure(problem)
        case .success(nil): return .success(nil)
        case .success(let bytes?): data = bytes
        }
        guard let keepBody else { return .failure(EvidenceProblem(reason: "there is no body store to keep the evidence in")) }
        let body = try keepBody(data)
        let note = "[evidence: \(body.bytes) bytes, SHA-256 \(body.sha256), kept whole (firebreak body \(body.sha256))\(redacted ? "; secrets in it were redacted first" : "")]"
        return .success(Kept(body: body, redacted: redacted, note: note))
    }
}
