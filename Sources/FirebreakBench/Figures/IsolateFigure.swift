import Foundation

/// `firebreak action run INC ec2.isolate` on many instances at once against on
/// one, through the real binary and the real `aws` CLI against the emulator;
/// fresh instances for every run (isolation changes them).
///
/// The instances of a run are in one VPC of their own, as the instances of
/// an incident usually are: they share the two groups `ec2.isolate` makes
/// once per VPC (docs/BENCHMARKS.md).
enum IsolateFigure {
    static func measure(_ workspace: BenchWorkspace, _ options: BenchOptions, emulator: Emulator) throws -> Figure {
        let database = workspace.path("isolate.db")
        let id = try IncidentFixture.build(workspace, database: database, title: "isolate", events: 1)
        var many = Samples(), one = Samples()
        var launched = 0
        for _ in 1...options.isolateRepetitions {
            for count in [1, options.isolateMany] {
                launched += 1
                let vpc = try emulator.call(["ec2", "create-vpc", "--cidr-block", "10.\(launched).0.0/16", "--query", "Vpc.VpcId"])
                let subnet = try emulator.call(["ec2", "create-subnet", "--vpc-id", vpc, "--cidr-block", "10.\(launched).1.0/24",
                                                "--query", "Subnet.SubnetId"])
                let instances = try emulator.call(["ec2", "run-instances", "--image-id", "ami-12345678", "--count", String(count),
                                                   "--instance-type", "t2.micro", "--subnet-id", subnet, "--query", "Instances[].InstanceId"])
                    .split(whereSeparator: \.isWhitespace).map(String.init)
                guard instances.count == count else { throw BenchError("the emulator launched \(instances.count) instances, not \(count)") }
                for instance in instances {
                    try workspace.firebreak(["resource", "add", id.description, instance, "--state", "compromised", "--region", "us-east-1"],
                                            database: database)
                }
                let environment = workspace.environment(database: database).merging(emulator.environment) { $1 }
                let output = workspace.path("isolate-output.txt")
                let run = try ChildProcess.run(workspace.firebreak, ["action", "run", id.description, "ec2.isolate"] + instances
                                                + ["--yes", "--param", "management-cidr=203.0.113.7/32"],
                                               environment: environment, stdout: output, stderr: workspace.path("isolate-error.txt"))
                let printed = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
                guard run.status == 0, printed.contains("succeeded") else {
                    let problem = (try? String(contentsOfFile: workspace.path("isolate-error.txt"), encoding: .utf8)) ?? ""
                    throw BenchError("isolating \(count) instance(s) failed (exit \(run.status)): \(problem.split(separator: "\n").last ?? "")")
                }
                if count == 1 { one.add(run.seconds * 1000) } else { many.add(run.seconds * 1000) }
            }
        }
        let value = many.median
        return Figure(name: "isolating \(options.isolateMany) instances vs 1", value: value, unit: "ms", baseline: one.median,
                      baselineLabel: "isolating 1", target: "≤ 2×", met: value <= 2 * one.median, samples: many.count,
                      note: "firebreak action run … ec2.isolate, real aws CLI against moto_server, the instances of a run in one VPC")
    }
}
