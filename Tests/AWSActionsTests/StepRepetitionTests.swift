@testable import AWSActions
import Foundation
import IncidentModel
import Testing

/// The action language's repetition (`forEach`), compensation (`onFailure`)
/// and derived values, as the catalog checks them and the plan shows them.
@Suite("Repeated, compensating and derived steps")
struct StepRepetitionTests {
    static func load(_ change: (inout [String: Any]) -> Void) -> ActionCatalogError? {
        CatalogTests.load(change)
    }

    static var recordList: [String: Any] { ["name": "r", "capture": "interfaces",
                                            "argv": ["ec2", "describe-instances", "--instance-ids", "{resource}", "--query", "x"]] }

    @Test func aRepeatedStepLoadsAndSeesItsItemAndFields() {
        #expect(Self.load { document in
            document["record"] = [Self.recordList]
            document["steps"] = [["name": "swap", "forEach": "interfaces", "as": "eni", "when": "eni.id",
                                  "argv": ["ec2", "modify-network-interface-attribute", "--network-interface-id", "{eni.id}", "--groups", "{eni.groups...}"]]]
        } == nil)
    }

    @Test func mistakesInRepetitionCompensationAndDerivationAreRefusedWithTheField() {
        let swap: [String: Any] = ["name": "swap", "forEach": "interfaces", "as": "eni",
                                   "argv": ["ec2", "modify-network-interface-attribute", "--network-interface-id", "{eni.id}"]]
        let cases: [(String, String, (inout [String: Any]) -> Void)] = [
            ("steps[0].argv[3]", "unknown placeholder {eni.id}", { d in
                d["steps"] = [["name": "a", "argv": ["ec2", "modify-network-interface-attribute", "--network-interface-id", "{eni.id}"]]] }),
            ("steps[0].forEach", "'interfaces' is not captured by an earlier step", { d in d["steps"] = [swap] }),
            ("steps[0].batch", "cannot also batch", { d in
                d["record"] = [Self.recordList]; var step = swap; step["batch"] = true; d["steps"] = [step] }),
            ("steps[0].among", "'nowhere' is not captured by an earlier step", { d in
                d["record"] = [Self.recordList]; var step = swap; step["among"] = "nowhere"; d["steps"] = [step] }),
            ("steps[0].as", "only a step with forEach names an item", { d in
                d["steps"] = [["name": "a", "as": "eni", "argv": ["ec2", "stop-instances", "--instance-ids", "{resource}"]]] }),
            ("steps[0].report", "only an onFailure step reports", { d in
                d["steps"] = [["name": "a", "report": "did it", "argv": ["ec2", "stop-instances", "--instance-ids", "{resource}"]]] }),
            ("onFailure[0].argv[3]", "unknown placeholder {later}", { d in
                d["onFailure"] = [["name": "c", "argv": ["ec2", "stop-instances", "--instance-ids", "{later}"]]] }),
            ("record[1].derive.magic", "expected one of lowest-free-rule-numbers", { d in
                d["record"] = [Self.recordList, ["name": "d", "capture": "n", "derive": ["magic": [:]]]] }),
            ("record[1].argv", "calls nothing", { d in
                d["record"] = [Self.recordList, ["name": "d", "capture": "n", "argv": ["ec2", "x"],
                                                 "derive": ["lowest-free-rule-numbers": ["entries": "interfaces", "for": "interfaces"]]]] }),
            ("record[1].derive", "'cidrs' is not a parameter", { d in
                d["record"] = [Self.recordList, ["name": "d", "capture": "n",
                                                 "derive": ["lowest-free-rule-numbers": ["entries": "interfaces", "for": "cidrs"]]]] }),
            ("record[0].capture", "expected lowercase letters", { d in
                d["record"] = [["name": "r", "capture": "a.b", "argv": ["ec2", "describe-instances"]]] }),
        ]
        for (field, reason, change) in cases {
            let error = Self.load(change)
            #expect(error?.field == field && error?.reason.contains(reason) == true, "\(field): \(String(describing: error))")
        }
        // A read-only action has nothing a failure could leave half-done.
        let readOnly = Self.load { d in
            d["risk"] = "read-only"; d["undo"] = nil
            d["steps"] = [["name": "a", "argv": ["ec2", "describe-instances"]]]
            d["onFailure"] = [["name": "c", "argv": ["ec2", "describe-instances"]]]
        }
        #expect(readOnly?.field == "onFailure")
    }

    /// The plan of an undo (the interfaces are recorded) shows one call per
    /// interface with its own groups; the plan of a run (they are not yet)
    /// shows one templated call "for each".
    @Test func thePlanShowsOneCallPerKnownItemOrOneForEach() throws {
        let catalog = try ActionCatalog.load(locator: ActionCatalogLocator(searchDirectories: []))
        let definition = try catalog.action("ec2.isolate")
        let resource = PlannedResource(id: "i-0123456789abcdef0", cliID: "i-0123456789abcdef0", kind: .ec2Instance, region: "us-east-1")
        var values = TemplateValues()
        values.set("resource", string: resource.cliID)
        let planner = ActionPlanner(runner: AWSCLIRunner(configuration: AWSCLIConfiguration(region: "us-east-1", environment: [:])))
        var plan = ActionPlan(definition: definition, incident: IncidentID(rawValue: 1), runID: "run-2", resources: [resource],
                              parameters: [:], values: [resource.id: values], stages: [.record, .change, .verify], calls: [],
                              confirmationText: nil, undoes: nil)
        let templated = try planner.calls(for: plan).filter { $0.step == "swap-to-isolation-group" }
        #expect(templated.count == 1 && templated[0].item == nil && templated[0].condition == "for each eni of interfaces")
        #expect(templated[0].arguments.contains("{eni.id}") && !templated[0].complete)
        #expect(try planner.calls(for: plan).contains { $0.stage == .compensate && $0.condition?.hasPrefix("only if a change fails") == true })

        values.set("interfaces", json: #"[{"id": "eni-0aaaaaaaaaaaaaaaa", "groups": ["sg-01", "sg-02"]}, {"id": "eni-0bbbbbbbbbbbbbbbb", "groups": ["sg-03"]}]"#)
        values.set("isolation-group", string: "sg-0isolation")
        values.set("transition-group", string: "sg-0transition")
        plan.values[resource.id] = values
        plan.stages = [.undo]
        let restores = try planner.calls(for: plan).filter { $0.step == "restore-interface-groups" }
        #expect(restores.map(\.item) == ["eni-0aaaaaaaaaaaaaaaa", "eni-0bbbbbbbbbbbbbbbb"])
        #expect(restores.allSatisfy { $0.complete })
        #expect(Array(restores[0].arguments.prefix(6)) == ["ec2", "modify-network-interface-attribute", "--network-interface-id", "eni-0aaaaaaaaaaaaaaaa", "--groups", "sg-01"])
        #expect(restores[0].arguments[6] == "sg-02" && !restores[0].arguments.contains("sg-03"))
        #expect(Array(restores[1].arguments.prefix(5)).last == "--groups" && restores[1].arguments[5] == "sg-03")
        // Compensation is shown only where the changes are.
        #expect(!(try planner.calls(for: plan)).contains { $0.stage == .compensate })
    }

    @Test func lowestFreeRuleNumbersFillGapsBelowTheFirstAllowRule() throws {
        let entries: [[String: Any]] = [
            ["RuleNumber": 1, "RuleAction": "deny", "Egress": false], ["RuleNumber": 3, "RuleAction": "deny", "Egress": true],
            ["RuleNumber": 100, "RuleAction": "allow", "Egress": false], ["RuleNumber": 32767, "RuleAction": "deny", "Egress": false],
        ]
        let picked = try LowestFreeRuleNumbers.pick(entries: entries, for: ["198.51.100.0/24", "2001:db8::/32", "203.0.113.7/32"])
        #expect(picked.map { $0["rule"] as? Int } == [2, 4, 5])
        #expect(picked[0]["ipv4"] as? String == "198.51.100.0/24" && picked[0]["ipv6"] == nil)
        #expect(picked[1]["ipv6"] as? String == "2001:db8::/32" && picked[1]["ipv4"] == nil)
        #expect(picked[1]["id"] as? String == "4 2001:db8::/32")

        // Only rule 1 is free below an allow at 2: one CIDR fits, two do not.
        let tight: [[String: Any]] = [["RuleNumber": 2, "RuleAction": "allow", "Egress": true]]
        #expect(try LowestFreeRuleNumbers.pick(entries: tight, for: ["198.51.100.0/24"]).map { $0["rule"] as? Int } == [1])
        #expect(throws: StepDerivation.Failure.self) { try LowestFreeRuleNumbers.pick(entries: tight, for: ["198.51.100.0/24", "203.0.113.0/24"]) }
        // With no allow rule at all, numbers run up to 32766 and never reach the default rule.
        let full = (1...32765).map { ["RuleNumber": $0, "RuleAction": "deny"] as [String: Any] }
        #expect(try LowestFreeRuleNumbers.pick(entries: full, for: ["198.51.100.0/24"]).map { $0["rule"] as? Int } == [32766])
        #expect(throws: StepDerivation.Failure.self) { try LowestFreeRuleNumbers.pick(entries: full, for: ["198.51.100.0/24", "203.0.113.0/24"]) }
        #expect(throws: StepDerivation.Failure.self) { try LowestFreeRuleNumbers.pick(entries: nil, for: ["198.51.100.0/24"]) }
    }

    @Test func aRepetitionsKeyIsTheElementOrItsId() throws {
        let repetition = StepRepetition(list: "list", item: "x", among: "keep")
        var values = TemplateValues()
        values.set("list", json: #"[{"id": "a", "n": 1}, {"id": "b", "n": 2}, "c"]"#)
        values.set("keep", json: #"["b", "c"]"#)
        let elements = try repetition.elements(in: values)
        #expect(elements.map(\.key) == ["b", "c"])
        #expect(elements[0].values["x.n"] == "2" && elements[1].values["x"] == #""c""#)
        values.set("list", json: #"{"id": "a"}"#)
        #expect(throws: StepRepetition.Problem.notAList("list")) { try repetition.elements(in: values) }
        let other = StepRepetition(list: "other", item: "x")
        #expect(throws: StepRepetition.Problem.missing("other")) { try other.elements(in: values) }
    }
}
