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
    /// `2026-11-29T04:04:05.250+01:00`, strictly: a time that does not exist
    /// (`2026-02-30T…`, `T24:00:00`) is refused with the reason, never rolled
    /// over into another day. `option` (`--at`) names where the text came from
    /// in the refusal.
    public static func parse(_ text: String, option: String? = nil) throws -> Date {
        let source = option.map { "\($0) '\(text.terminalSafe)'" } ?? "'\(text.terminalSafe)'"
        switch strictParse(text.trimmingCharacters(in: .whitespaces).uppercased()) {
        case .success(let milliseconds):
            return Date(millisecondsSince1970: milliseconds)
        case .failure(.shape):
            throw IncidentError.invalidInput("\(source) is not an RFC 3339 time; expected e.g. 2026-11-29T03:04:05Z")
        case .failure(.impossible(let reason)):
            throw IncidentError.invalidInput("\(source) is not a real time: \(reason)")
        }
    }

    /// Parses a calendar date written `YYYY-MM-DD`, strictly (as `parse`
    /// reads the date part of a time), returning it as written.
    public static func parseDay(_ text: String, option: String? = nil) throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let source = option.map { "\($0) '\(text.terminalSafe)'" } ?? "'\(text.terminalSafe)'"
        switch StrictCalendar.day(Substring(trimmed)) {
        case .success: return trimmed
        case .failure(.shape): throw IncidentError.invalidInput("\(source) is not a date; expected YYYY-MM-DD, e.g. 2026-12-15")
        case .failure(.impossible(let reason)): throw IncidentError.invalidInput("\(source) is not a real date: \(reason)")
        }
    }

    /// `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)` (upper-cased) as whole
    /// milliseconds since 1970, the fraction rounded. Read byte by byte, never
    /// by Foundation's formatter: it rolls impossible dates over, and its ICU
    /// parser died of a division by zero on a fraction of 35 digits.
    static func strictParse(_ text: String) -> Result<Int64, StrictCalendar.Refusal> {
        let b = Array(text.utf8)
        guard b.count >= 20, b.count <= 40, b[10] == UInt8(ascii: "T"), b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"),
              let hour = StrictCalendar.digits(b[11..<13]), let minute = StrictCalendar.digits(b[14..<16]),
              let second = StrictCalendar.digits(b[17..<19]) else { return .failure(.shape) }
        let day: StrictCalendar.Day
        switch StrictCalendar.day(Substring(String(decoding: b[0..<10], as: UTF8.self))) {
        case .success(let parsed): day = parsed
        case .failure(let refusal): return .failure(refusal)
        }
        var index = 19
        var fractionMilliseconds = 0
        if b[index] == UInt8(ascii: ".") {
            let start = index + 1
            index = start
            while index < b.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b[index]) { index += 1 }
            let count = index - start
            guard (1...9).contains(count), let fraction = StrictCalendar.digits(b[start..<index]) else { return .failure(.shape) }
            // To milliseconds, rounded half up: 0.1235 → 124 ms.
            let scale = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000][count]
            fractionMilliseconds = (fraction * 1_000 * 2 + scale) / (scale * 2)
        }
        guard index < b.count else { return .failure(.shape) }
        var offsetMinutes = 0
        if b[index] == UInt8(ascii: "Z") {
            guard index + 1 == b.count else { return .failure(.shape) }
        } else {
            guard b[index] == UInt8(ascii: "+") || b[index] == UInt8(ascii: "-"), index + 6 == b.count, b[index + 3] == UInt8(ascii: ":"),
                  let offsetHour = StrictCalendar.digits(b[(index + 1)..<(index + 3)]),
                  let offsetMinute = StrictCalendar.digits(b[(index + 4)..<(index + 6)]) else { return .failure(.shape) }
            guard offsetHour <= 23, offsetMinute <= 59 else {
                return .failure(.impossible("offset \(String(decoding: b[index...], as: UTF8.self)) is not a UTC offset"))
            }
            offsetMinutes = (offsetHour * 60 + offsetMinute) * (b[index] == UInt8(ascii: "-") ? -1 : 1)
        }
        guard hour <= 23 else { return .failure(.impossible("there is no hour \(hour)")) }
        guard minute <= 59 else { return .failure(.impossible("there is no minute \(minute)")) }
        guard second <= 59 else { return .failure(.impossible(second == 60 ? "leap seconds are not accepted" : "there is no second \(second)")) }
        let seconds = Int64(StrictCalendar.daysSinceEpoch(day)) * 86_400 + Int64(hour * 3_600 + minute * 60 + second) - Int64(offsetMinutes * 60)
        return .success(seconds * 1_000 + Int64(fractionMilliseconds))
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
