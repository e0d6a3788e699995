import Foundation
import Testing

/// One action over several resources: calls the API takes many ids for are
/// batched, independent calls run concurrently, and one resource failing
/// does not stop the others.
@Suite("Batching and concurrency against moto", .motoServer)
struct BatchingTests {
    static func steps(_ run: [String: Any]) -> [[String: Any]] { run["steps"] as! [[String: Any]] }

    static func statuses(_ run: [String: Any]) -> [String: String] {
        (run["results"] as! [[String: Any]]).reduce(into: [:]) { $0[$1["resource"] as! String] = $1["status"] as? String }
    }

    @Test func oneTagCallForEveryInstanceAndTheOtherCallsConcurrently() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let instances = try drill.aws("ec2", "run-instances", "--image-id", "ami-12345678", "--count", "3", "--instance-type", "t2.micro",
                                      "--query", "Instances[].InstanceId").split(separator: "\t").map(String.init)
        for instance in instances { try drill.firebreakOK("resource", "add", "INC-1", instance, "--state", "compromised") }

        let plan = try drill.firebreakOK("action", "plan", "INC-1", "ec2.protect", instances[0], instances[1], instances[2])
        #expect(plan.components(separatedBy: "create-tags").count == 2, "the plan shows one create-tags call")

        let started = Date()
        try drill.firebreakOK(["action", "run", "INC-1", "ec2.protect", "--yes"] + instances)
        let wall = Date().timeIntervalSince(started)

        let run = try drill.run("run-1")
        let steps = Self.steps(run)
        let tags = steps.filter { $0["step"] as? String == "tag" }
        #expect(tags.count == 1)
        #expect(tags.first?["batch"] as? [String] == instances)
        #expect(instances.allSatisfy { ((tags.first?["argv"] as? [String]) ?? []).contains($0) })
        // Every other call is one per instance, each recorded with its own exact argv.
        for name in ["record-protection", "protect", "verify-protected"] {
            let calls = steps.filter { $0["step"] as? String == name }
            #expect(Set(calls.compactMap { $0["resource"] as? String }) == Set(instances), "\(name)")
            #expect(calls.allSatisfy { ($0["argv"] as? [String])?.contains($0["resource"] as! String) == true })
        }
        // Ten calls of ≈ 0.5 s each one after another would take longer than the whole run did.
        let serial = Double(steps.compactMap { $0["durationMs"] as? Int }.reduce(0, +)) / 1000
        #expect(serial > wall, "calls took \(serial) s in all but the run only \(wall) s: they overlapped")
        #expect(try drill.aws("ec2", "describe-instance-attribute", "--instance-id", instances[2], "--attribute", "disableApiTermination",
                              "--query", "DisableApiTermination.Value") == "True")
        #expect(Self.statuses(run) == Dictionary(uniqueKeysWithValues: instances.map { ($0, "succeeded") }))
    }

    @Test func oneStopForManyAndAMissingInstanceFailsAloneThenStartFallsBackOneByOne() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let instances = try drill.aws("ec2", "run-instances", "--image-id", "ami-12345678", "--count", "2", "--instance-type", "t2.micro",
                                      "--query", "Instances[].InstanceId").split(separator: "\t").map(String.init)
        let missing = "i-0000000000000dead"
        for instance in instances + [missing] { try drill.firebreakOK("resource", "add", "INC-1", instance, "--state", "compromised") }
        let stateQuery = ["ec2", "describe-instances", "--instance-ids"] + instances + ["--query", "Reservations[].Instances[].State.Name"]

        // The missing instance fails at its first read; the two others are stopped by one call.
        let stop = try drill.firebreak(["action", "run", "INC-1", "ec2.stop", "--yes", "--force"] + instances + [missing])
        #expect(stop.status != 0 && stop.stderr.contains("partial"))
        #expect(stop.stdout.contains("\(missing): failed"))
        #expect(try drill.aws(stateQuery) == "stopped\tstopped")
        let stopRun = try drill.run("run-1")
        #expect(stopRun["status"] as? String == "partial")
        #expect(Self.statuses(stopRun) == [instances[0]: "succeeded", instances[1]: "succeeded", missing: "failed"])
        let stops = Self.steps(stopRun).filter { $0["step"] as? String == "stop" }
        #expect(stops.count == 1)
        #expect(stops.first?["batch"] as? [String] == instances)
        #expect(Array((stops.first?["argv"] as? [String] ?? []).prefix(5)) == ["ec2", "stop-instances", "--instance-ids", instances[0], instances[1]])
        #expect(try drill.resourceState(instances[0]) == "contained")
        #expect(try drill.resourceState(missing) == "compromised")

        // Here the missing id makes the batched start fail; each is then started alone.
        let start = try drill.firebreak(["action", "run", "INC-1", "ec2.start", "--yes"] + instances + [missing])
        #expect(start.status != 0)
        #expect(try drill.aws(stateQuery) == "running\trunning")
        let startRun = try drill.run("run-2")
        #expect(Self.statuses(startRun) == [instances[0]: "succeeded", instances[1]: "succeeded", missing: "failed"])
        let starts = Self.steps(startRun).filter { $0["step"] as? String == "start" }
        #expect(starts.count == 4)
        #expect(starts.first?["batch"] as? [String] == instances + [missing])
        #expect(starts.first?["outcome"] as? String == "failed")
        let alone = starts.dropFirst()
        #expect(Set(alone.compactMap { $0["resource"] as? String }) == Set(instances + [missing]))
        #expect(alone.allSatisfy { $0["batch"] == nil || $0["batch"] is NSNull })
        #expect(alone.filter { $0["outcome"] as? String == "succeeded" }.count == 2)
        let waits = Self.steps(startRun).filter { $0["step"] as? String == "wait-running" }
        #expect(waits.count == 1 && waits.first?["batch"] as? [String] == instances)
        #expect(try drill.resourceState(instances[1]) == "recovered")
    }
}
