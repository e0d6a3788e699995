/// A place where a log line names a resource of the incident.
public struct ResourceMatch: Hashable, Sendable {
    /// The `Resource.id` of the resource named.
    public var resourceID: String
    /// Where, as UTF-8 offsets into the text searched.
    public var utf8Range: Range<Int>

    public init(resourceID: String, utf8Range: Range<Int>) {
        self.resourceID = resourceID
        self.utf8Range = utf8Range
    }

    /// The match as a range of `text` (the text it was found in).
    public func range(in text: String) -> Range<String.Index> {
        let utf8 = text.utf8
        let lower = utf8.index(utf8.startIndex, offsetBy: utf8Range.lowerBound)
        return lower..<utf8.index(lower, offsetBy: utf8Range.count)
    }
}
