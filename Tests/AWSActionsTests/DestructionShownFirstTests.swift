import AWSActions
@testable import FirebreakCLI
import FirebreakTestSupport
import Foundation
import IncidentModel
import IncidentStore
import Testing

/// What a destructive or cutting action shows before anyone confirms, and what
/// it refuses: s3.delete-spilled counts versions, delete markers and bytes,
/// names them in the text to type, refuses Object Lock and copies to an
/// evidence bucket first; ec2.stop wants a completed snapshot of every volume;
/// ebs.delete-snapshot keeps this incident's evidence; ec2.quarantine-subnet
/// names every network interface it cuts off. All against moto through the
/// real CLI, read back.
@Suite("Destruction shown before it is confirmed", .motoServer)
struct DestructionShownFirstTests {
    /// Writes `text` to a file and puts it as `key`; returns its size in bytes.
    @discardableResult
    func put(_ drill: Drill, _ bucket: String, _ key: String, _ text: String) throws -> Int {
        let body = drill.folder.appendingPathComponent("body-\(UUID().uuidString)").path
        try text.write(toFile: body, atomically: true, encoding: .utf8)
        try drill.aws("s3api", "put-object", "--bucket", bucket, "--key", key, "--body", body)
        return text.utf8.count
    }

    func versionedBucket(_ drill: Drill, _ name: String = "spill") throws -> String {
        let bucket = "\(name)-\(UUID().uuidString.prefix(8).lowercased())"
        try drill.aws("s3api", "create-bucket", "--bucket", bucket)
        try drill.aws("s3api", "put-bucket-versioning", "--bucket", bucket, "--versioning-configuration", "Status=Enabled")
        return bucket
    }

    /// Versions and delete markers under `prefix`, counted here: the CLI's text output applies a query per page.
    func entries(_ drill: Drill, _ bucket: String, _ prefix: String) throws -> Int {
        try drill.aws("s3api", "list-object-versions", "--bucket", bucket, "--prefix", prefix, "--query",
                      "[Versions[].VersionId, DeleteMarkers[].VersionId][]")
            .split(whereSeparator: \.isWhitespace).filter { $0 != "None" }.count
    }

    /// When the preview cannot list what would be deleted, the text to type still reads `{summary.count}`:
    /// typing that literally must not start a destruction nobody has seen counted.
    @Test func aDeleteWhosePreviewCouldNotCountCannotBeConfirmed() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let bucket = "never-made-\(UUID().uuidString.prefix(8).lowercased())"
        try drill.firebreakOK("resource", "add", "INC-1", bucket, "--kind", "s3-bucket", "--state", "compromised")
        let plan = try drill.firebreakOK("action", "plan", "INC-1", "s3.delete-spilled", bucket, "--param", "prefix=exports/")
        #expect(plan.contains("{summary.count}"), "\(plan)")
        let before = try drill.firebreakOK("events", "INC-1", "--json")
        let run = try drill.firebreak("action", "run", "INC-1", "s3.delete-spilled", bucket, "--yes", "--param", "prefix=exports/",
                                      "--confirm", "delete {summary.count} versions and delete markers in {summary.location}")
        #expect(run.status != 0 && run.stderr.contains("cannot be confirmed"), "\(run.stderr)")
        #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
        #expect(try drill.firebreakOK("events", "INC-1", "--json") == before, "nothing may be recorded")
    }

    @Test func theDeletePlanCountsEveryVersionMarkerAndByteUnderThePrefixAndTheTextToTypeNamesThem() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let bucket = try versionedBucket(drill)
        var bytes = 0
        bytes += try put(drill, bucket, "exports/a.csv", "id,name\n1,alice\n")
        bytes += try put(drill, bucket, "exports/a.csv", "id,name\n1,alice\n2,bob\n")
        bytes += try put(drill, bucket, "exports/b.csv", "card\n4111\n")
        try drill.aws("s3api", "delete-object", "--bucket", bucket, "--key", "exports/b.csv")
        bytes += try put(drill, bucket, "exports/c.csv", "ssn\n078-05-1120\n")
        try drill.aws("s3api", "delete-object", "--bucket", bucket, "--key", "exports/c.csv")
        // Outside the prefix: another key, and one that only starts the same way.
        try put(drill, bucket, "keep/c.csv", "keep me")
        try put(drill, bucket, "exports-old/d.csv", "keep me too")
        try drill.firebreakOK("resource", "add", "INC-1", bucket, "--kind", "s3-bucket", "--state", "compromised")
        #expect(try entries(drill, bucket, "exports/") == 6)

        let plan = try drill.firebreakOK("action", "plan", "INC-1", "s3.delete-spilled", bucket, "--param", "prefix=exports/")
        #expect(plan.contains("\(bucket)/exports/: 4 versions (\(bytes) bytes) and 2 delete markers, 6 in all, are deleted for good"), "\(plan)")
        let text = "delete 6 versions and delete markers in \(bucket)/exports/"
        #expect(plan.contains("--confirm '\(text)'"))
        let json = try JSONSerialization.jsonObject(with: Data(drill.firebreakOK(
            "action", "plan", "INC-1", "s3.delete-spilled", bucket, "--param", "prefix=exports/", "--json").utf8)) as! [String: Any]
        #expect(json["confirm"] as? String == text)

        // The console's plan overlay is built from the same plan: the same counts and the same text.
        let runner = AWSCLIRunner(configuration: AWSCLIConfiguration(executable: try #require(Drill.awsPath), region: "us-east-1",
                                                                     environment: drill.server.environment))
        let service = CatalogActionService(catalog: try ActionCatalog.load(locator: ActionCatalogLocator(searchDirectories: [])), runner: runner)
        let state = try SQLiteIncidentStore(path: drill.database).state(of: IncidentID(rawValue: 1))
        let overlay = try service.preview(action: "s3.delete-spilled", resources: [bucket], parameters: ["prefix": "exports/"], in: state)
        #expect(overlay.confirmationText == text)
        #expect(overlay.lines.contains { $0.contains("4 versions (\(bytes) bytes) and 2 delete markers, 6 in all") }, "\(overlay.lines)")

        // The old text, which named no count, no longer runs anything.
        let old = try drill.firebreak("action", "run", "INC-1", "s3.delete-spilled", bucket, "--yes", "--param", "prefix=exports/",
                                      "--confirm", "delete every version in \(bucket)")
        #expect(old.status != 0 && old.stderr.contains("--confirm '\(text)'"))
        #expect(try entries(drill, bucket, "exports/") == 6)

        try drill.firebreakOK("action", "run", "INC-1", "s3.delete-spilled", bucket, "--yes", "--param", "prefix=exports/", "--confirm", text)
        #expect(try entries(drill, bucket, "exports/") == 0)
        #expect(try entries(drill, bucket, "keep/") == 1)
        #expect(try entries(drill, bucket, "exports-old/") == 1)
        let summary = try #require(drill.recorded("run-1", bucket)["summary"] as? [String: Any])
        #expect(summary["count"] as? Int == 6 && summary["bytes"] as? Int == bytes)
    }

    /// More than one page of versions (S3 answers 1,000 a page): the plan counts them all, and a run, which one
    /// delete-objects call (1,000 at most) could not finish, refuses before deleting any.
    @Test func versionsBeyondOnePageAreAllCountedAndMoreThanOneDeleteCallHoldsIsRefused() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let bucket = try versionedBucket(drill)
        // 1,003 puts through the CLI would take minutes: one Python process with botocore (the CLI's own library) seeds them.
        let python = try #require(Self.onPath("python3"))
        let seeded = try Drill.run(python, ["-c", """
            import os, botocore.session
            s3 = botocore.session.get_session().create_client("s3", region_name="us-east-1", endpoint_url=os.environ["AWS_ENDPOINT_URL"])
            for i in range(1003): s3.put_object(Bucket="\(bucket)", Key="bulk/%04d.csv" % (i % 700), Body=b"x" * (i % 7))
            """], environment: drill.server.environment)
        #expect(seeded.status == 0, "\(seeded.stderr)")
        let bytes = (0..<1003).reduce(0) { $0 + $1 % 7 }
        try drill.firebreakOK("resource", "add", "INC-1", bucket, "--kind", "s3-bucket", "--state", "compromised")

        let plan = try drill.firebreakOK("action", "plan", "INC-1", "s3.delete-spilled", bucket, "--param", "prefix=bulk/")
        #expect(plan.contains("\(bucket)/bulk/: 1003 versions (\(bytes) bytes) and 0 delete markers, 1003 in all"), "\(plan)")
        #expect(plan.contains("the run will refuse: \(bucket)/bulk/ holds 1003 versions and delete markers, and one run deletes at most 1,000"))
        let run = try drill.firebreak("action", "run", "INC-1", "s3.delete-spilled", bucket, "--yes", "--force", "--param", "prefix=bulk/",
                                      "--confirm", "delete 1003 versions and delete markers in \(bucket)/bulk/")
        #expect(run.status != 0 && run.stderr.contains("narrow the prefix"), "\(run.stderr)")
        #expect(try entries(drill, bucket, "bulk/") == 1003)
    }

    @Test func aVersionUnderObjectLockOrALegalHoldIsRefusedAndNothingIsDeleted() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let bucket = "locked-\(UUID().uuidString.prefix(8).lowercased())"
        try drill.aws("s3api", "create-bucket", "--bucket", bucket, "--object-lock-enabled-for-bucket")
        let body = drill.folder.appendingPathComponent("body").path
        try "evidence".write(toFile: body, atomically: true, encoding: .utf8)
        try drill.aws("s3api", "put-object", "--bucket", bucket, "--key", "p/retained", "--body", body,
                      "--object-lock-mode", "GOVERNANCE", "--object-lock-retain-until-date", "2099-01-01T00:00:00Z")
        try drill.aws("s3api", "put-object", "--bucket", bucket, "--key", "p/held", "--body", body, "--object-lock-legal-hold-status", "ON")
        try drill.aws("s3api", "put-object", "--bucket", bucket, "--key", "p/free", "--body", body)
        try drill.firebreakOK("resource", "add", "INC-1", bucket, "--kind", "s3-bucket", "--state", "compromised")

        let plan = try drill.firebreakOK("action", "plan", "INC-1", "s3.delete-spilled", bucket, "--param", "prefix=p/")
        let refusal = try #require(plan.range(of: "the run will refuse: ").map { String(plan[$0.upperBound...]) }, "\(plan)")
        #expect(refusal.contains("p/retained version") && refusal.contains("GOVERNANCE until 2099-01-01"))
        #expect(refusal.contains("p/held version") && refusal.contains("legal hold ON"))
        #expect(!refusal.contains("p/free"))

        // Not even --force: S3 would refuse the locked versions and delete the rest.
        let run = try drill.firebreak("action", "run", "INC-1", "s3.delete-spilled", bucket, "--yes", "--force", "--param", "prefix=p/",
                                      "--confirm", "delete 3 versions and delete markers in \(bucket)/p/")
        #expect(run.status != 0)
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].contains("under Object Lock retention or a legal hold"), "\(run.stderr)")
        #expect(try entries(drill, bucket, "p/") == 3)
        #expect(!(try drill.run("run-1")["steps"] as! [[String: Any]]).contains { ($0["step"] as? String)?.hasPrefix("delete") == true })
    }

    @Test func everyVersionIsCopiedToTheEvidenceBucketBeforeAnyDeleteAndAFailedCopyDeletesNothing() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let bucket = try versionedBucket(drill)
        let evidence = try versionedBucket(drill, "evidence")
        let bodies = ["first draft", "second draft", "other file"]
        try put(drill, bucket, "exports/a.csv", bodies[0])
        try put(drill, bucket, "exports/a.csv", bodies[1])
        try put(drill, bucket, "exports/b.csv", bodies[2])
        try put(drill, bucket, "keep/c.csv", "not copied")
        try drill.firebreakOK("resource", "add", "INC-1", bucket, "--kind", "s3-bucket", "--state", "compromised")
        let text = "delete 3 versions and delete markers in \(bucket)/exports/"

        // An evidence bucket that does not exist: the first copy fails and nothing is deleted.
        let missing = "missing-\(UUID().uuidString.prefix(8).lowercased())"
        let failed = try drill.firebreak("action", "run", "INC-1", "s3.delete-spilled", bucket, "--yes", "--param", "prefix=exports/",
                                         "--param", "evidence-bucket=\(missing)", "--confirm", text)
        #expect(failed.status != 0 && failed.stderr.contains("copy-to-evidence"), "\(failed.stderr)")
        #expect(try entries(drill, bucket, "exports/") == 3)

        let plan = try drill.firebreakOK("action", "plan", "INC-1", "s3.delete-spilled", bucket, "--param", "prefix=exports/",
                                         "--param", "evidence-bucket=\(evidence)")
        #expect(plan.contains("copied first to: \(evidence)"))
        try drill.firebreakOK("action", "run", "INC-1", "s3.delete-spilled", bucket, "--yes", "--param", "prefix=exports/",
                              "--param", "evidence-bucket=\(evidence)", "--confirm", text)
        #expect(try entries(drill, bucket, "exports/") == 0)

        // Each version is in the evidence bucket under INCIDENT/BUCKET/VERSION-ID/KEY with its own bytes.
        let keys = try drill.aws("s3api", "list-objects-v2", "--bucket", evidence, "--query", "Contents[].Key")
            .split(whereSeparator: \.isWhitespace).map(String.init)
        #expect(keys.count == 3 && keys.allSatisfy { $0.hasPrefix("INC-1/\(bucket)/") }, "\(keys)")
        var copied: [String] = []
        for key in keys {
            let out = drill.folder.appendingPathComponent("out-\(UUID().uuidString)").path
            try drill.aws("s3api", "get-object", "--bucket", evidence, "--key", key, out)
            copied.append(try String(contentsOfFile: out, encoding: .utf8))
        }
        #expect(copied.sorted() == bodies.sorted())
        #expect(keys.filter { $0.hasSuffix("/exports/a.csv") }.count == 2)

        // Recorded, and every copy was made before the delete.
        let steps = (try drill.run("run-2")["steps"] as! [[String: Any]]).compactMap { $0["step"] as? String }
        let lastCopy = try #require(steps.lastIndex(of: "copy-to-evidence")), delete = try #require(steps.firstIndex(of: "delete-prefix-versions"))
        #expect(steps.filter { $0 == "copy-to-evidence" }.count == 3 && lastCopy < delete)
        #expect((try drill.recorded("run-2", bucket)["evidence"] as? [Any])?.count == 3)
    }

    @Test func stopWantsACompletedSnapshotOfEveryVolumeTakenSinceTheIncidentOpenedAndSaysWhatInstanceStoreLoses() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let (instance, _) = try drill.seedInstance()
        let zone = try drill.aws("ec2", "describe-instances", "--instance-ids", instance, "--query", "Reservations[0].Instances[0].Placement.AvailabilityZone")
        let data = try drill.aws("ec2", "create-volume", "--size", "4", "--availability-zone", zone, "--query", "VolumeId")
        try drill.aws("ec2", "attach-volume", "--volume-id", data, "--instance-id", instance, "--device", "/dev/sdg")
        let volumes = try drill.aws("ec2", "describe-instances", "--instance-ids", instance, "--query",
                                    "Reservations[0].Instances[0].BlockDeviceMappings[].Ebs.VolumeId").split(separator: "\t").map(String.init)
        let root = try #require(volumes.first { $0 != data })
        #expect(volumes.count == 2)

        // A snapshot older than the incident is not evidence of it.
        let old = try drill.aws("ec2", "create-snapshot", "--volume-id", root, "--query", "SnapshotId")
        let started = try drill.aws("ec2", "describe-snapshots", "--snapshot-ids", old, "--query", "Snapshots[0].StartTime")
        let startedAt = try #require(ISO8601DateFormatter.withFractions.date(from: started))
        #expect(eventually(within: 5) { Date().timeIntervalSince1970.rounded(.down) > startedAt.timeIntervalSince1970.rounded(.down) })
        #expect(try drill.firebreakOK("open", "--title", "second", "--region", "us-east-1").contains("INC-2"))
        try drill.firebreakOK("resource", "add", "INC-2", instance, "--state", "compromised")
        let state = ["ec2", "describe-instances", "--instance-ids", instance, "--query", "Reservations[0].Instances[0].State.Name"]

        let plan = try drill.firebreakOK("action", "plan", "INC-2", "ec2.stop", instance)
        #expect(plan.contains("attached EBS volumes: \(volumes.joined(separator: ", "))"), "\(plan)")
        #expect(plan.contains("the run will refuse unless --force: no completed snapshot taken since the incident was opened covers \(volumes.joined(separator: ", "))"))
        #expect(plan.contains("instance store: none"))
        var refused = try drill.firebreak("action", "run", "INC-2", "ec2.stop", instance, "--yes")
        #expect(refused.status != 0 && refused.stderr.contains("covers \(volumes.joined(separator: ", "));"), "\(refused.stderr)")
        #expect(try drill.aws(state) == "running")

        // One volume snapshotted since: the other is named, alone.
        try drill.aws("ec2", "create-snapshot", "--volume-id", root)
        refused = try drill.firebreak("action", "run", "INC-2", "ec2.stop", instance, "--yes")
        #expect(refused.status != 0 && refused.stderr.contains("covers \(data);"), "\(refused.stderr)")
        #expect(try drill.aws(state) == "running")

        try drill.aws("ec2", "create-snapshot", "--volume-id", data)
        try drill.firebreakOK("action", "run", "INC-2", "ec2.stop", instance, "--yes")
        #expect(try drill.aws(state) == "stopped")

        // An instance type with instance store: the plan says how much is lost on stop.
        let storeInstance = try drill.aws("ec2", "run-instances", "--image-id", "ami-12345678", "--count", "1", "--instance-type", "m5d.large",
                                          "--query", "Instances[0].InstanceId")
        let gigabytes = try drill.aws("ec2", "describe-instance-types", "--instance-types", "m5d.large", "--query",
                                      "InstanceTypes[0].InstanceStorageInfo.TotalSizeInGB")
        try drill.firebreakOK("resource", "add", "INC-2", storeInstance, "--state", "compromised")
        let storePlan = try drill.firebreakOK("action", "plan", "INC-2", "ec2.stop", storeInstance)
        #expect(storePlan.contains("instance store: \(gigabytes) GB of instance store on m5d.large, whose data is lost on stop"), "\(storePlan)")
    }

    @Test func aSnapshotThisIncidentTookAsEvidenceIsKeptUnlessForced() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let (instance, _) = try drill.seedInstance()
        try drill.firebreakOK("resource", "add", "INC-1", instance, "--state", "compromised")
        try drill.firebreakOK("action", "run", "INC-1", "ec2.snapshot", instance, "--yes")
        let snapshot = try #require((drill.recorded("run-1", instance)["snapshots"] as? [String])?.first)
        try drill.firebreakOK("resource", "add", "INC-1", snapshot, "--state", "compromised")
        let exists = { try drill.aws("ec2", "describe-snapshots", "--filters", "Name=snapshot-id,Values=\(snapshot)", "--query", "length(Snapshots)") }

        let plan = try drill.firebreakOK("action", "plan", "INC-1", "ebs.delete-snapshot", snapshot)
        #expect(plan.contains("the run will refuse unless --force: \(snapshot) is evidence this incident took (run-1)"), "\(plan)")
        // Its tags gone (by hand, or by the attacker), the record still says what it is.
        try drill.aws("ec2", "delete-tags", "--resources", snapshot)
        let refused = try drill.firebreak("action", "run", "INC-1", "ebs.delete-snapshot", snapshot, "--yes", "--confirm", "delete \(snapshot)")
        #expect(refused.status != 0 && refused.stderr.contains("is evidence this incident took (run-1)"), "\(refused.stderr)")
        #expect(try exists() == "1")
        try drill.firebreakOK("action", "run", "INC-1", "ebs.delete-snapshot", snapshot, "--yes", "--force", "--confirm", "delete \(snapshot)")
        #expect(try exists() == "0")

        // A snapshot tagged for this incident by other means is refused too; one of another incident is not.
        let volume = try drill.aws("ec2", "create-volume", "--size", "4", "--availability-zone", "us-east-1a", "--query", "VolumeId")
        let tagged = try drill.aws("ec2", "create-snapshot", "--volume-id", volume, "--tag-specifications",
                                   "ResourceType=snapshot,Tags=[{Key=firebreak-incident,Value=INC-1}]", "--query", "SnapshotId")
        let other = try drill.aws("ec2", "create-snapshot", "--volume-id", volume, "--tag-specifications",
                                  "ResourceType=snapshot,Tags=[{Key=firebreak-incident,Value=INC-9}]", "--query", "SnapshotId")
        for id in [tagged, other] { try drill.firebreakOK("resource", "add", "INC-1", id, "--state", "compromised") }
        let taggedRun = try drill.firebreak("action", "run", "INC-1", "ebs.delete-snapshot", tagged, "--yes", "--confirm", "delete \(tagged)")
        #expect(taggedRun.status != 0 && taggedRun.stderr.contains("is tagged firebreak-incident=INC-1"), "\(taggedRun.stderr)")
        try drill.firebreakOK("action", "run", "INC-1", "ebs.delete-snapshot", other, "--yes", "--confirm", "delete \(other)")
        #expect(try drill.aws("ec2", "describe-snapshots", "--filters", "Name=snapshot-id,Values=\(tagged),\(other)", "--query", "Snapshots[].SnapshotId") == tagged)
    }

    @Test func theQuarantinePlanNamesEveryInterfaceInTheSubnetByOwnerAndTheSubnetsThatRouteThroughItsNAT() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let vpc = try drill.aws("ec2", "create-vpc", "--cidr-block", "10.8.0.0/16", "--query", "Vpc.VpcId")
        let subnet = try drill.aws("ec2", "create-subnet", "--vpc-id", vpc, "--cidr-block", "10.8.1.0/24", "--query", "Subnet.SubnetId")
        let private_ = try drill.aws("ec2", "create-subnet", "--vpc-id", vpc, "--cidr-block", "10.8.2.0/24", "--query", "Subnet.SubnetId")
        let instances = try drill.aws("ec2", "run-instances", "--image-id", "ami-12345678", "--count", "2", "--instance-type", "t2.micro",
                                      "--subnet-id", subnet, "--query", "Instances[].InstanceId").split(separator: "\t").map(String.init)
        let (compromised, neighbour) = (instances[0], instances[1])
        let address = try drill.aws("ec2", "allocate-address", "--query", "AllocationId")
        let nat = try drill.aws("ec2", "create-nat-gateway", "--subnet-id", subnet, "--allocation-id", address, "--query", "NatGateway.NatGatewayId")
        let table = try drill.aws("ec2", "create-route-table", "--vpc-id", vpc, "--query", "RouteTable.RouteTableId")
        try drill.aws("ec2", "create-route", "--route-table-id", table, "--destination-cidr-block", "0.0.0.0/0", "--nat-gateway-id", nat)
        try drill.aws("ec2", "associate-route-table", "--route-table-id", table, "--subnet-id", private_)
        // moto makes every interface of type "interface": these carry the descriptions AWS writes on its own.
        let described = [("ELB app/web/50dc6c495c0c9188", "load balancer"), ("RDSNetworkInterface", "RDS database"),
                         ("AWS Lambda VPC ENI-orders-worker-5c8f0c1a", "Lambda function"), ("VPC Endpoint Interface vpce-0a1b2c3d4e5f60004", "interface VPC endpoint"),
                         ("EFS mount target for fs-0a1b2c3d (fsmt-0a1b2c3d)", "EFS mount target"),
                         ("Network Interface for Transit Gateway Attachment tgw-attach-0a1b2c3d", "transit gateway attachment")]
        var expected: [String] = []
        for (description, owner) in described {
            let eni = try drill.aws("ec2", "create-network-interface", "--subnet-id", subnet, "--description", description,
                                    "--query", "NetworkInterface.NetworkInterfaceId")
            expected.append("\(eni) \(owner) (\(description))")
        }
        let neighbourENI = try drill.aws("ec2", "describe-instances", "--instance-ids", neighbour, "--query",
                                         "Reservations[0].Instances[0].NetworkInterfaces[0].NetworkInterfaceId")
        expected.append("\(neighbourENI) instance \(neighbour)")
        try drill.firebreakOK("resource", "add", "INC-1", compromised, "--state", "compromised")

        let plan = try drill.firebreakOK("action", "plan", "INC-1", "ec2.quarantine-subnet", compromised)
        for line in expected { #expect(plan.contains(line), "\(line) not in \(plan)") }
        #expect(plan.contains("NAT gateways in it: \(nat), through which these subnets reach the internet: \(private_)"), "\(plan)")
        let json = try JSONSerialization.jsonObject(with: Data(drill.firebreakOK(
            "action", "plan", "INC-1", "ec2.quarantine-subnet", compromised, "--json").utf8)) as! [String: Any]
        #expect((json["warning"] as? String)?.contains(expected[0]) == true)

        // What moto cannot make (the interface types AWS gives NAT gateways, endpoints, functions…): a
        // describe-network-interfaces response recorded in AWS's format, through the same --query the CLI applies
        // (jmespath, the CLI's own library); every other call goes to moto.
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/describe-network-interfaces-subnet.json").path
        let python = try #require(Self.onPath("python3"))
        let fake = try FakeCLI(script: """
            case " $* " in
              *" describe-network-interfaces "*)
                exec '\(python)' -c 'import json, sys, jmespath; a = sys.argv[2:]; print(json.dumps(jmespath.search(a[a.index("--query") + 1], json.load(open(sys.argv[1])))))' '\(fixture)' "$@" ;;
            esac
            exec '\(try #require(Drill.awsPath))' "$@"
            """)
        let recorded = try drill.firebreakOK("action", "plan", "INC-1", "ec2.quarantine-subnet", compromised, "--aws-cli", fake.path)
        for line in ["eni-0a1b2c3d4e5f60001 instance i-0123456789abcdef0",
                     "eni-0a1b2c3d4e5f60002 NAT gateway (Interface for NAT Gateway nat-0a1b2c3d4e5f60001)",
                     "eni-0a1b2c3d4e5f60003 load balancer (ELB net/internal-api/50dc6c495c0c9188)",
                     "eni-0a1b2c3d4e5f60004 interface VPC endpoint (VPC Endpoint Interface vpce-0a1b2c3d4e5f60004)",
                     "eni-0a1b2c3d4e5f60005 RDS database (RDSNetworkInterface)",
                     "eni-0a1b2c3d4e5f60006 Lambda function (AWS Lambda VPC ENI-orders-worker-",
                     "eni-0a1b2c3d4e5f60007 transit gateway attachment (Network Interface for Transit Gateway Attachment tgw-attach-0a1b2c3d4e5f60007)",
                     "eni-0a1b2c3d4e5f60008 EFS mount target (EFS mount target for fs-0a1b2c3d4e5f60008 (fsmt-0a1b2c3d4e5f60008))",
                     // Told by its type alone (no description):
                     "eni-0a1b2c3d4e5f60010 interface VPC endpoint (",
                     "eni-0a1b2c3d4e5f60009 interface (spare interface; requester none)"] {
            #expect(recorded.contains(line), "\(line) not in \(recorded)")
        }
        // Each interface is named once, by one owner.
        #expect(recorded.components(separatedBy: "eni-0a1b2c3d4e5f60003").count == 2)
    }

    static func onPath(_ name: String) -> String? {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}

extension ISO8601DateFormatter {
    /// RFC 3339 with milliseconds, as EC2 prints its times.
    static var withFractions: ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }
}
