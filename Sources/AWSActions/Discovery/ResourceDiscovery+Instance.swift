import IncidentModel

extension DiscoveryContext {
    /// An instance's volumes, network interfaces, security groups, subnet, VPC and instance profile (and its roles).
    func instance(_ id: String, into result: inout DiscoveryResult) {
        let answer = query.call(["ec2", "describe-instances", "--instance-ids", id])
        guard let instance = answer.object?.objects("Reservations").first?.objects("Instances").first else {
            note(answer, "describe-instances \(id)", into: &result)
            if answer.object != nil { result.problems.append("instance \(id) was not found") }
            return
        }
        result.owner = ownerTags.owner(in: OwnerTags.dictionary(instance["Tags"]))
        let volumes = instance.objects("BlockDeviceMappings").compactMap { $0.object("Ebs")?.string("VolumeId") }
        let interfaces = instance.objects("NetworkInterfaces").compactMap { $0.string("NetworkInterfaceId") }
        // The instance's own groups: after a swap its interface may still list the old ones.
        let groups = instance.objects("SecurityGroups").compactMap { $0.string("GroupId") }
        let subnet = instance.string("SubnetId"), vpc = instance.string("VpcId")
        let profileARN = instance.object("IamInstanceProfile")?.string("Arn")

        // Tags for the related resources, fetched together.
        var calls: [[String]] = []
        let safe = { (ids: [String], kind: ResourceKind) in ids.filter { (try? ResourceIdentifier(parsing: $0, kind: kind)) != nil } }
        let volumeIDs = safe(volumes, .ebsVolume), groupIDs = safe(groups, .securityGroup), interfaceIDs = safe(interfaces, .networkInterface)
        calls.append(volumeIDs.isEmpty ? [] : ["ec2", "describe-volumes", "--volume-ids"] + volumeIDs)
        calls.append(groupIDs.isEmpty ? [] : ["ec2", "describe-security-groups", "--group-ids"] + groupIDs)
        calls.append(interfaceIDs.isEmpty ? [] : ["ec2", "describe-network-interfaces", "--network-interface-ids"] + interfaceIDs)
        calls.append(subnet.flatMap { (try? ResourceIdentifier(parsing: $0, kind: .subnet)) != nil ? ["ec2", "describe-subnets", "--subnet-ids", $0] : nil } ?? [])
        calls.append(vpc.flatMap { (try? ResourceIdentifier(parsing: $0, kind: .vpc)) != nil ? ["ec2", "describe-vpcs", "--vpc-ids", $0] : nil } ?? [])
        let profileName = profileARN.flatMap { try? ResourceIdentifier(parsing: $0, kind: .iamInstanceProfile) }.map { ResourceDiscovery.lastPathComponent($0.arn!.typeAndID.id) }
        calls.append(profileName.map { ["iam", "get-instance-profile", "--instance-profile-name", $0] } ?? [])
        let indices = calls.indices.filter { !calls[$0].isEmpty }
        let answers = query.calls(indices.map { calls[$0] })
        var byCall: [Int: AWSQuery.Answer] = [:]
        for (position, index) in indices.enumerated() { byCall[index] = answers[position] }
        func tags(_ call: Int, list: String, idKey: String) -> [String: Any] {
            guard let answer = byCall[call] else { return [:] }
            note(answer, calls[call].prefix(2).joined(separator: " "), into: &result)
            var map: [String: Any] = [:]
            for item in answer.object?.objects(list) ?? [] { if let id = item.string(idKey) { map[id] = item["Tags"] ?? item["TagSet"] } }
            return map
        }
        let volumeTags = tags(0, list: "Volumes", idKey: "VolumeId")
        let groupTags = tags(1, list: "SecurityGroups", idKey: "GroupId")
        let interfaceTags = tags(2, list: "NetworkInterfaces", idKey: "NetworkInterfaceId")
        let subnetTags = tags(3, list: "Subnets", idKey: "SubnetId")
        let vpcTags = tags(4, list: "Vpcs", idKey: "VpcId")

        for volume in volumes { add(volume, .ebsVolume, "volume attached to \(id)", tags: volumeTags[volume], into: &result) }
        for interface in interfaces { add(interface, .networkInterface, "network interface of \(id)", tags: interfaceTags[interface], into: &result) }
        for group in groups { add(group, .securityGroup, "security group of \(id)", tags: groupTags[group], into: &result) }
        add(subnet, .subnet, "subnet of \(id)", tags: subnet.flatMap { subnetTags[$0] }, into: &result)
        add(vpc, .vpc, "VPC of \(id)", tags: vpc.flatMap { vpcTags[$0] }, into: &result)
        add(profileARN, .iamInstanceProfile, "instance profile of \(id)", into: &result)
        if let answer = byCall[5] {
            note(answer, "get-instance-profile", into: &result)
            for role in answer.object?.object("InstanceProfile")?.objects("Roles") ?? [] {
                add(role.string("Arn"), .iamRole, "role (through its instance profile) of \(id)", tags: role["Tags"], into: &result)
            }
        }
        instanceService(id, into: &result)
    }
}
