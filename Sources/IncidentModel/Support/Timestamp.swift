import Foundation

/// RFC 3339 times as Firebreak reads and writes them, at millisecond precision.
///
/// Every stored time is rounded to whole milliseconds so that what is written
/// to the database, hashed, and read back is bit-for-bit the same.
public enum Timestamp {
    /// Rounds a date to whole milliseconds since 1970.
    public static func normalized(_ date: Date) -> Date {
        Date(millisecondsSince1970: date.millisecondsSince1970)
    }

    /// Parses an RFC 3339 time such as `2026-11-29T03:04:05Z` or
    /// `2026-11-29T04:04:05.250+01:00`.
    public static func parse(_ text: String) throws -> Date {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let upper = trimmed.uppercased()
        guard hasParseableShape(upper) else {
            throw IncidentError.invalidInput("'\(text.terminalSafe)' is not an RFC 3339 time; expected e.g. 2026-11-29T03:04:05Z")
        }
        let plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = plain.date(from: upper) ?? fractional.date(from: upper) {
            return normalized(date)
        }
        throw IncidentError.invalidInput("'\(text.terminalSafe)' is not an RFC 3339 time; expected e.g. 2026-11-29T03:04:05Z")
    }

    /// The formatter's parser (ICU) dies of a division by zero on a fraction of
    /// 35 digits or more, so such text never reaches it: RFC 3339 times from
    /// AWS and people carry at most nine, and are never long.
    static func hasParseableShape(_ text: String) -> Bool {
        guard text.utf8.count <= 40 else { return false }
        var fractionDigits = 0, inFraction = false
        for byte in text.utf8 {
            if byte == UInt8(ascii: ".") {
                inFraction = true
                fractionDigits = 0
            } else if inFraction, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                fractionDigits += 1
                if fractionDigits > 9 { return false }
            } else {
                inFraction = false
            }
        }
        return true
    }

    /// Formats a time as RFC 3339 in UTC with milliseconds: `2026-11-29T03:04:05.120Z`.
    public static func format(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}

extension Date {
    /// Whole milliseconds since 1970-01-01T00:00:00Z.
    public var millisecondsSince1970: Int64 {
        Int64((timeIntervalSince1970 * 1000).rounded())
    }

    public init(millisecondsSince1970 milliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(milliseconds) / 1000)
    }
}
