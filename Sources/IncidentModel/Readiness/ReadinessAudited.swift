import Foundation

/// `readiness.audited`: the results of one readiness audit. The incident
/// keeps the latest audit's results (`IncidentState.readiness`); each audit
/// is on the timeline.
public struct ReadinessAudited: Codable, Sendable, Equatable {
    public static let kind = "readiness.audited"
    /// The regions audited, in the order given.
    public var regions: [String]
    public var results: [ReadinessResult]

    public init(regions: [String], results: [ReadinessResult]) {
        self.regions = regions
        self.results = results
    }

    /// `6 pass, 1 fail, 1 could not check`.
    public var tally: String {
        let count = { (status: ReadinessResult.Status) in results.filter { $0.status == status }.count }
        return "\(count(.pass)) pass, \(count(.fail)) fail, \(count(.unknown)) could not check"
    }

    /// The checklist items every result of which passed (ticked by the audit).
    public var passedItems: [String] { items { $0.allSatisfy { $0.status == .pass } } }
    /// The checklist items with at least one failing result.
    public var failedItems: [String] { items { $0.contains { $0.status == .fail } } }

    private func items(_ condition: ([ReadinessResult]) -> Bool) -> [String] {
        var order: [String] = []
        for result in results where !order.contains(result.covers) { order.append(result.covers) }
        return order.filter { item in condition(results.filter { $0.covers == item }) }
    }
}
