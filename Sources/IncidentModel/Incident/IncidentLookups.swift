/// Where the state's resources and findings are, by the keys imports and
/// validation ask for thousands of times: without it every finding of an
/// import scanned every resource and every finding before it (an import of
/// 25,000 findings slowed from 640 a second to 46).
///
/// It is derived from `IncidentState.resources` and `.findings` alone, never
/// stored: decoding a state rebuilds it. Resources and findings are only ever
/// appended, so a position once recorded stays right.
struct IncidentLookups: Sendable, Equatable {
    private var resourcePositions: [String: Int] = [:]
    private var shortIDPositions: [String: [Int]] = [:]
    private var findingKeys: Set<FindingKey> = []

    private struct FindingKey: Hashable, Sendable {
        var source: String
        var id: String
    }

    init() {}

    init(resources: ChunkedList<Resource>, findings: ChunkedList<ImportedFinding>) {
        for (position, resource) in resources.enumerated() { addResource(resource, at: position) }
        for finding in findings { addFinding(id: finding.finding.id, source: finding.finding.source) }
    }

    mutating func addResource(_ resource: Resource, at position: Int) {
        resourcePositions[resource.id] = position
        shortIDPositions[resource.shortID, default: []].append(position)
    }

    mutating func addFinding(id: String, source: String) {
        findingKeys.insert(FindingKey(source: source, id: id))
    }

    func position(ofResource id: String) -> Int? { resourcePositions[id] }

    /// Every resource whose short id (the `i-…` of an instance ARN, a bucket's name) is `shortID`, in the order they were added.
    func positions(ofShortID shortID: String) -> [Int] { shortIDPositions[shortID] ?? [] }

    func hasFinding(id: String, source: String) -> Bool { findingKeys.contains(FindingKey(source: source, id: id)) }
}
