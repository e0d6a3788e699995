/// Text an undo's plan says when an undo parameter is given (`when`) or is
/// not (`unless`): `"undoNotice": {"unless": "reactivate", "text": "…"}`.
public struct UndoNotice: Sendable, Equatable {
    public var text: String
    public var when: String?
    public var unless: String?

    public init(text: String, when: String? = nil, unless: String? = nil) {
        self.text = text
        self.when = when
        self.unless = unless
    }

    /// Whether it is said, given the undo's parameters.
    public func applies(_ parameters: [String: String]) -> Bool {
        if let name = when, (parameters[name] ?? "").isEmpty { return false }
        if let name = unless, !(parameters[name] ?? "").isEmpty { return false }
        return true
    }
}
