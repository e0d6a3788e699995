import IncidentModel

/// The resources of an ASFF finding's `Resources` (and of an OCSF finding's
/// `resources`): each entry's `Type` gives the kind, its `Id` (an ARN or a bare
/// id) is checked against that kind, its `Details` fill in what the id lacks
/// (the principal behind an access key, an image's repository and digest),
/// its `Region` and `Tags` say where it lives and who owns it.
enum SecurityHubResources {
    /// Resource types and the kinds they map to, by `normalized` name, so that
    /// ASFF's `AwsEc2Instance` and OCSF's `AWS::EC2::Instance` are one entry.
    /// A type not listed is inferred from its id.
    static let kinds: [String: ResourceKind] = [
        "awsec2instance": .ec2Instance, "awsec2volume": .ebsVolume, "awsec2snapshot": .ebsSnapshot, "awsec2image": .amiImage,
        "awsec2securitygroup": .securityGroup, "awsec2subnet": .subnet, "awsec2vpc": .vpc,
        "awsec2networkinterface": .networkInterface, "awsec2networkacl": .networkACL, "awsec2eip": .elasticIP,
        "awsiamaccesskey": .iamAccessKey, "awsiamuser": .iamUser, "awsiamrole": .iamRole, "awsiamgroup": .iamGroup,
        "awsiampolicy": .iamPolicy, "awsiammanagedpolicy": .iamPolicy, "awsiaminstanceprofile": .iamInstanceProfile,
        "awss3bucket": .s3Bucket, "awss3object": .s3Object, "awskmskey": .kmsKey,
        "awslambdafunction": .lambdaFunction, "awscloudtrailtrail": .cloudTrailTrail, "awslogsloggroup": .logGroup,
        "awsrdsdbinstance": .rdsDBInstance, "awsrdsdbsnapshot": .rdsSnapshot,
        "awsekscluster": .eksCluster, "awsecscluster": .ecsCluster, "awsecstask": .ecsTask,
        "awsecrcontainerimage": .ecrImage, "awsecrimage": .ecrImage,
        "awssecretsmanagersecret": .secret, "awsssmparameter": .ssmParameter,
        "awsautoscalingautoscalinggroup": .autoScalingGroup, "awselbv2loadbalancer": .loadBalancer,
        "awselbloadbalancer": .loadBalancer, "awselasticloadbalancingv2loadbalancer": .loadBalancer,
        "awselasticloadbalancingloadbalancer": .loadBalancer, "awsroute53hostedzone": .route53Zone,
        "awsaccount": .awsAccount,
    ]

    /// `AwsEc2Instance` and `AWS::EC2::Instance` both become `awsec2instance`.
    static func normalized(_ type: String) -> String {
        type.lowercased().filter { $0.isLetter || $0.isNumber }
    }

    /// Where a details block keeps a name the id may lack, per type.
    static let detailNames: [String: (block: String, key: String)] = [
        "awsekscluster": ("AwsEksCluster", "Name"), "awsrdsdbinstance": ("AwsRdsDbInstance", "DbInstanceIdentifier"),
        "awslambdafunction": ("AwsLambdaFunction", "FunctionName"), "awssecretsmanagersecret": ("AwsSecretsManagerSecret", "Name"),
        "awskmskey": ("AwsKmsKey", "KeyId"), "awsecscluster": ("AwsEcsCluster", "ClusterName"),
    ]

    /// Reads one entry into `harvest`; returns who acted when the entry says (an access key's principal).
    static func read(_ entry: FindingFields, into harvest: inout FindingHarvest) -> String? {
        let rawType = entry.text("Type") ?? entry.text("type_name") ?? ""
        let type = normalized(rawType)
        let idKey = entry.has("Id") ? "Id" : "uid"
        let id = entry.text(idKey)
        let field = entry.name(idKey)
        var region: String? = nil
        if let text = entry.text("Region") {
            if AWSRegion.isWellFormed(text) { region = text } else { harvest.unusable(entry.name("Region"), "'\(text.terminalSafe)' is not a region name") }
        }
        let tags = entry.value("Tags")
        let details = entry.child("Details")
        if id == nil { harvest.unusable(field, "is missing") }
        switch type {
        case "awsaccount":
            // `AWS::::Account:123456789012`, or the bare id.
            let account = id.map { String($0.split(separator: ":").last ?? "") }
            harvest.resource(account, .awsAccount, field: field)
            return nil
        case "awsiamaccesskey":
            return readAccessKey(id: id, field: field, details: details?.child("AwsIamAccessKey"), into: &harvest)
        case "awsec2instance":
            harvest.resource(id, .ec2Instance, field: field, tags: tags, region: region)
            if let instance = details?.child("AwsEc2Instance") {
                harvest.resource(instance.text("IamInstanceProfileArn"), .iamInstanceProfile, field: instance.name("IamInstanceProfileArn"))
            }
            return nil
        case "awsecrcontainerimage", "awsecrimage":
            if let image = details?.child("AwsEcrContainerImage"), let repository = image.text("RepositoryName"), let digest = image.text("ImageDigest"),
               id.flatMap({ try? ResourceIdentifier(parsing: $0, kind: .ecrImage) }) == nil {
                harvest.resource("\(repository)@\(digest)", .ecrImage, field: image.name("ImageDigest"), tags: tags, region: region,
                                 account: image.text("RegistryId"))
                return nil
            }
            harvest.resource(id, .ecrImage, field: field, tags: tags, region: region)
            return nil
        default:
            let kind = kinds[type]
            if harvest.resource(id, kind, field: field, tags: tags, region: region) { return nil }
            if let place = detailNames[type], let block = details?.child(place.block), let name = block.text(place.key) {
                harvest.resource(name, kind, field: block.name(place.key), tags: tags, region: region)
            }
            return nil
        }
    }

    /// `AWS::IAM::AccessKey:ASIA…` (GuardDuty's form) or a bare key id; `…:null`
    /// for a console sign-in, which used no key: then the principal in the
    /// details is all there is.
    static func readAccessKey(id: String?, field: String, details: FindingFields?, into harvest: inout FindingHarvest) -> String? {
        if let id {
            let key = id.hasPrefix("AWS::IAM::AccessKey:") ? String(id.dropFirst("AWS::IAM::AccessKey:".count)) : id
            if key == "null" || key.isEmpty {
                harvest.unusable(field, "'\(id.terminalSafe)' names no access key (a console sign-in uses none)")
            } else if harvest.resource(key, .iamAccessKey, field: field) {
                harvest.indicator(.accessKeyID, key, field: field)
            }
        }
        guard let details else { return nil }
        let name = details.text("PrincipalName") ?? details.text("UserName")
        let nameField = details.name(details.text("PrincipalName") != nil ? "PrincipalName" : "UserName")
        let type = details.text("PrincipalType")
        switch type {
        case "IAMUser":
            harvest.resource(name, .iamUser, field: nameField)
        case "AssumedRole", "Role":
            let issuer = details.child("SessionContext")?.child("SessionIssuer")
            if let arn = issuer?.text("Arn"), harvest.resource(arn, .iamRole, field: issuer!.name("Arn")) { break }
            harvest.resource(name, .iamRole, field: nameField)
        case "Root":
            if let account = details.text("AccountId") ?? harvest.account {
                harvest.resource("arn:aws:iam::\(account):root", .awsRootUser, field: details.name("PrincipalType"))
            }
        default:
            break
        }
        harvest.indicator(.principal, name, field: nameField)
        harvest.indicator(.principal, details.text("PrincipalId"), field: details.name("PrincipalId"))
        guard let name, !FindingHarvest.isPlaceholder(name) else { return type }
        return "\(type ?? "principal") \(FindingText.line(name, maxLength: 128))"
    }
}
