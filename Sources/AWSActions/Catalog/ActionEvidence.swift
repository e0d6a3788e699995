import Foundation

/// A step whose output is evidence (`"evidence": "text"` or `"base64"`): the
/// string its `--query` selects is kept whole, by its SHA-256, in the body
/// store, and the step's record names that hash, whatever its length.
///
/// `text` keeps the string's UTF-8 bytes (a console log, which CLI v1 has
/// already decoded from base64); `base64` keeps the bytes it decodes to (a
/// console screenshot's JPEG), so the hash is the image's own. A capture on
/// an evidence step holds that SHA-256, not the evidence.
public enum ActionEvidence: String, Sendable, CaseIterable {
    case text
    case base64

    /// The evidence's bytes in a step's parsed output; nil when the output holds
    /// none (a tolerated error, an empty answer), or it is not what this
    /// encoding expects (the reason).
    func bytes(in output: Any?) -> Result<Data?, EvidenceProblem> {
        guard let text = output as? String else {
            if output == nil || output is NSNull { return .success(nil) }
            return .failure(EvidenceProblem(reason: "the evidence step's output is not a string (its --query must select one value)"))
        }
        if text.isEmpty { return .success(nil) }
        switch self {
        case .text:
            return .success(Data(text.utf8))
        case .base64:
            guard let data = Data(base64Encoded: text, options: .ignoreUnknownCharacters) else {
                return .failure(EvidenceProblem(reason: "the evidence is not valid base64"))
            }
            return .success(data)
        }
    }
}

/// Why a step's output could not be kept as evidence.
struct EvidenceProblem: Error, Equatable {
    var reason: String
}
