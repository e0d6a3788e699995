import Foundation

/// Times as the console shows them: short, UTC, unambiguous.
enum TimeText {
    /// `03:04:05Z` today's events are read by the clock, so the date is left out.
    static func clock(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.hour, .minute, .second], from: date)
        return String(format: "%02d:%02d:%02dZ", parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
    }

    /// `1h02m`, `4m05s`, `12s`, `3d04h`.
    static func duration(_ seconds: TimeInterval) -> String {
        let total = max(0, Int(seconds))
        let (days, hours, minutes, secs) = (total / 86_400, (total % 86_400) / 3600, (total % 3600) / 60, total % 60)
        if days > 0 { return String(format: "%dd%02dh", days, hours) }
        if hours > 0 { return String(format: "%dh%02dm", hours, minutes) }
        if minutes > 0 { return String(format: "%dm%02ds", minutes, secs) }
        return "\(secs)s"
    }
}
