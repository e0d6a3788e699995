import IncidentModel

extension DiscoveryContext {
    /// What serves traffic to an instance or keeps it running: its Auto Scaling
    /// group, its Elastic IPs, the target groups and Classic Load Balancers it is
    /// registered with (the resources `ec2.detach-from-asg`,
    /// `ec2.disassociate-eip` and `ec2.deregister-from-lb` act on).
    func instanceService(_ id: String, into result: inout DiscoveryResult) {
        let answers = query.calls([
            ["autoscaling", "describe-auto-scaling-instances", "--instance-ids", id],
            ["ec2", "describe-addresses", "--filters", "Name=instance-id,Values=\(id)"],
            ["elbv2", "describe-target-groups"],
            ["elb", "describe-load-balancers"],
        ])
        for (answer, what) in zip(answers, ["describe-auto-scaling-instances", "describe-addresses", "describe-target-groups", "describe-load-balancers"]) {
            note(answer, "\(what) for \(id)", into: &result)
        }
        for member in answers[0].object?.objects("AutoScalingInstances") ?? [] {
            let state = member.string("LifecycleState") ?? "?"
            add(member.string("AutoScalingGroupName"), .autoScalingGroup, "Auto Scaling group of \(id) (\(state.terminalSafe))", into: &result)
        }
        for address in answers[1].object?.objects("Addresses") ?? [] {
            let relation = "Elastic IP \(address.string("PublicIp")?.terminalSafe ?? "?") of \(id)"
            add(address.string("AllocationId"), .elasticIP, relation, tags: address["Tags"], into: &result)
        }
        for balancer in answers[3].object?.objects("LoadBalancerDescriptions") ?? []
        where balancer.objects("Instances").contains(where: { $0.string("InstanceId") == id }) {
            add(balancer.string("LoadBalancerName"), .loadBalancer, "Classic Load Balancer serving \(id)", into: &result)
        }
        // Registration is per target group: one describe-target-health each, at once.
        let groups = (answers[2].object?.objects("TargetGroups") ?? [])
            .filter { $0.string("TargetType") == "instance" }.compactMap { $0.string("TargetGroupArn") }
            .filter { (try? ResourceIdentifier(parsing: $0, kind: .targetGroup)) != nil }
        guard !groups.isEmpty else { return }
        let health = query.calls(groups.map { ["elbv2", "describe-target-health", "--target-group-arn", $0] })
        for (group, answer) in zip(groups, health) {
            note(answer, "describe-target-health \(group)", into: &result)
            let ports = (answer.object?.objects("TargetHealthDescriptions") ?? []).compactMap { $0.object("Target") }
                .filter { $0.string("Id") == id }.map { ($0["Port"] as? Int).map(String.init) ?? "?" }
            if !ports.isEmpty { add(group, .targetGroup, "target group serving \(id) on port \(ports.joined(separator: ", "))", into: &result) }
        }
    }
}
