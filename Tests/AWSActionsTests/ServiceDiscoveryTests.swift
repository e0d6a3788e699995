import Foundation
import Testing

/// `firebreak resource discover` follows the links the toolkit's actions need:
/// from an instance to its Auto Scaling group, Elastic IPs, target groups and
/// Classic Load Balancers; from a user to its console password and MFA devices.
@Suite("Discovery of what serves an instance and what signs a user in", .motoServer)
struct ServiceDiscoveryTests {
    func resources(_ drill: Drill) throws -> [String: String] {
        let list = try drill.incident()["resources"] as! [[String: Any]]
        return Dictionary(list.map { ($0["id"] as! String, $0["kind"] as! String) }, uniquingKeysWith: { first, _ in first })
    }

    @Test func anInstanceLeadsToItsGroupAddressesTargetGroupsAndClassicBalancer() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let name = "svc-\(UUID().uuidString.prefix(8).lowercased())"
        let subnet = try drill.aws("ec2", "describe-subnets", "--query", "Subnets[0].SubnetId")
        let vpc = try drill.aws("ec2", "describe-vpcs", "--query", "Vpcs[0].VpcId")
        try drill.aws("autoscaling", "create-launch-configuration", "--launch-configuration-name", name, "--image-id", "ami-12345678", "--instance-type", "t2.micro")
        try drill.aws("autoscaling", "create-auto-scaling-group", "--auto-scaling-group-name", name, "--launch-configuration-name", name,
                      "--min-size", "0", "--max-size", "2", "--desired-capacity", "1", "--vpc-zone-identifier", subnet)
        let instance = try drill.aws("autoscaling", "describe-auto-scaling-groups", "--auto-scaling-group-names", name,
                                     "--query", "AutoScalingGroups[0].Instances[0].InstanceId")
        let allocation = try drill.aws("ec2", "allocate-address", "--domain", "vpc", "--query", "AllocationId")
        try drill.aws("ec2", "associate-address", "--allocation-id", allocation, "--instance-id", instance)
        let group = try drill.aws("elbv2", "create-target-group", "--name", name, "--protocol", "HTTP", "--port", "80", "--vpc-id", vpc,
                                  "--query", "TargetGroups[0].TargetGroupArn")
        let unrelated = try drill.aws("elbv2", "create-target-group", "--name", "other-\(name)", "--protocol", "HTTP", "--port", "80", "--vpc-id", vpc,
                                      "--query", "TargetGroups[0].TargetGroupArn")
        try drill.aws("elbv2", "register-targets", "--target-group-arn", group, "--targets", "Id=\(instance),Port=8443")
        try drill.aws("elb", "create-load-balancer", "--load-balancer-name", "lb-\(name)", "--listeners", "Protocol=HTTP,LoadBalancerPort=80,InstancePort=80",
                      "--availability-zones", "us-east-1a")
        try drill.aws("elb", "register-instances-with-load-balancer", "--load-balancer-name", "lb-\(name)", "--instances", #"[{"InstanceId":"\#(instance)"}]"#)
        try drill.firebreakOK("resource", "add", "INC-1", instance, "--state", "compromised")

        try drill.firebreakOK("resource", "discover", "INC-1", instance)
        let found = try resources(drill)
        #expect(found[name] == "autoscaling-group" || found.first { $0.value == "autoscaling-group" }?.key.hasSuffix(name) == true, "\(found)")
        #expect(found[allocation] == "elastic-ip", "\(found)")
        #expect(found[group] == "target-group", "\(found)")
        #expect(found[unrelated] == nil)
        #expect(found["lb-\(name)"] == "load-balancer", "\(found)")
        let events = try drill.firebreakOK("events", "INC-1")
        #expect(events.contains("target group serving \(instance) on port 8443"), "\(events)")
    }

    @Test func aUserLeadsToItsMFADevicesAndSaysWhetherItHasAConsolePassword() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let user = "erin-\(UUID().uuidString.prefix(8).lowercased())"
        try drill.aws("iam", "create-user", "--user-name", user)
        try drill.firebreakOK("resource", "add", "INC-1", user, "--kind", "iam-user", "--state", "compromised")
        #expect(try drill.firebreakOK("resource", "discover", "INC-1", user).contains("user \(user) has no console password"))

        try drill.aws("iam", "create-login-profile", "--user-name", user, "--password", "Correct-Horse-9-Battery!")
        let serial = try drill.aws("iam", "create-virtual-mfa-device", "--virtual-mfa-device-name", "phone-\(user)",
                                   "--outfile", drill.folder.appendingPathComponent("mfa.png").path, "--bootstrap-method", "QRCodePNG",
                                   "--query", "VirtualMFADevice.SerialNumber")
        try drill.aws("iam", "enable-mfa-device", "--user-name", user, "--serial-number", serial,
                      "--authentication-code1", "123456", "--authentication-code2", "234567")
        let output = try drill.firebreakOK("resource", "discover", "INC-1", user)
        #expect(output.contains("user \(user) has a console password (created"), "\(output)")
        #expect(try resources(drill)[serial] != nil, "\(output)")
    }
}
