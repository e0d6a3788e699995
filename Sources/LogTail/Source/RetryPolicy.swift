import Foundation

/// How long a failing source waits before trying again: `initial`, then
/// `multiplier` times longer after each failure in a row, never more than
/// `maximum`. One success resets it.
public struct RetryPolicy: Sendable, Hashable {
    public var initial: TimeInterval
    public var maximum: TimeInterval
    public var multiplier: Double

    public init(initial: TimeInterval = 0.5, maximum: TimeInterval = 30, multiplier: Double = 2) {
        self.initial = max(0.001, initial)
        self.maximum = max(self.initial, maximum)
        self.multiplier = max(1, multiplier)
    }

    /// 0.5 s, doubling, at most 30 s.
    public static let `default` = RetryPolicy()

    /// The wait after `failures` failures in a row (1 for the first).
    public func delay(afterFailures failures: Int) -> TimeInterval {
        let exponent = Double(max(0, failures - 1))
        return min(maximum, initial * pow(multiplier, min(exponent, 64)))
    }
}
