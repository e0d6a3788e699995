/// The one strict reading of calendar dates and times of day that every
/// command, the console and the fold share: a date or time that does not
/// exist (February 30th, 24:00, minute 61) is refused with the reason, never
/// rolled over into the next month as Foundation's lenient parsers do.
enum StrictCalendar {
    /// A calendar date in the proleptic Gregorian calendar.
    struct Day: Equatable {
        var year: Int, month: Int, day: Int
    }

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July",
                             "August", "September", "October", "November", "December"]

    static func isLeapYear(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// `YYYY-MM-DD` exactly (four, two and two ASCII digits), checked against
    /// the calendar; the reason when it is not a date that exists.
    static func day(_ text: Substring) -> Result<Day, Refusal> {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let year = digits(bytes[0..<4]), let month = digits(bytes[5..<7]), let day = digits(bytes[8..<10]) else {
            return .failure(.shape)
        }
        guard (1...12).contains(month) else { return .failure(.impossible("there is no month \(month)")) }
        let length = daysIn(month: month, year: year)
        guard (1...length).contains(day) else {
            return .failure(.impossible(day == 0 ? "there is no day 0" : "\(monthNames[month - 1]) \(year) has \(length) days"))
        }
        return .success(Day(year: year, month: month, day: day))
    }

    /// Days from 1970-01-01 to `day` (negative before), by the civil-from-days
    /// inverse in Howard Hinnant's date algorithms: exact for every Gregorian date.
    static func daysSinceEpoch(_ day: Day) -> Int {
        let y = day.month <= 2 ? day.year - 1 : day.year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let monthFromMarch = (day.month + 9) % 12
        let dayOfYear = (153 * monthFromMarch + 2) / 5 + day.day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// A run of ASCII digits as a number, nil when any byte is not a digit.
    static func digits(_ bytes: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for byte in bytes {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return bytes.isEmpty ? nil : value
    }

    /// Why a text was refused: not the expected shape, or a shape naming something that does not exist.
    enum Refusal: Error, Equatable {
        case shape
        case impossible(String)
    }
}
