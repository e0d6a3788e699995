/// How one resource of a run ended, and what the run recorded about it for undo.
public struct ActionResourceResult: Codable, Sendable, Equatable {
    public var resource: String
    public var status: ActionRunStatus
    /// Values captured from the CLI's `--query` output, by capture name, as JSON text.
    /// Undo reads these ("what it recorded before changing anything").
    public var captures: [String: String]
    public var error: String?

    public init(resource: String, status: ActionRunStatus, captures: [String: String] = [:], error: String? = nil) {
        self.resource = resource
        self.status = status
        self.captures = captures
        self.error = error
    }
}
