import Foundation

/// Reads the RFC 3339 / ISO 8601 time a log line starts with.
///
/// Accepted: `2026-11-29T03:04:05Z`, `2026-11-29 03:04:05.123456+01:00`,
/// `2026-11-29T03:04:05,5-0800`. A time without a zone is *not* accepted: it
/// would have to be guessed, and a wrong time in evidence is worse than the
/// honest arrival time the line falls back to.
///
/// Parsed by hand from the bytes because it runs on every line, and a
/// formatter would allocate and lock on each one.
public enum LogTimestampParser {
    /// The time at the start of `bytes`, rounded to whole milliseconds, or nil.
    public static func parse(_ bytes: some Collection<UInt8>) -> Date? {
        if let parsed = bytes.withContiguousStorageIfAvailable({ parse(buffer: $0) }) { return parsed }
        return Array(bytes.prefix(40)).withUnsafeBufferPointer { parse(buffer: $0) }
    }

    static func parse(buffer b: UnsafeBufferPointer<UInt8>) -> Date? {
        parseWithLength(buffer: b)?.date
    }

    /// How many bytes the time `text` starts with takes (`2026-11-29T03:04:05.5+01:00` is 27), or nil
    /// when it starts with none: the pane shows a line's time once, so the same time in its text can go.
    public static func length(of text: some StringProtocol) -> Int? {
        Array(text.utf8.prefix(40)).withUnsafeBufferPointer { parseWithLength(buffer: $0)?.length }
    }

    static func parseWithLength(buffer b: UnsafeBufferPointer<UInt8>) -> (date: Date, length: Int)? {
        // YYYY-MM-DDThh:mm:ss is 19 bytes, and a zone needs at least one more.
        guard b.count >= 20 else { return nil }
        func digits(_ start: Int, _ count: Int) -> Int? {
            var value = 0
            for index in start..<(start + count) {
                let digit = Int(b[index]) - 48
                guard digit >= 0, digit <= 9 else { return nil }
                value = value * 10 + digit
            }
            return value
        }
        guard let year = digits(0, 4), b[4] == UInt8(ascii: "-"),
              let month = digits(5, 2), b[7] == UInt8(ascii: "-"),
              let day = digits(8, 2),
              b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: "t") || b[10] == UInt8(ascii: " "),
              let hour = digits(11, 2), b[13] == UInt8(ascii: ":"),
              let minute = digits(14, 2), b[16] == UInt8(ascii: ":"),
              let second = digits(17, 2) else { return nil }
        guard (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day),
              hour <= 23, minute <= 59, second <= 60 else { return nil }
        var index = 19
        var milliseconds = 0
        if b[index] == UInt8(ascii: ".") || b[index] == UInt8(ascii: ",") {
            index += 1
            var scale = 100
            let start = index
            while index < b.count, let digit = digits(index, 1) {
                milliseconds += digit * scale
                scale /= 10
                index += 1
            }
            guard index > start else { return nil }
        }
        guard index < b.count else { return nil }
        var offsetSeconds = 0
        switch b[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            index += 1
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            let sign = b[index] == UInt8(ascii: "-") ? -1 : 1
            index += 1
            guard index + 2 <= b.count, let hours = digits(index, 2) else { return nil }
            index += 2
            var minutes = 0
            if index < b.count, b[index] == UInt8(ascii: ":") { index += 1 }
            if index + 2 <= b.count, let parsed = digits(index, 2) {
                minutes = parsed
                index += 2
            }
            guard hours <= 23, minutes <= 59 else { return nil }
            offsetSeconds = sign * (hours * 3600 + minutes * 60)
        default:
            return nil
        }
        // The time must end where a word would: "…Z" followed by text is fine,
        // "…Zebra" is not a time.
        if index < b.count {
            let next = b[index] | 0x20
            if (next >= UInt8(ascii: "a") && next <= UInt8(ascii: "z")) || (b[index] >= 48 && b[index] <= 57) { return nil }
        }
        let days = daysSinceEpoch(year: year, month: month, day: day)
        let seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + min(second, 59)) - Int64(offsetSeconds)
        return (Date(timeIntervalSince1970: Double(seconds * 1000 + Int64(milliseconds)) / 1000), index)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
    private static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
