import IncidentModel

/// A findings document, or one finding in it, that cannot be imported, named
/// by file and finding index so the user can find it:
/// `findings.json: finding 2 (id 7ab…): resource 0: 'i-xyz' is not a valid ec2-instance id…`.
public struct FindingsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file, or the fetch (`securityhub get-findings (us-east-1)`).
    public var source: String
    /// The finding's index in the document, when one finding is at fault.
    public var index: Int?
    /// The finding's id, when it has a usable one.
    public var findingID: String?
    public var reason: String

    public init(source: String, index: Int? = nil, findingID: String? = nil, reason: String) {
        self.source = source
        self.index = index
        self.findingID = findingID
        self.reason = reason
    }

    public var description: String {
        var text = source
        if let index { text += ": finding \(index)" + (findingID.map { " (id \($0))" } ?? "") }
        return (text + ": " + reason).terminalSafe
    }
}
