import Foundation
import IncidentModel
import Testing

/// Undoing one resource of a run at a time (`action undo --resource`), against
/// moto: one instance of a VPC gets its own groups back while the VPC's
/// shared isolation group stays for the other, still isolated; the plan says
/// so; the same instance again is refused; the rest of the run is undone
/// later and only then are the shared groups deleted. (In the batching suite: its moto server.)
extension BatchingTests {
    @Test func oneInstanceOfAMultiInstanceIsolationIsUndoneAloneAndTheSharedGroupGoesWithTheLast() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        // a and b in one VPC, c in a VPC of its own.
        let (vpc, shared) = try drill.seedInstancesSharingAVPC(2)
        let (a, b) = (shared[0], shared[1])
        let c = try drill.seedInstance(interfaces: 1, ownVPC: true).instance
        var before: [String: [String: [String]]] = [:]
        for instance in [a, b, c] {
            try drill.firebreakOK("resource", "add", "INC-1", instance, "--state", "compromised")
            before[instance] = try drill.interfaceGroups(instance)
        }
        let isolated = try drill.firebreakOK("action", "run", "INC-1", "ec2.isolate", a, b, c, "--yes")
        #expect(isolated.contains("run-1: succeeded"), "\(isolated)")
        let isolation = try #require(try drill.recorded("run-1", a)["isolation-group"] as? String)
        let transition = try #require(try drill.recorded("run-1", a)["transition-group"] as? String)
        let ownIsolation = try #require(try drill.recorded("run-1", c)["isolation-group"] as? String)
        #expect(try drill.recorded("run-1", b)["isolation-group"] as? String == isolation)

        // a alone: its interface back on its own group; b still isolated, the VPC's groups kept, and the plan says why.
        let first = try drill.firebreakOK("action", "undo", "INC-1", "run-1", "--resource", a, "--yes")
        #expect(first.contains("kept, \(a): delete-isolation-group, since the isolation group stays: \(b) in the same vpc \(vpc) is still contained"),
                "\(first)")
        #expect(first.contains("kept, \(a): delete-transition-group, since the transition group stays: \(b)"), "\(first)")
        #expect(first.contains("run-2: succeeded"), "\(first)")
        #expect(try drill.interfaceGroups(a) == before[a])
        #expect(try drill.interfaceGroups(b).values.allSatisfy { $0 == [isolation] })
        #expect(try drill.interfaceGroups(c).values.allSatisfy { $0 == [ownIsolation] })
        for group in [isolation, transition] {
            #expect(try drill.aws("ec2", "describe-security-groups", "--group-ids", group, "--query", "SecurityGroups[0].GroupId") == group)
        }
        let undo = try drill.run("run-2")
        #expect(undo["resources"] as? [String] == [a])
        let steps = undo["steps"] as! [[String: Any]]
        let kept = steps.filter { $0["step"] as? String == "delete-isolation-group" }
        #expect(kept.count == 1 && kept.first?["outcome"] as? String == "skipped" && (kept.first?["argv"] as? [String])?.isEmpty == true)
        #expect((kept.first?["error"] as? String)?.hasPrefix("kept: the isolation group stays: \(b)") == true)
        let original = try drill.run("run-1")
        #expect(original["undoneResources"] as? [String: String] == [a: "run-2"])
        #expect(original["undoneBy"] is NSNull)
        #expect(try drill.resourceState(a) == "recovered" && drill.resourceState(b) == "contained")

        // a again: refused in one line, nothing recorded.
        let again = try drill.firebreak("action", "undo", "INC-1", "run-1", "--resource", a, "--yes")
        #expect(again.status != 0)
        #expect(again.stderr.split(separator: "\n").count == 1 && again.stderr.contains("\(a) of run-1 was already undone by run-2"), "\(again.stderr)")
        #expect((try drill.incident()["actionRuns"] as! [[String: Any]]).count == 2)

        // c alone: the last of its VPC, so its own groups go with it; a verification checks only b now.
        let third = try drill.firebreakOK("action", "undo", "INC-1", "run-1", "--resource", c, "--yes")
        #expect(!third.contains("kept,"), "\(third)")
        #expect(try drill.interfaceGroups(c) == before[c])
        #expect(throws: (any Error).self) { try drill.aws("ec2", "describe-security-groups", "--group-ids", ownIsolation) }
        // (Whether the traffic since could be checked is not this test's: only which resources were read back.)
        let verified = try drill.firebreak("action", "verify", "INC-1", "--json").stdout
        let checked = try #require(try JSONSerialization.jsonObject(with: Data(verified.utf8)) as? [String: Any])
        #expect(Set(((checked["checks"] as? [[String: Any]]) ?? []).compactMap { $0["resource"] as? String }) == [b], "\(verified)")

        // The rest (no --resource): only b, and the shared groups are deleted now.
        let rest = try drill.firebreakOK("action", "undo", "INC-1", "run-1", "--yes")
        #expect(!rest.contains("kept,"), "\(rest)")
        let last = try drill.run("run-5")
        #expect(last["resources"] as? [String] == [b] && last["undoes"] as? String == "run-1")
        #expect(try drill.interfaceGroups(b) == before[b])
        for group in [isolation, transition] {
            #expect(throws: (any Error).self) { try drill.aws("ec2", "describe-security-groups", "--group-ids", group) }
        }
        #expect(try drill.run("run-1")["undoneBy"] as? String == "run-5")
        let whole = try drill.firebreak("action", "undo", "INC-1", "run-1", "--yes")
        #expect(whole.status != 0 && whole.stderr.contains("run-1 was already undone by run-5"), "\(whole.stderr)")
    }
}
