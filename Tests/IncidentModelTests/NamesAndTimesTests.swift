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
