import Foundation
import IncidentModel
import Testing

@Suite("Names, ids and times people type")
struct NamesAndTimesTests {
    @Test(arguments: [("containment", Phase.containment), ("3", .containment), ("Follow-Up", .followUp),
                      ("followup", .followUp), ("7", .followUp), ("READINESS", .readiness), ("1", .readiness)])
    func phasesParseByNameOrNumber(_ text: String, _ phase: Phase) throws {
        #expect(try Phase(parsing: text) == phase)
    }

    @Test(arguments: ["0", "8", "lunch", "", "contain"])
    func unknownPhasesAreRefused(_ text: String) {
        #expect(throws: IncidentError.self) { try Phase(parsing: text) }
    }

    /// Found by the fuzzer: 35 fraction digits killed the process inside ICU (SIGFPE).
    @Test(arguments: [35, 36, 80, 10])
    func aTimeWithALongFractionIsRefusedNotFatal(digits: Int) {
        let text = "2026-02-28T00:02:17." + String(repeating: "0", count: digits) + "Z"
        #expect(throws: IncidentError.self) { try Timestamp.parse(text) }
    }

    @Test func aTimeWithNineFractionDigitsStillParses() throws {
        #expect(Timestamp.format(try Timestamp.parse("2026-02-28T00:02:17.123456789Z")) == "2026-02-28T00:02:17.123Z")
    }

    @Test func incidentIDs() throws {
        #expect(try IncidentID(parsing: "INC-7").rawValue == 7)
        #expect(try IncidentID(parsing: "inc-7").rawValue == 7)
        #expect(try IncidentID(parsing: "7").description == "INC-7")
        for bad in ["INC-", "INC-0", "-3", "seven", "INC-7x", "٣"] {
            #expect(throws: IncidentError.self) { try IncidentID(parsing: bad) }
        }
    }

    @Test func severityIsOneToFour() throws {
        #expect(try Severity(validating: 1).label == "critical")
        #expect(try Severity(validating: 4).label == "low")
        #expect(throws: IncidentError.invalidInput("severity 5 is out of range; expected 1 (critical) to 4 (low)")) { try Severity(validating: 5) }
        #expect(throws: IncidentError.self) { try Severity(validating: 0) }
    }

    @Test func rfc3339TimesParseWithOffsetsAndFractions() throws {
        let base = try Timestamp.parse("2026-11-29T03:04:05Z")
        #expect(base.timeIntervalSince1970 == 1_795_921_445)
        #expect(try Timestamp.parse("2026-11-29T04:04:05+01:00") == base)
        #expect(try Timestamp.parse("2026-11-29T03:04:05.250Z").timeIntervalSince(base) == 0.25)
        #expect(try Timestamp.parse("2026-11-29t03:04:05z") == base)
        #expect(Timestamp.format(base) == "2026-11-29T03:04:05.000Z")
        for bad in ["2026-11-29", "yesterday", "2026-13-01T00:00:00Z", "1795921445"] {
            #expect(throws: IncidentError.self) { try Timestamp.parse(bad) }
        }
    }

    /// Foundation's formatter read 2026-02-30 as March 2nd; the strict reader refuses what does not exist.
    @Test(arguments: [("2026-02-30T00:00:00Z", "February 2026 has 28 days"), ("2025-02-29T00:00:00Z", "February 2025 has 28 days"),
                      ("2100-02-29T00:00:00Z", "February 2100 has 28 days"), ("2026-04-31T00:00:00Z", "April 2026 has 30 days"),
                      ("2026-00-10T00:00:00Z", "there is no month 0"), ("2026-01-00T00:00:00Z", "there is no day 0"),
                      ("2026-11-29T24:00:00Z", "there is no hour 24"), ("2026-11-29T23:60:00Z", "there is no minute 60"),
                      ("2026-11-29T23:59:60Z", "leap seconds are not accepted"), ("2026-11-29T10:00:00+24:00", "offset +24:00 is not a UTC offset")])
    func impossibleTimesAreRefusedWithTheReason(_ text: String, _ reason: String) {
        #expect(throws: IncidentError.invalidInput("--at '\(text)' is not a real time: \(reason)")) { try Timestamp.parse(text, option: "--at") }
    }

    @Test func leapDaysAndEveryShapeOfRealTimeParse() throws {
        #expect(Timestamp.format(try Timestamp.parse("2024-02-29T23:59:59Z")) == "2024-02-29T23:59:59.000Z")
        #expect(Timestamp.format(try Timestamp.parse("2000-02-29T00:00:00.0005Z")) == "2000-02-29T00:00:00.001Z")
        #expect(Timestamp.format(try Timestamp.parse("1969-12-31T23:59:59-01:30")) == "1970-01-01T01:29:59.000Z")
        // The same instant Foundation gives for every real day of four years, leap and not.
        let formatter = ISO8601DateFormatter()
        var day = try #require(formatter.date(from: "2023-01-01T06:07:08Z"))
        for _ in 0..<(4 * 366) {
            let text = formatter.string(from: day)
            #expect(try Timestamp.parse(text) == day, "\(text)")
            day.addTimeInterval(86_400)
        }
        for bad in ["2026-1-01T00:00:00Z", "2026-11-29 03:04:05Z", "2026-11-29T03:04Z", "2026-11-29T03:04:05", "2026-11-29T03:04:05.Z",
                    "2026-11-29T03:04:05Z trailing", "２０２６-11-29T03:04:05Z"] {
            #expect(throws: IncidentError.self, "\(bad)") { try Timestamp.parse(bad) }
        }
        #expect(try Timestamp.parseDay("2024-02-29") == "2024-02-29")
        #expect(throws: IncidentError.invalidInput("--due '2026-13-01' is not a real date: there is no month 13")) { try Timestamp.parseDay("2026-13-01", option: "--due") }
        #expect(throws: IncidentError.invalidInput("'tomorrow' is not a date; expected YYYY-MM-DD, e.g. 2026-12-15")) { try Timestamp.parseDay("tomorrow") }
    }

    @Test func terminalSafeEscapesEveryControlCharacter() {
        let hostile = "ok\u{1B}[2J\u{1B}]0;owned\u{7}\u{9B}31m\r\n\u{202E}txt.exe"
        let safe = hostile.terminalSafe
        #expect(!safe.unicodeScalars.contains { $0.isTerminalControl })
        #expect(safe.hasPrefix("ok\\u{1B}[2J"))
        #expect("plain ✓ 日本語".terminalSafe == "plain ✓ 日本語")
    }

    @Test func singleLineFieldsRefuseControlsAndEmptiness() throws {
        #expect(try TextField.singleLine("  title  ", named: "the title") == "title")
        #expect(throws: IncidentError.invalidInput("the title is empty")) { try TextField.singleLine("   ", named: "the title") }
        #expect(throws: IncidentError.self) { try TextField.singleLine("a\nb", named: "the title") }
        #expect(try TextField.multiLine("a\nb", named: "the note") == "a\nb")
        #expect(throws: IncidentError.self) { try TextField.multiLine("a\u{1B}b", named: "the note") }
    }
}
