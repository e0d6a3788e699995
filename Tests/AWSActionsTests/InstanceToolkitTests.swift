import Foundation
import Testing

/// The EC2 and network actions of the responder's toolkit, each run through
/// the real binary and CLI against moto, read back after the run and again
/// after undo.
@Suite("Instance and network actions against moto", .motoServer)
struct InstanceToolkitTests {
    func suffix() -> String { String(UUID().uuidString.prefix(8).lowercased()) }

    @Test func removeInstanceProfileDisassociatesItAndUndoAssociatesTheSameProfile() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let name = "web-\(suffix())"
        try drill.aws("iam", "create-role", "--role-name", name, "--assume-role-policy-document",
                      #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#)
        let profile = try drill.aws("iam", "create-instance-profile", "--instance-profile-name", name, "--query", "InstanceProfile.Arn")
        try drill.aws("iam", "add-role-to-instance-profile", "--instance-profile-name", name, "--role-name", name)
        let instance = try drill.aws("ec2", "run-instances", "--image-id", "ami-12345678", "--count", "1", "--instance-type", "t2.micro",
                                     "--iam-instance-profile", "Name=\(name)", "--query", "Instances[0].InstanceId")
        try drill.firebreakOK("resource", "add", "INC-1", instance, "--state", "compromised")
        let associated = ["ec2", "describe-iam-instance-profile-associations", "--filters", "Name=instance-id,Values=\(instance)",
                          "Name=state,Values=associating,associated", "--query", "IamInstanceProfileAssociations[].IamInstanceProfile.Arn"]

        let plan = try drill.firebreakOK("action", "plan", "INC-1", "ec2.remove-instance-profile", instance)
        #expect(plan.contains("instance profile removed: \(profile)") && plan.contains("iam.revoke-sessions"), "\(plan)")
        try drill.firebreakOK("action", "run", "INC-1", "ec2.remove-instance-profile", instance, "--yes")
        #expect(try drill.aws(associated) == "")
        let recorded = try drill.recorded("run-1", instance)["associations"] as? [[String: Any]]
        #expect(recorded?.first?["profile"] as? String == profile)

        try drill.firebreakOK("action", "undo", "INC-1", "run-1", "--yes")
        #expect(try drill.aws(associated) == profile)

        // Nothing associated: refused in one line, nothing recorded as changed.
        let again = try drill.aws("ec2", "run-instances", "--image-id", "ami-12345678", "--count", "1", "--instance-type", "t2.micro",
                                  "--query", "Instances[0].InstanceId")
        try drill.firebreakOK("resource", "add", "INC-1", again, "--state", "compromised")
        let refused = try drill.firebreak("action", "run", "INC-1", "ec2.remove-instance-profile", again, "--yes")
        #expect(refused.status != 0 && refused.stderr.contains("has no instance profile associated"), "\(refused.stderr)")
    }

    @Test func preserveEvidenceKeepsDisksAndInstanceAndUndoRestoresEachRecordedValue() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let instance = try drill.aws("ec2", "run-instances", "--image-id", "ami-12345678", "--count", "1", "--instance-type", "t2.micro",
                                     "--block-device-mappings", #"[{"DeviceName":"/dev/sda1","Ebs":{"VolumeSize":8,"DeleteOnTermination":true}},{"DeviceName":"/dev/sdf","Ebs":{"VolumeSize":4,"DeleteOnTermination":false}}]"#,
                                     "--query", "Instances[0].InstanceId")
        try drill.aws("ec2", "modify-instance-attribute", "--instance-id", instance, "--attribute", "instanceInitiatedShutdownBehavior", "--value", "terminate")
        try drill.firebreakOK("resource", "add", "INC-1", instance, "--state", "compromised")
        func settings() throws -> String {
            let shutdown = try drill.aws("ec2", "describe-instance-attribute", "--instance-id", instance, "--attribute", "instanceInitiatedShutdownBehavior",
                                         "--query", "InstanceInitiatedShutdownBehavior.Value")
            let protection = try drill.aws("ec2", "describe-instance-attribute", "--instance-id", instance, "--attribute", "disableApiTermination",
                                           "--query", "DisableApiTermination.Value")
            // describe-instance-attribute blockDeviceMapping is empty in moto: read the mappings from describe-instances.
            let volumes = try drill.aws("ec2", "describe-instances", "--instance-ids", instance, "--query",
                                        "Reservations[0].Instances[0].BlockDeviceMappings[].join('=', [DeviceName, to_string(Ebs.DeleteOnTermination)])")
            return [shutdown, protection, volumes.split(separator: "\t").sorted().joined(separator: ",")].joined(separator: " ")
        }
        #expect(try settings() == "terminate False /dev/sda1=true,/dev/sdf=false")

        try drill.firebreakOK("action", "run", "INC-1", "ec2.preserve-evidence", instance, "--yes")
        #expect(try settings() == "stop True /dev/sda1=false,/dev/sdf=false")
        let recorded = try drill.recorded("run-1", instance)
        #expect(recorded["previous-shutdown-behavior"] as? String == "terminate")
        #expect((recorded["deleted-volumes"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["/dev/sda1"])
        #expect(try drill.resourceState(instance) == "compromised")

        try drill.firebreakOK("action", "undo", "INC-1", "run-1", "--yes")
        #expect(try settings() == "terminate False /dev/sda1=true,/dev/sdf=false")
    }

    /// An Auto Scaling group of two, from a launch configuration, with nothing else in it.
    func seedGroup(_ drill: Drill) throws -> (group: String, instance: String) {
        let name = "web-\(suffix())"
        let subnet = try drill.aws("ec2", "describe-subnets", "--query", "Subnets[0].SubnetId")
        try drill.aws("autoscaling", "create-launch-configuration", "--launch-configuration-name", name, "--image-id", "ami-12345678",
                      "--instance-type", "t2.micro")
        try drill.aws("autoscaling", "create-auto-scaling-group", "--auto-scaling-group-name", name, "--launch-configuration-name", name,
                      "--min-size", "0", "--max-size", "3", "--desired-capacity", "2", "--vpc-zone-identifier", subnet)
        let instance = try drill.aws("autoscaling", "describe-auto-scaling-groups", "--auto-scaling-group-names", name,
                                     "--query", "AutoScalingGroups[0].Instances[0].InstanceId")
        return (name, instance)
    }

    func membership(_ drill: Drill, _ instance: String, _ group: String) throws -> String {
        let state = try drill.aws("autoscaling", "describe-auto-scaling-instances", "--instance-ids", instance,
                                  "--query", "AutoScalingInstances[].[LifecycleState, ProtectedFromScaleIn]")
        let desired = try drill.aws("autoscaling", "describe-auto-scaling-groups", "--auto-scaling-group-names", group,
                                    "--query", "AutoScalingGroups[0].DesiredCapacity")
        return "\(state.isEmpty ? "none" : state) desired \(desired)"
    }

    @Test func detachFromASGPutsTheInstanceInStandbyProtectedWithoutReplacementAndUndoPutsItBack() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let (group, instance) = try seedGroup(drill)
        try drill.firebreakOK("resource", "add", "INC-1", instance, "--state", "compromised")
        #expect(try membership(drill, instance, group) == "InService\tFalse desired 2")

        let plan = try drill.firebreakOK("action", "plan", "INC-1", "ec2.detach-from-asg", instance)
        #expect(plan.contains("Auto Scaling group: \(group) (InService, scale-in protection false)"), "\(plan)")
        try drill.firebreakOK("action", "run", "INC-1", "ec2.detach-from-asg", instance, "--yes")
        #expect(try membership(drill, instance, group) == "Standby\tTrue desired 1")

        try drill.firebreakOK("action", "undo", "INC-1", "run-1", "--yes")
        #expect(try membership(drill, instance, group) == "InService\tFalse desired 2")
    }

    @Test func detachFromASGWithDetachLeavesTheGroupWithoutReplacementAndUndoAttachesItAgain() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let (group, instance) = try seedGroup(drill)
        try drill.firebreakOK("resource", "add", "INC-1", instance, "--state", "compromised")
        try drill.firebreakOK("action", "run", "INC-1", "ec2.detach-from-asg", instance, "--yes", "--param", "detach=yes")
        #expect(try membership(drill, instance, group) == "none desired 1")
        #expect(try drill.aws("autoscaling", "describe-auto-scaling-groups", "--auto-scaling-group-names", group,
                              "--query", "length(AutoScalingGroups[0].Instances)") == "1")
        // Detached, the instance keeps running: it is the evidence.
        #expect(try drill.aws("ec2", "describe-instances", "--instance-ids", instance, "--query", "Reservations[0].Instances[0].State.Name") == "running")

        try drill.firebreakOK("action", "undo", "INC-1", "run-1", "--yes")
        #expect(try membership(drill, instance, group) == "InService\tFalse desired 2")

        let lone = try drill.aws("ec2", "run-instances", "--image-id", "ami-12345678", "--count", "1", "--instance-type", "t2.micro",
                                 "--query", "Instances[0].InstanceId")
        try drill.firebreakOK("resource", "add", "INC-1", lone, "--state", "compromised")
        let refused = try drill.firebreak("action", "run", "INC-1", "ec2.detach-from-asg", lone, "--yes")
        #expect(refused.status != 0 && refused.stderr.contains("not InService in an Auto Scaling group"), "\(refused.stderr)")
    }

    @Test func deregisterFromLBLeavesEveryTargetGroupPortAndClassicBalancerAndUndoRegistersEachAgain() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let (instance, _) = try drill.seedInstance()
        let vpc = try drill.aws("ec2", "describe-vpcs", "--query", "Vpcs[0].VpcId")
        let name = suffix()
        let web = try drill.aws("elbv2", "create-target-group", "--name", "web-\(name)", "--protocol", "HTTP", "--port", "80", "--vpc-id", vpc,
                                "--query", "TargetGroups[0].TargetGroupArn")
        let admin = try drill.aws("elbv2", "create-target-group", "--name", "admin-\(name)", "--protocol", "HTTP", "--port", "8080", "--vpc-id", vpc,
                                  "--query", "TargetGroups[0].TargetGroupArn")
        // moto keeps one registration per instance and group (a second port replaces the first); several ports are tested below.
        try drill.aws("elbv2", "register-targets", "--target-group-arn", web, "--targets", "Id=\(instance),Port=81")
        try drill.aws("elbv2", "register-targets", "--target-group-arn", admin, "--targets", "Id=\(instance)")
        try drill.aws("elb", "create-load-balancer", "--load-balancer-name", "classic-\(name)", "--listeners",
                      "Protocol=HTTP,LoadBalancerPort=80,InstancePort=80", "--availability-zones", "us-east-1a")
        try drill.aws("elb", "register-instances-with-load-balancer", "--load-balancer-name", "classic-\(name)",
                      "--instances", #"[{"InstanceId":"\#(instance)"}]"#)
        try drill.firebreakOK("resource", "add", "INC-1", instance, "--state", "compromised")
        func registered() throws -> String {
            let ports = try [web, admin].map { group in
                try drill.aws("elbv2", "describe-target-health", "--target-group-arn", group, "--query",
                              "TargetHealthDescriptions[?Target.Id=='\(instance)'].Target.Port").split(separator: "\t").sorted().joined(separator: "+")
            }
            let classic = try drill.aws("elb", "describe-load-balancers", "--load-balancer-names", "classic-\(name)",
                                        "--query", "length(LoadBalancerDescriptions[0].Instances[?InstanceId=='\(instance)'])")
            return "web \(ports[0]) admin \(ports[1]) classic \(classic)"
        }
        #expect(try registered() == "web 81 admin 8080 classic 1")

        try drill.firebreakOK("action", "run", "INC-1", "ec2.deregister-from-lb", instance, "--yes")
        #expect(try registered() == "web  admin  classic 0")

        try drill.firebreakOK("action", "undo", "INC-1", "run-1", "--yes")
        #expect(try registered() == "web 81 admin 8080 classic 1")

        // An instance registered on two ports of one group (a recorded real-format answer): both are deregistered in one call, and only its own.
        let cli = try RecordedResponsesCLI([
            "elbv2 describe-target-groups": [RecordedResponsesCLI.fixture("elbv2-describe-target-groups-one.json")],
            "elbv2 describe-target-health": [RecordedResponsesCLI.fixture("elbv2-describe-target-health-two-ports.json"),
                                             RecordedResponsesCLI.fixture("elbv2-describe-target-health-none.json")],
            "elbv2 deregister-targets": [RecordedResponsesCLI.fixture("elbv2-empty-response.json")],
        ])
        try drill.firebreakOK("resource", "add", "INC-1", "i-0123456789abcdef0", "--state", "compromised")
        try drill.firebreakOK("action", "run", "INC-1", "ec2.deregister-from-lb", "i-0123456789abcdef0", "--yes", "--aws-cli", cli.path)
        let call = try #require(cli.calls("elbv2 deregister-targets").first)
        let targets = try #require(call.firstIndex(of: "--targets").map { call[$0 + 1] })
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(targets.utf8)) as? [[String: Any]])
        #expect(parsed.compactMap { $0["Port"] as? Int }.sorted() == [80, 8443] && parsed.allSatisfy { $0["Id"] as? String == "i-0123456789abcdef0" }, "\(targets)")
    }

    @Test func disassociateEIPTakesTheAddressOffAndUndoPutsItBackOnTheSameInterface() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let (instance, _) = try drill.seedInstance()
        let allocation = try drill.aws("ec2", "allocate-address", "--domain", "vpc", "--query", "AllocationId")
        try drill.aws("ec2", "associate-address", "--allocation-id", allocation, "--instance-id", instance)
        let interface = try drill.aws("ec2", "describe-instances", "--instance-ids", instance, "--query",
                                      "Reservations[0].Instances[0].NetworkInterfaces[0].NetworkInterfaceId")
        try drill.firebreakOK("resource", "add", "INC-1", instance, "--state", "compromised")
        // moto leaves "" where AWS leaves the field out once an address is disassociated.
        let where_ = ["ec2", "describe-addresses", "--allocation-ids", allocation, "--query", "Addresses[0].NetworkInterfaceId || ''"]
        #expect(try drill.aws(where_) == interface)

        try drill.firebreakOK("action", "run", "INC-1", "ec2.disassociate-eip", instance, "--yes")
        #expect(try drill.aws(where_) == "")
        #expect(try drill.aws("ec2", "describe-addresses", "--allocation-ids", allocation, "--query", "Addresses[0].AssociationId || ''") == "")

        try drill.firebreakOK("action", "undo", "INC-1", "run-1", "--yes")
        #expect(try drill.aws(where_) == interface)
    }

    @Test func revokePublicIngressRemovesOnlyInternetOpenRulesAndUndoRestoresThemWithTheirDescriptions() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let vpc = try drill.aws("ec2", "describe-vpcs", "--query", "Vpcs[0].VpcId")
        let group = try drill.aws("ec2", "create-security-group", "--group-name", "open-\(suffix())", "--description", "web", "--vpc-id", vpc, "--query", "GroupId")
        try drill.aws("ec2", "authorize-security-group-ingress", "--group-id", group, "--ip-permissions",
                      #"[{"IpProtocol":"tcp","FromPort":22,"ToPort":22,"IpRanges":[{"CidrIp":"0.0.0.0/0","Description":"ssh from anywhere"},{"CidrIp":"10.0.0.0/8"}]},{"IpProtocol":"tcp","FromPort":443,"ToPort":443,"Ipv6Ranges":[{"CidrIpv6":"::/0"}]}]"#)
        try drill.firebreakOK("resource", "add", "INC-1", group, "--state", "compromised")
        let rules = ["ec2", "describe-security-group-rules", "--filters", "Name=group-id,Values=\(group)", "--query",
                     "sort(SecurityGroupRules[?!IsEgress].join(' ', [to_string(FromPort), CidrIpv4 || CidrIpv6, Description || '-']))"]
        let before = try drill.aws(rules)
        #expect(before == "22 0.0.0.0/0 ssh from anywhere\t22 10.0.0.0/8 -\t443 ::/0 -")

        let plan = try drill.firebreakOK("action", "plan", "INC-1", "ec2.revoke-public-ingress", group)
        #expect(plan.contains("tcp 22-22 from 0.0.0.0/0") && plan.contains("tcp 443-443 from ::/0"), "\(plan)")
        try drill.firebreakOK("action", "run", "INC-1", "ec2.revoke-public-ingress", group, "--yes")
        #expect(try drill.aws(rules) == "22 10.0.0.0/8 -")

        try drill.firebreakOK("action", "undo", "INC-1", "run-1", "--yes")
        #expect(try drill.aws(rules) == before)

        let closed = try drill.aws("ec2", "create-security-group", "--group-name", "closed-\(suffix())", "--description", "db", "--vpc-id", vpc, "--query", "GroupId")
        try drill.firebreakOK("resource", "add", "INC-1", closed, "--state", "compromised")
        let refused = try drill.firebreak("action", "run", "INC-1", "ec2.revoke-public-ingress", closed, "--yes")
        #expect(refused.status != 0 && refused.stderr.contains("no inbound rule open to 0.0.0.0/0 or ::/0"), "\(refused.stderr)")
    }
}
