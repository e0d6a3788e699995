/// A definition that cannot be used, named by file, field and reason:
/// `actions/containment/ec2.isolate.json: steps[1].argv[4]: placeholders must fill a whole argument`.
public struct ActionCatalogError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    /// A path into the document, e.g. `steps[1].argv[4]`; empty for the document itself.
    public var field: String
    public var reason: String

    public init(file: String, field: String, reason: String) {
        self.file = file
        self.field = field
        self.reason = reason
    }

    /// One line, with control characters escaped: the field path is made of
    /// the document's own keys, which can hold anything.
    public var description: String {
        (field.isEmpty ? "\(file): \(reason)" : "\(file): \(field): \(reason)").terminalSafe
    }
}
