import Foundation
import Testing
@testable import AWSActions

/// The two step forms that let one call serve many resources: `shareBy`
/// (resources of one VPC share what the step makes) and `keyed` (one batched
/// answer read per resource or per item). What the loader refuses, and what
/// the executor reads from an answer.
@Suite("Shared and keyed steps")
struct SharedAndKeyedStepTests {
    static var record: [String: Any] { ["name": "record-vpc", "capture": "vpc", "batch": true, "keyed": true,
                                        "argv": ["ec2", "describe-instances", "--instance-ids", "{resource}", "--query", "Reservations[].Instances[].[InstanceId, VpcId]"]] }

    static func load(_ change: (inout [String: Any]) -> Void) -> ActionCatalogError? {
        CatalogTests.load { document in
            document["record"] = [Self.record]
            change(&document)
        }
    }

    @Test func theBuiltInIsolationSharesItsGroupsAndKeysItsReads() throws {
        let isolate = try ActionCatalog.load(locator: ActionCatalogLocator(searchDirectories: [])).action("ec2.isolate")
        let shared = isolate.steps.filter { $0.shareBy == "vpc" }.map(\.name)
        #expect(shared.contains("create-isolation-group") && shared.contains("create-transition-group"))
        #expect(isolate.record.allSatisfy { $0.batch && $0.keyed })
        #expect(isolate.verify.first?.keyed == true)
    }

    @Test func aKeyedStepLoadsAndMistakesAreRefusedWithTheField() {
        #expect(Self.load { _ in } == nil)
        let cases: [(String, String, (inout [String: Any]) -> Void)] = [
            ("record[0].keyed", "keyed reads each resource's or item's value from one batched answer; it goes with batch", { d in
                var step = Self.record; step["batch"] = nil; d["record"] = [step] }),
            ("steps[0].shareBy", "unknown placeholder 'subnet'", { d in
                d["steps"] = [["name": "a", "shareBy": "subnet", "argv": ["ec2", "create-security-group", "--group-name", "{step-name}"]]] }),
            ("steps[0].shareBy", "a shared step is one plain call per group of resources; it cannot also batch, repeat, wait, keep evidence or derive", { d in
                d["steps"] = [["name": "a", "shareBy": "vpc", "batch": true, "argv": ["ec2", "create-tags", "--resources", "{resource}"]]] }),
        ]
        for (field, reason, change) in cases {
            #expect(Self.load(change) == ActionCatalogError(file: "bad.json", field: field, reason: reason), "\(field)")
        }
    }

    @Test func aKeyedAnswerIsReadByIdAndAnyOtherShapeGivesNothing() {
        let answer: [Any] = [["i-1", "vpc-a"], ["i-2", ["eni-1"]], ["bad"], "noise"]
        let read = ActionExecutor.answerByKey(answer)
        #expect(read["i-1"] as? String == "vpc-a")
        #expect(read["i-2"] as? [String] == ["eni-1"])
        #expect(read.count == 2)
        #expect(ActionExecutor.answerByKey(["not": "a list"]).isEmpty)
    }
}
