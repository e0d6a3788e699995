/// AWS output that is not the document a log query expects (cut off by the
/// output limit, or not JSON), said in one line.
public struct AWSLogParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
