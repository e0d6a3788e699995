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

    /// The results behind one checklist item (every region and account of each check that covers it).
    public func results(covering item: String) -> [ReadinessResult] { results.filter { $0.covers == item } }

    /// Why the audit ticks `item`: `readiness audit: all 3 checks behind it passed (…)`.
    public func passReason(_ item: String) -> String {
        let behind = results(covering: item)
        let checks = Self.names(behind.map(\.check))
        return "readiness audit: \(behind.count == 1 ? "the one check" : "all \(behind.count) checks") behind it passed (\(checks))"
    }

    /// Why the audit reopens `item` that an earlier audit ticked: `readiness audit: 2 of 3 checks behind it failed (…)`.
    public func failReason(_ item: String) -> String {
        let behind = results(covering: item)
        let failed = behind.filter { $0.status == .fail }
        let named = Self.names(failed.map { result in [result.check, result.account, result.region].compactMap { $0 }.joined(separator: " ") })
        return "readiness audit: \(failed.count) of \(behind.count) checks behind it failed (\(named))"
    }

    /// Distinct names in order, at most four and a count of the rest.
    private static func names(_ all: [String]) -> String {
        var distinct: [String] = []
        for name in all where !distinct.contains(name) { distinct.append(name) }
        return distinct.prefix(4).joined(separator: ", ") + (distinct.count > 4 ? " and \(distinct.count - 4) more" : "")
    }

    private func items(_ condition: ([ReadinessResult]) -> Bool) -> [String] {
        var order: [String] = []
        for result in results where !order.contains(result.covers) { order.append(result.covers) }
        return order.filter { item in condition(results.filter { $0.covers == item }) }
    }
}
