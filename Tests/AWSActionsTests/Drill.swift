import Foundation
import Testing
import FirebreakTestSupport

/// One test's world: a fresh database, an incident, the moto server, and ways
/// to call `aws` (to seed and read back) and `firebreak` (the real binary).
struct Drill {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    let folder: URL
    let server: MotoServer
    var database: String { folder.appendingPathComponent("firebreak.db").path }

    init() throws {
        server = try #require(MotoServer.current, "this suite needs the .motoServer trait")
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("firebreak-actions-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("config"), withIntermediateDirectories: true)
        try firebreakOK("open", "--title", "drill", "--region", "us-east-1")
    }

    func cleanUp() { try? FileManager.default.removeItem(at: folder) }

    static let binary: URL = {
        var folder = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent("firebreak")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        fatalError("the firebreak binary was not found near the test bundle")
    }()

    static func run(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("fb-out-\(UUID().uuidString)")
        let err = FileManager.default.temporaryDirectory.appendingPathComponent("fb-err-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: out); try? FileManager.default.removeItem(at: err) }
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: try String(contentsOf: out, encoding: .utf8),
                      stderr: try String(contentsOf: err, encoding: .utf8))
    }

    var environment: [String: String] {
        var environment = server.environment
        environment["FIREBREAK_DB"] = database
        environment["FIREBREAK_OPERATOR"] = "tester"
        environment["XDG_CONFIG_HOME"] = folder.appendingPathComponent("config").path
        environment["FIREBREAK_ACTIONS"] = nil
        return environment
    }

    @discardableResult
    func firebreak(_ arguments: String..., extra: [String: String] = [:]) throws -> Result {
        try Self.run(Self.binary.path, arguments, environment: environment.merging(extra) { $1 })
    }

    @discardableResult
    func firebreak(_ arguments: [String]) throws -> Result {
        try Self.run(Self.binary.path, arguments, environment: environment)
    }

    @discardableResult
    func firebreakOK(_ arguments: String..., extra: [String: String] = [:]) throws -> String {
        try firebreakOK(arguments, extra: extra)
    }

    @discardableResult
    func firebreakOK(_ arguments: [String], extra: [String: String] = [:]) throws -> String {
        let result = try Self.run(Self.binary.path, arguments, environment: environment.merging(extra) { $1 })
        guard result.status == 0 else {
            throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "firebreak \(arguments.joined(separator: " ")) exited \(result.status): \(result.stderr)"])
        }
        return result.stdout
    }

    /// The incident as `show --json` prints it.
    func incident() throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(firebreakOK("show", "INC-1", "--json").utf8)) as! [String: Any]
    }

    func run(_ id: String) throws -> [String: Any] {
        let runs = try incident()["actionRuns"] as! [[String: Any]]
        return try #require(runs.first { $0["runId"] as? String == id })
    }

    func resourceState(_ id: String) throws -> String? {
        let resources = try incident()["resources"] as! [[String: Any]]
        return resources.first { $0["id"] as? String == id }?["state"] as? String
    }

    func checklistState(_ item: String) throws -> String? {
        let items = try incident()["checklist"] as! [[String: Any]]
        return items.first { $0["id"] as? String == item }?["state"] as? String
    }

    /// What a run recorded for one resource (its captures), as JSON values.
    func recorded(_ run: String, _ resource: String) throws -> [String: Any] {
        let results = try self.run(run)["results"] as! [[String: Any]]
        return try #require(results.first { $0["resource"] as? String == resource }?["recorded"] as? [String: Any])
    }

    /// A real `aws` call against moto (seeding and reading back), trimmed stdout; throws on failure.
    @discardableResult
    func aws(_ arguments: String...) throws -> String {
        try aws(arguments)
    }

    @discardableResult
    func aws(_ arguments: [String]) throws -> String {
        let result = try TestAWSCLI.run(arguments + ["--output", "text"], environment: server.environment)
        guard result.status == 0 else {
            throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "aws \(arguments.joined(separator: " ")): \(result.stderr)"])
        }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static let awsPath: String? = {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let candidate = "\(directory)/aws"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }()

    /// A running instance with `interfaces` network interfaces, each on a
    /// security group of its own, in a new VPC (`ownVPC`: security group names
    /// are unique per VPC, so runs of the same incident and run id can share
    /// moto) or the default one. Launched with `--network-interfaces`, the one
    /// form whose per-interface groups moto reports as AWS does.
    /// Returns the instance and, per interface in device order, (id, group).
    func seedInstance(interfaces: Int, ownVPC: Bool = false) throws -> (instance: String, interfaces: [(id: String, group: String)]) {
        let vpc: String, subnet: String
        if ownVPC {
            let octet = Int.random(in: 1...250)
            vpc = try aws("ec2", "create-vpc", "--cidr-block", "10.\(octet).0.0/16", "--query", "Vpc.VpcId")
            subnet = try aws("ec2", "create-subnet", "--vpc-id", vpc, "--cidr-block", "10.\(octet).1.0/24", "--query", "Subnet.SubnetId")
        } else {
            vpc = try aws("ec2", "describe-vpcs", "--filters", "Name=is-default,Values=true", "--query", "Vpcs[0].VpcId")
            subnet = try aws("ec2", "describe-subnets", "--filters", "Name=vpc-id,Values=\(vpc)", "--query", "Subnets[0].SubnetId")
        }
        var groups: [String] = []
        for index in 0..<interfaces {
            groups.append(try aws("ec2", "create-security-group", "--group-name", "eni\(index)-\(UUID().uuidString.prefix(8))", "--description", "web",
                                  "--vpc-id", vpc, "--query", "GroupId"))
        }
        let specifications = groups.enumerated().map { "DeviceIndex=\($0.offset),SubnetId=\(subnet),Groups=\($0.element)" }
        let instance = try aws(["ec2", "run-instances", "--image-id", "ami-12345678", "--count", "1", "--instance-type", "t2.micro",
                                "--network-interfaces"] + specifications + ["--query", "Instances[0].InstanceId"])
        var found: [(id: String, group: String)] = []
        for (index, group) in groups.enumerated() {
            let id = try aws("ec2", "describe-instances", "--instance-ids", instance, "--query",
                             "Reservations[0].Instances[0].NetworkInterfaces[?Attachment.DeviceIndex==`\(index)`] | [0].NetworkInterfaceId")
            found.append((id, group))
        }
        return (instance, found)
    }

    /// `count` running instances in one new VPC, each with one interface on a security group of its own;
    /// returns the VPC and the instances.
    func seedInstancesSharingAVPC(_ count: Int) throws -> (vpc: String, instances: [String]) {
        let octet = Int.random(in: 1...250)
        let vpc = try aws("ec2", "create-vpc", "--cidr-block", "10.\(octet).0.0/16", "--query", "Vpc.VpcId")
        let subnet = try aws("ec2", "create-subnet", "--vpc-id", vpc, "--cidr-block", "10.\(octet).1.0/24", "--query", "Subnet.SubnetId")
        var instances: [String] = []
        for _ in 0..<count {
            let group = try aws("ec2", "create-security-group", "--group-name", "web-\(UUID().uuidString.prefix(8))", "--description", "web",
                                "--vpc-id", vpc, "--query", "GroupId")
            instances.append(try aws("ec2", "run-instances", "--image-id", "ami-12345678", "--count", "1", "--instance-type", "t2.micro",
                                     "--network-interfaces", "DeviceIndex=0,SubnetId=\(subnet),Groups=\(group)", "--query", "Instances[0].InstanceId"))
        }
        return (vpc, instances)
    }

    /// The security groups of each network interface attached to `instance`, read from the interfaces (never the instance's own list).
    func interfaceGroups(_ instance: String) throws -> [String: [String]] {
        let text = try aws("ec2", "describe-network-interfaces", "--filters", "Name=attachment.instance-id,Values=\(instance)",
                           "--query", "NetworkInterfaces[].[NetworkInterfaceId, join(',', Groups[].GroupId)]")
        var groups: [String: [String]] = [:]
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: "\t").map(String.init)
            guard let id = fields.first else { continue }
            groups[id] = fields.count > 1 ? fields[1].split(separator: ",").map(String.init).sorted() : []
        }
        return groups
    }

    /// A running instance in the default VPC with its own security group; returns (instance, group).
    func seedInstance() throws -> (instance: String, group: String) {
        let vpc = try aws("ec2", "describe-vpcs", "--query", "Vpcs[0].VpcId")
        let group = try aws("ec2", "create-security-group", "--group-name", "web-\(UUID().uuidString.prefix(8))", "--description", "web",
                            "--vpc-id", vpc, "--query", "GroupId")
        let instance = try aws("ec2", "run-instances", "--image-id", "ami-12345678", "--count", "1", "--instance-type", "t2.micro",
                               "--security-group-ids", group, "--query", "Instances[0].InstanceId")
        return (instance, group)
    }
}
