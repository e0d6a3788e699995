import IncidentModel

extension DiscoveryContext {
    /// An access key's user, then everything a user leads to.
    func accessKey(_ id: String, into result: inout DiscoveryResult) {
        let answer = query.call(["iam", "get-access-key-last-used", "--access-key-id", id])
        guard let user = answer.object?.string("UserName") else {
            note(answer, "get-access-key-last-used \(id)", into: &result)
            if answer.object != nil { result.problems.append("no user owns access key \(id) (a temporary ASIA… key belongs to a role session)") }
            return
        }
        if let used = answer.object?.object("AccessKeyLastUsed"), let when = used.string("LastUsedDate") {
            result.facts.append("access key \(id) last used \(when) (\(used.string("ServiceName") ?? "?") in \(used.string("Region") ?? "?"))")
        }
        self.user(user, relation: "user of access key \(id)", excludingKey: id, into: &result)
    }

    /// A user (added as related when reached from a key), its groups, attached
    /// and inline policies, and its other access keys.
    func user(_ name: String, relation: String?, excludingKey: String? = nil, into result: inout DiscoveryResult) {
        guard (try? ResourceIdentifier(parsing: name, kind: .iamUser)) != nil else {
            result.problems.append("'\(name.terminalSafe)' is not an IAM user name")
            return
        }
        let answers = query.calls([
            ["iam", "get-user", "--user-name", name],
            ["iam", "list-groups-for-user", "--user-name", name],
            ["iam", "list-attached-user-policies", "--user-name", name],
            ["iam", "list-user-policies", "--user-name", name],
            ["iam", "list-access-keys", "--user-name", name],
            ["iam", "get-login-profile", "--user-name", name],
            ["iam", "list-mfa-devices", "--user-name", name],
        ])
        for (answer, what) in zip(answers, ["get-user", "list-groups-for-user", "list-attached-user-policies", "list-user-policies", "list-access-keys",
                                            "get-login-profile", "list-mfa-devices"]) where answer.errorCode != "NoSuchEntity" || what != "get-login-profile" {
            note(answer, "\(what) \(name)", into: &result)
        }
        let userObject = answers[0].object?.object("User")
        let owner = ownerTags.owner(in: OwnerTags.dictionary(userObject?["Tags"]))
        if let relation {
            add(userObject?.string("Arn") ?? name, .iamUser, relation, tags: userObject?["Tags"], into: &result)
        } else {
            result.owner = owner
        }
        for group in answers[1].object?.objects("Groups") ?? [] {
            add(group.string("Arn") ?? group.string("GroupName"), .iamGroup, "group of user \(name)", into: &result)
        }
        for policy in answers[2].object?.objects("AttachedPolicies") ?? [] {
            add(policy.string("PolicyArn"), .iamPolicy, "policy attached to user \(name)", into: &result)
        }
        let inline = (answers[3].object?["PolicyNames"] as? [String] ?? []).map(\.terminalSafe)
        if !inline.isEmpty { result.facts.append("user \(name) has inline policies: \(inline.joined(separator: ", "))") }
        for key in answers[4].object?.objects("AccessKeyMetadata") ?? [] where key.string("AccessKeyId") != excludingKey {
            let status = key.string("Status") ?? "?"
            add(key.string("AccessKeyId"), .iamAccessKey, "other access key (\(status)) of user \(name)", into: &result)
        }
        credentials(of: name, login: answers[5], mfa: answers[6], into: &result)
    }

    /// The instances whose instance profile carries `role`.
    func role(_ name: String, into result: inout DiscoveryResult) {
        guard (try? ResourceIdentifier(parsing: name, kind: .iamRole)) != nil else {
            result.problems.append("'\(name.terminalSafe)' is not an IAM role name")
            return
        }
        let answers = query.calls([["iam", "list-instance-profiles-for-role", "--role-name", name], ["ec2", "describe-instances"],
                                   ["iam", "list-role-tags", "--role-name", name]])
        note(answers[0], "list-instance-profiles-for-role \(name)", into: &result)
        note(answers[1], "describe-instances", into: &result)
        result.owner = ownerTags.owner(in: OwnerTags.dictionary(answers[2].object?["Tags"]))
        let profiles = Set((answers[0].object?.objects("InstanceProfiles") ?? []).compactMap { $0.string("Arn") })
        for profile in profiles.sorted() { add(profile, .iamInstanceProfile, "instance profile carrying role \(name)", into: &result) }
        // Filtered here rather than with --filters: the same answer serves every profile.
        for reservation in answers[1].object?.objects("Reservations") ?? [] {
            for instance in reservation.objects("Instances") {
                guard let arn = instance.object("IamInstanceProfile")?.string("Arn"), profiles.contains(arn) else { continue }
                add(instance.string("InstanceId"), .ec2Instance, "instance using role \(name)", tags: instance["Tags"], into: &result)
            }
        }
    }

    /// The roles in an instance profile.
    func instanceProfile(_ name: String, relation: String, into result: inout DiscoveryResult) {
        let answer = query.call(["iam", "get-instance-profile", "--instance-profile-name", name])
        note(answer, "get-instance-profile \(name)", into: &result)
        for role in answer.object?.object("InstanceProfile")?.objects("Roles") ?? [] {
            add(role.string("Arn"), .iamRole, relation + " " + name, tags: role["Tags"], into: &result)
        }
    }

    /// A user's console password and MFA devices (what `iam.contain-user` removes
    /// and deactivates): facts, and each virtual device's ARN as a related resource.
    func credentials(of name: String, login: AWSQuery.Answer, mfa: AWSQuery.Answer, into result: inout DiscoveryResult) {
        if let profile = login.object?.object("LoginProfile") {
            result.facts.append("user \(name) has a console password (created \(profile.string("CreateDate")?.terminalSafe ?? "?"))")
        } else if login.errorCode == "NoSuchEntity" {
            result.facts.append("user \(name) has no console password")
        }
        for device in mfa.object?.objects("MFADevices") ?? [] {
            guard let serial = device.string("SerialNumber") else { continue }
            let relation = "MFA device of user \(name), enabled \(device.string("EnableDate")?.terminalSafe ?? "?")"
            // A virtual device's serial is its ARN; a hardware device's is only a serial number.
            if serial.hasPrefix("arn:") {
                add(serial, .other, relation, into: &result)
            } else {
                result.facts.append("\(relation): hardware serial \(serial.terminalSafe)")
            }
        }
    }
}
