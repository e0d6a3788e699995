import Foundation
import Testing

/// `firebreak resource discover` through the real binary against resources seeded in moto.
@Suite("Discovery against the moto emulator", .motoServer)
struct DiscoveryTests {
    func resources(_ drill: Drill) throws -> [String: [String: Any]] {
        let list = try drill.incident()["resources"] as! [[String: Any]]
        return Dictionary(list.map { ($0["id"] as! String, $0) }, uniquingKeysWith: { first, _ in first })
    }

    @Test func anInstanceLeadsToItsVolumesInterfaceSubnetVPCProfileAndRole() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let suffix = UUID().uuidString.prefix(8).lowercased()
        try drill.aws("iam", "create-role", "--role-name", "web-\(suffix)", "--assume-role-policy-document", #"{"Version":"2012-10-17","Statement":[]}"#)
        try drill.aws("iam", "create-instance-profile", "--instance-profile-name", "prof-\(suffix)")
        try drill.aws("iam", "add-role-to-instance-profile", "--instance-profile-name", "prof-\(suffix)", "--role-name", "web-\(suffix)")
        let instance = try drill.aws("ec2", "run-instances", "--image-id", "ami-12345678", "--count", "1", "--instance-type", "t2.micro",
                                     "--iam-instance-profile", "Name=prof-\(suffix)", "--tag-specifications",
                                     "ResourceType=instance,Tags=[{Key=Owner,Value=payments}]", "--query", "Instances[0].InstanceId")
        try drill.firebreakOK("resource", "add", "INC-1", instance, "--state", "compromised")
        let output = try drill.firebreakOK("resource", "discover", "INC-1", instance)
        #expect(output.contains("tagged with owner payments"))
        let found = try resources(drill)
        let kinds = Set(found.values.map { $0["kind"] as! String })
        #expect(kinds.isSuperset(of: ["ebs-volume", "network-interface", "subnet", "vpc", "iam-instance-profile", "iam-role"]))
        #expect(found.values.filter { $0["id"] as? String != instance }.allSatisfy { $0["state"] as? String == "suspected" })
        let role = try #require(found["arn:aws:iam::123456789012:role/web-\(suffix)"])
        #expect(role["region"] is NSNull)
        let events = try drill.firebreakOK("events", "INC-1")
        #expect(events.contains("role (through its instance profile) of \(instance) \(instance)"))
        #expect(events.contains("no owner tag:"))

        // From the role back to the instance: already there, so nothing is added twice.
        let back = try drill.firebreakOK("resource", "discover", "INC-1", "arn:aws:iam::123456789012:role/web-\(suffix)")
        #expect(back.contains("= \(instance) (already in INC-1): instance using role web-\(suffix)"))
    }

    @Test func anAccessKeyLeadsToItsUserGroupsPoliciesAndOtherKeysAndABucketToItsPublicAccessState() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let user = "bob-\(UUID().uuidString.prefix(8).lowercased())"
        try drill.aws("iam", "create-user", "--user-name", user, "--tags", "Key=team,Value=ops")
        try drill.aws("iam", "create-group", "--group-name", "g-\(user)")
        try drill.aws("iam", "add-user-to-group", "--user-name", user, "--group-name", "g-\(user)")
        let policy = try drill.aws("iam", "create-policy", "--policy-name", "p-\(user)", "--policy-document",
                                   #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#, "--query", "Policy.Arn")
        try drill.aws("iam", "attach-user-policy", "--user-name", user, "--policy-arn", policy)
        try drill.aws("iam", "put-user-policy", "--user-name", user, "--policy-name", "inline-\(user)", "--policy-document",
                      #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#)
        let key = try drill.aws("iam", "create-access-key", "--user-name", user, "--query", "AccessKey.AccessKeyId")
        let other = try drill.aws("iam", "create-access-key", "--user-name", user, "--query", "AccessKey.AccessKeyId")
        try drill.firebreakOK("resource", "add", "INC-1", key, "--state", "compromised")
        let output = try drill.firebreakOK("resource", "discover", "INC-1", key)
        #expect(output.contains("inline policies: inline-\(user)"))
        let found = try resources(drill)
        #expect(found["arn:aws:iam::123456789012:user/\(user)"]?["owner"] as? String == "ops")
        #expect(found["arn:aws:iam::123456789012:group/g-\(user)"] != nil)
        #expect(found[policy]?["kind"] as? String == "iam-policy")
        #expect(found[other]?["state"] as? String == "suspected")

        let bucket = "exports-\(UUID().uuidString.prefix(8).lowercased())"
        try drill.aws("s3api", "create-bucket", "--bucket", bucket)
        try drill.firebreakOK("resource", "add", "INC-1", bucket, "--kind", "s3-bucket")
        let open = try drill.firebreakOK("resource", "discover", "INC-1", bucket)
        #expect(open.contains("no bucket policy") && open.contains("no public access block") && open.contains("NO OWNER TAG"))
        try drill.aws("s3api", "put-public-access-block", "--bucket", bucket, "--public-access-block-configuration",
                      "BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true")
        #expect(try drill.firebreakOK("resource", "discover", "INC-1", bucket).contains("public access block on (all four settings)"))
    }
}
