import Foundation
import Testing

/// The failure window of `ec2.isolate`: whichever changing call fails, no
/// network interface is left on the allow-everything transition group. A
/// stand-in `aws` passes every call through to the real CLI against moto but
/// fails the Nth changing call (a throttling error, as AWS gives one), for
/// every N of the isolation of an instance with two interfaces; moto is read
/// back afterwards.
@Suite("ec2.isolate never leaves the transition group attached", .motoServer)
struct IsolationFailureWindowTests {
    /// The changing calls a whole isolation of a two-interface instance makes:
    /// two groups made and configured (6 with the tag), then 2 + 2 swaps.
    static let changingCalls = 10

    /// A stand-in `aws`: reads pass through; changing calls are counted (one
    /// line each in `log`) and the `failAt`th fails without reaching moto.
    /// With `isolationRefused`, every later swap onto the isolation group
    /// fails too, so compensation has to fall back to the original groups.
    final class FailingCLI {
        let fake: FakeCLI
        var path: String { fake.path }
        let log: String

        init(failAt: Int, isolationRefused: Bool = false) throws {
            let real = try #require(Drill.awsPath, "aws is not installed (run scripts/setup)")
            let holder = try FakeCLI(script: "")
            log = holder.folder.appendingPathComponent("changes.log").path
            let isolationFile = holder.folder.appendingPathComponent("isolation-group").path
            let script = holder.folder.appendingPathComponent("standin.py").path
            try """
            import fcntl, os, subprocess, sys
            args = sys.argv[1:]
            operation = args[1] if len(args) > 1 else ""
            if operation.startswith(("describe-", "get-", "list-")):
                os.execv(\(IsolationFailureWindowTests.pythonString(real)), [\(IsolationFailureWindowTests.pythonString(real))] + args)
            with open(\(IsolationFailureWindowTests.pythonString(log)), "a+") as counter:
                fcntl.flock(counter, fcntl.LOCK_EX)
                counter.seek(0)
                number = len(counter.read().splitlines()) + 1
                counter.write(operation + "\\n")
            def refuse():
                sys.stderr.write("\\nAn error occurred (RequestLimitExceeded) when calling the %s operation: Request limit exceeded.\\n" % operation)
                sys.exit(255)
            if number == \(failAt):
                refuse()
            if \(isolationRefused ? "True" : "False") and number > \(failAt) and operation == "modify-network-interface-attribute":
                groups = args[args.index("--groups") + 1] if "--groups" in args else ""
                if os.path.exists(\(IsolationFailureWindowTests.pythonString(isolationFile))) and open(\(IsolationFailureWindowTests.pythonString(isolationFile))).read().strip().strip('"') == groups:
                    refuse()
            if operation == "create-security-group" and any("isolation-group" in a for a in args):
                done = subprocess.run([\(IsolationFailureWindowTests.pythonString(real))] + args, capture_output=True, text=True)
                sys.stdout.write(done.stdout)
                sys.stderr.write(done.stderr)
                if done.returncode == 0:
                    open(\(IsolationFailureWindowTests.pythonString(isolationFile)), "w").write(done.stdout)
                sys.exit(done.returncode)
            os.execv(\(IsolationFailureWindowTests.pythonString(real)), [\(IsolationFailureWindowTests.pythonString(real))] + args)
            """.write(toFile: script, atomically: true, encoding: .utf8)
            try ("#!/bin/sh\nexec python3 '\(script)' \"$@\"\n").write(toFile: holder.path, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: holder.path)
            fake = holder
        }

        /// The changing operations the stand-in saw, in order.
        var changes: [String] {
            ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
        }
    }

    static func pythonString(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    }

    /// Every security group name of each of the instance's interfaces.
    static func groupNames(_ drill: Drill, _ instance: String) throws -> [String] {
        try drill.aws("ec2", "describe-network-interfaces", "--filters", "Name=attachment.instance-id,Values=\(instance)",
                      "--query", "NetworkInterfaces[].Groups[].GroupName").split(whereSeparator: \.isWhitespace).map(String.init)
    }

    /// The count the range below relies on: a whole isolation through the
    /// stand-in, failing nothing, makes exactly `changingCalls` changing calls.
    @Test func aWholeIsolationMakesTenChangingCalls() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let (instance, _) = try drill.seedInstance(interfaces: 2, ownVPC: true)
        try drill.firebreakOK("resource", "add", "INC-1", instance, "--state", "compromised")
        let cli = try FailingCLI(failAt: 0)
        let output = try drill.firebreakOK("action", "run", "INC-1", "ec2.isolate", instance, "--yes", "--aws-cli", cli.path)
        #expect(output.contains("run-1: succeeded"), "\(output)")
        #expect(cli.changes.count == Self.changingCalls, "\(cli.changes)")
        #expect(cli.changes.suffix(4) == Array(repeating: "modify-network-interface-attribute", count: 4))
    }

    /// Whichever changing call fails, the transition group is on no interface
    /// afterwards; every interface is on the isolation group or on its own
    /// original groups; the compensation is recorded step by step; and the
    /// run's error says in one line what was done.
    @Test(arguments: 1...IsolationFailureWindowTests.changingCalls)
    func failingTheNthChangingCallLeavesNoInterfaceOnTheTransitionGroup(failAt: Int) throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let (instance, interfaces) = try drill.seedInstance(interfaces: 2, ownVPC: true)
        try drill.firebreakOK("resource", "add", "INC-1", instance, "--state", "compromised")
        let cli = try FailingCLI(failAt: failAt)
        let result = try drill.firebreak("action", "run", "INC-1", "ec2.isolate", instance, "--yes", "--aws-cli", cli.path)
        #expect(result.status != 0, "call \(failAt) failed yet the run succeeded")

        let names = try Self.groupNames(drill, instance)
        #expect(!names.contains { $0.contains("transition") }, "call \(failAt): an interface is still on \(names)")
        let recorded = try drill.recorded("run-1", instance)
        let isolation = recorded["isolation-group"] as? String
        for (eni, groups) in try drill.interfaceGroups(instance) {
            let own = interfaces.first { $0.id == eni }!.group
            #expect(groups == [own] || (isolation != nil && groups == [isolation!]), "call \(failAt): \(eni) is on \(groups)")
        }

        let run = try drill.run("run-1")
        #expect(run["status"] as? String == "failed")
        let error = try #require(run["error"] as? String)
        #expect(!error.contains("\n"))
        #expect(error.contains("RequestLimitExceeded") && error.contains("compensation: "), "\(error)")
        let steps = run["steps"] as! [[String: Any]]
        let compensation = steps.filter { $0["stage"] as? String == "compensate" }
        if recorded["transition-group"] != nil {
            // The check that closes compensation read moto and found the group on no interface.
            #expect(error.contains("no interface carries the transition group"), "\(error)")
            #expect(compensation.contains { $0["step"] as? String == "check-transition-group-detached" && $0["outcome"] as? String == "succeeded" })
        }
        // Each swap compensation made is recorded with the interface it moved.
        for step in compensation where (step["step"] as? String)?.hasPrefix("exposed-to") == true {
            #expect(interfaces.map(\.id).contains(step["item"] as? String ?? ""))
            #expect(error.contains("\(step["item"] as! String)"))
        }
        #expect(try drill.resourceState(instance) == "compromised")
    }

    /// When the isolation group cannot be used either, every interface left
    /// on the transition group goes back on its own original groups, and the
    /// error says so.
    @Test(arguments: [9, 10])
    func whenTheIsolationGroupIsRefusedTooInterfacesGoBackOnTheirOwnGroups(failAt: Int) throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let (instance, interfaces) = try drill.seedInstance(interfaces: 2, ownVPC: true)
        try drill.firebreakOK("resource", "add", "INC-1", instance, "--state", "compromised")
        let cli = try FailingCLI(failAt: failAt, isolationRefused: true)
        let result = try drill.firebreak("action", "run", "INC-1", "ec2.isolate", instance, "--yes", "--aws-cli", cli.path)
        #expect(result.status != 0)

        #expect(!(try Self.groupNames(drill, instance)).contains { $0.contains("transition") })
        let groups = try drill.interfaceGroups(instance)
        let isolation = try #require(try drill.recorded("run-1", instance)["isolation-group"] as? String)
        for (eni, own) in interfaces {
            #expect(groups[eni] == [own] || groups[eni] == [isolation], "\(eni) is on \(groups[eni] ?? [])")
        }
        // At least the interface whose isolation swap failed went back on its own groups.
        #expect(groups.values.contains { $0 != [isolation] })
        let error = try #require(try drill.run("run-1")["error"] as? String)
        #expect(error.contains("put back on their own original groups") && error.contains("no interface carries the transition group"), "\(error)")
        #expect(result.stderr.split(separator: "\n").filter { $0.contains("compensation") }.count == 1, "\(result.stderr)")
    }
}
