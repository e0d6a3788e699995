import Foundation
import IncidentModel

/// The time an event is recorded as happening (`--at`), read strictly and
/// held to a plausible range: a time in the future (beyond the clock skew
/// allowed) or more than a year before the incident opened is far more
/// often a typo than a fact, so it needs `--force`. An incident may be
/// opened at any past time (one found late, recorded from a ticket).
enum EventTime {
    /// How far ahead of this machine's clock a time may be without `--force`:
    /// another responder's clock, or a log's, may run a little fast.
    static let clockSkew: TimeInterval = 300
    /// How far before the incident opened a time may be without `--force`.
    static let lookBack: TimeInterval = 366 * 86_400

    /// Parses `text` (nil: none given) as `option`, refusing an impossible
    /// time, and an implausible one unless `force`. `opened`: when the
    /// incident opened (nil for `open` itself: only the future is checked).
    static func parse(_ text: String?, option: String = "--at", force: Bool, opened: Date?, now: Date = Date()) throws -> Date? {
        guard let text else { return nil }
        let date = try Timestamp.parse(text, option: option)
        guard !force else { return date }
        if date.timeIntervalSince(now) > clockSkew {
            throw IncidentError.invalidInput(
                "\(option) \(text.terminalSafe) is in the future (more than \(Int(clockSkew / 60)) minutes ahead of this machine's clock); pass --force if it is right")
        }
        if let opened, opened.timeIntervalSince(date) > lookBack {
            throw IncidentError.invalidInput(
                "\(option) \(text.terminalSafe) is more than a year before the incident opened (\(Timestamp.format(opened))); pass --force if it is right")
        }
        return date
    }
}
