import Foundation

/// Polls `condition` until it holds or `seconds` have passed: how a test
/// waits for another process, never with a fixed sleep before a check.
/// True when it held in time (it is asked once more at the deadline).
public func eventually(within seconds: Double, every interval: Double = 0.01, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if condition() { return true }
        Thread.sleep(forTimeInterval: interval)
    }
    return condition()
}
