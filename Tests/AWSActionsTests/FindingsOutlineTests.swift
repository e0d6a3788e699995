import AWSActions
import Foundation
import IncidentModel
import Testing

/// A findings document is parsed a finding at a time; a key given twice is
/// refused where it sits, and a GuardDuty severity off its scale is not taken (the finding is).
@Suite("Findings outline")
struct FindingsOutlineTests {
    /// The fixture's first GuardDuty finding as JSON text, with `edit` applied to its object.
    static func finding(_ edit: (inout [String: Any]) -> Void = { _ in }) -> String {
        let fixture = try! JSONSerialization.jsonObject(with: FindingsParsingTests.fixture("guardduty-findings.json")) as! [String: Any]
        var object = (fixture["Findings"] as! [[String: Any]])[0]
        edit(&object)
        return String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    @Test func aKeyGivenTwiceInsideAFindingRefusesThatFindingAloneNamingTheKeyAndWhere() throws {
        let clean = Self.finding { $0["Id"] = "clean" }
        // The second Id would win in one reader and lose in another.
        let twiceID = Self.finding { $0["Id"] = "first" }.replacingOccurrences(of: #""Id":"first""#, with: #""Id":"first","Id":"second""#)
        // The same key spelt with an escape is the same key.
        let escaped = Self.finding { $0["Id"] = "third" }
            .replacingOccurrences(of: #""AccessKeyId":"#, with: #""AccessKeyId":"ASIAXXXXXXXXXXXXXXXX","Access\u004beyId":"#)
        let document = try FindingsDocument.parse(Data("{\"Findings\": [\(clean), \(twiceID), \(escaped)]}".utf8), source: "dup.json")
        #expect(document.findings.map(\.id) == ["clean"])
        #expect(document.problems.map(\.index) == [1, 2])
        #expect(document.problems[0].description.contains(#"has the key "Id" twice"#))
        #expect(document.problems[1].description.contains(#"has the key "AccessKeyId" twice in Resource.AccessKeyDetails"#))
    }

    @Test func aFindingsKeyGivenTwiceRefusesTheDocument() {
        let one = Self.finding()
        #expect(throws: FindingsError.self) {
            try FindingsDocument.parse(Data("{\"Findings\": [\(one)], \"Findings\": []}".utf8), source: "two.json")
        }
    }

    @Test func aGuardDutySeverityOffItsScaleIsNotTakenButTheFindingIs() throws {
        for severity in [-1.0, 10.5, 1e300] {
            let text = Self.finding { $0["Severity"] = severity }
            let document = try FindingsDocument.parse(Data("[\(text)]".utf8), source: "sev.json")
            #expect(document.problems.isEmpty)
            let finding = try #require(document.findings.first)
            #expect(finding.severity == "UNKNOWN" && !finding.isSevere, "severity \(severity)")
            #expect(finding.unusable == ["Severity is not a number on GuardDuty's 0–10 scale"], "severity \(severity)")
        }
        let top = try FindingsDocument.parse(Data("[\(Self.finding { $0["Severity"] = 10 })]".utf8), source: "ten.json")
        #expect(top.findings.first?.severity == "CRITICAL (10.0)")
    }

    @Test func structureIsCheckedOutsideTheFindingsToo() {
        for text in [#"{"Findings": [{}]"#, #"{"Findings": []} trailing"#, #"{"Findings": [}"#, "", "   ", #"{"Findings" []}"#, "hello", "7", #"{"Findings": [], "x": hello}"#] {
            #expect(throws: FindingsError.self, "\(text)") { try FindingsDocument.parse(Data(text.utf8), source: "bad.json") }
        }
    }

    @Test func otherTopLevelKeysAndNestingBesideTheFindingsAreSkipped() throws {
        let one = Self.finding()
        let text = #"{"NextToken": "a\"b]}", "Meta": {"Findings": 3, "x": [1, [2, {"y": null}]]}, "Findings": ["# + one + "]}"
        let document = try FindingsDocument.parse(Data(text.utf8), source: "paged.json")
        #expect(document.findings.count == 1 && document.problems.isEmpty)
    }

    @Test func aFindingThatIsNotValidJSONInsideIsOneProblem() throws {
        let one = Self.finding()
        let document = try FindingsDocument.parse(Data("[\(one), {\"Id\": 01}]".utf8), source: "num.json")
        #expect(document.findings.count == 1)
        #expect(document.problems.map(\.reason) == ["is not valid JSON"])
    }
}
