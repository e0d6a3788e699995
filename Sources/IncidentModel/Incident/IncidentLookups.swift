/// Where the state's resources, findings and indicators are, by the keys imports and
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
    /// `CompromiseIndicator.id` → its position in `IncidentState.indicators`: an import naming
    /// thousands of indicators searched the whole list for each one.
    private var indicatorPositions: [String: Int] = [:]

    private struct FindingKey: Hashable, Sendable {
        var source: String
        var id: String
    }

    init() {}

    init(resources: ChunkedList<Resource>, findings: ChunkedList<ImportedFinding>, indicators: [CompromiseIndicator] = []) {
        for (position, resource) in resources.enumerated() { addResource(resource, at: position) }
        for finding in findings { addFinding(id: finding.finding.id, source: finding.finding.source) }
        for (position, indicator) in indicators.enumerated() { indicatorPositions[indicator.id] = position }
    }

    mutating func addIndicator(key: String, at position: Int) {
        indicatorPositions[key] = position
    }

    func position(ofIndicator key: String) -> Int? { indicatorPositions[key] }

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
