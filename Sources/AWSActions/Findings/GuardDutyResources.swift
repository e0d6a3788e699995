import IncidentModel

/// The resources of a GuardDuty finding's `Resource`, one reader per block of
/// the finding format, whatever its `ResourceType` says (a runtime finding on
/// an EKS node carries the cluster, the workload, the instance and the container).
enum GuardDutyResources {
    /// Reads every block into `harvest`; returns who acted, when the finding says.
    static func read(_ resource: FindingFields, into harvest: inout FindingHarvest) -> String? {
        var actor: String?
        if let instance = resource.child("InstanceDetails") { readInstance(instance, into: &harvest) }
        if let key = resource.child("AccessKeyDetails") { actor = readAccessKey(key, into: &harvest) }
        for bucket in resource.children("S3BucketDetails") { readBucket(bucket, into: &harvest) }
        if let cluster = resource.child("EksClusterDetails") {
            harvest.resource(cluster.text("Arn") ?? cluster.text("Name"), .eksCluster, field: cluster.name(cluster.text("Arn") != nil ? "Arn" : "Name"),
                             tags: cluster.value("Tags"))
            if cluster.text("Arn").map(FindingHarvest.isPlaceholder) == true, let name = cluster.text("Name") {
                harvest.resource(name, .eksCluster, field: cluster.name("Name"), tags: cluster.value("Tags"))
            }
        }
        if let kubernetes = resource.child("KubernetesDetails") {
            if let workload = kubernetes.child("KubernetesWorkloadDetails") { readWorkload(workload, into: &harvest) }
            if let user = kubernetes.child("KubernetesUserDetails") {
                harvest.indicator(.principal, user.text("Username"), field: user.name("Username"))
                if let name = user.text("Username") { actor = actor ?? "Kubernetes \(FindingText.line(name, maxLength: 128))" }
                if let session = user.texts("SessionName").first { harvest.indicator(.principal, session, field: user.name("SessionName")) }
                if let impersonated = user.child("ImpersonatedUser") {
                    harvest.indicator(.principal, impersonated.text("Username"), field: impersonated.name("Username"))
                }
            }
        }
        if let ecs = resource.child("EcsClusterDetails") { readECS(ecs, into: &harvest) }
        if let container = resource.child("ContainerDetails") { readContainer(container, into: &harvest) }
        if let db = resource.child("RdsDbInstanceDetails") {
            let id = db.text("DbInstanceArn") ?? db.text("DbInstanceIdentifier")
            harvest.resource(id, .rdsDBInstance, field: db.name(db.text("DbInstanceArn") != nil ? "DbInstanceArn" : "DbInstanceIdentifier"),
                             tags: db.value("Tags"))
        }
        if let limitless = resource.child("RdsLimitlessDbDetails") {
            // A DB shard group has no kind of its own: kept by its ARN, so it is named and can be looked up.
            harvest.resource(limitless.text("DbShardGroupArn"), nil, field: limitless.name("DbShardGroupArn"), tags: limitless.value("Tags"))
        }
        if let user = resource.child("RdsDbUserDetails") {
            harvest.indicator(.principal, user.text("User"), field: user.name("User"))
            if let name = user.text("User"), actor == nil { actor = "database user \(FindingText.line(name, maxLength: 128))" }
        }
        if let lambda = resource.child("LambdaDetails") {
            let id = lambda.text("FunctionArn") ?? lambda.text("FunctionName")
            harvest.resource(id, .lambdaFunction, field: lambda.name(lambda.text("FunctionArn") != nil ? "FunctionArn" : "FunctionName"),
                             tags: lambda.value("Tags"))
            harvest.resource(lambda.text("Role"), .iamRole, field: lambda.name("Role"))
        }
        if let ebs = resource.child("EbsVolumeDetails") {
            for volume in ebs.children("ScannedVolumeDetails") + ebs.children("SkippedVolumeDetails") {
                harvest.resource(volume.text("VolumeArn"), .ebsVolume, field: volume.name("VolumeArn"))
            }
        }
        if let snapshot = resource.child("EbsSnapshotDetails") {
            harvest.resource(snapshot.text("SnapshotArn"), .ebsSnapshot, field: snapshot.name("SnapshotArn"))
        }
        if let image = resource.child("Ec2ImageDetails") {
            harvest.resource(image.text("ImageArn"), .amiImage, field: image.name("ImageArn"))
        }
        return actor
    }

    static func readInstance(_ instance: FindingFields, into harvest: inout FindingHarvest) {
        let zone = instance.text("AvailabilityZone")
        // us-east-1a → us-east-1: where the instance is, when the finding's own region is absent.
        let zoneRegion = zone.map { String($0.dropLast()) }.flatMap { AWSRegion.isWellFormed($0) ? $0 : nil }
        harvest.resource(instance.text("InstanceId"), .ec2Instance, field: instance.name("InstanceId"), tags: instance.value("Tags"),
                         region: zoneRegion)
        if let profile = instance.child("IamInstanceProfile") {
            harvest.resource(profile.text("Arn"), .iamInstanceProfile, field: profile.name("Arn"))
        }
    }

    /// The key and the principal behind it, by `UserType`: an IAM user, a role
    /// (its session's role), the account's root user, or a federated user.
    static func readAccessKey(_ key: FindingFields, into harvest: inout FindingHarvest) -> String? {
        let keyID = key.text("AccessKeyId")
        if harvest.resource(keyID, .iamAccessKey, field: key.name("AccessKeyId")) {
            harvest.indicator(.accessKeyID, keyID, field: key.name("AccessKeyId"))
        }
        let name = key.text("UserName"), type = key.text("UserType"), principalID = key.text("PrincipalId")
        let nameField = key.name("UserName")
        switch type {
        case "IAMUser":
            harvest.resource(name, .iamUser, field: nameField)
        case "AssumedRole", "Role":
            harvest.resource(name, .iamRole, field: nameField)
        case "Root":
            if let account = harvest.account {
                harvest.resource("arn:aws:iam::\(account):root", .awsRootUser, field: key.name("UserType"))
            } else {
                harvest.unusable(key.name("UserType"), "is Root, but the finding has no usable account id to name the root user by")
            }
        default:
            break
        }
        if type == "FederatedUser", let name, let account = harvest.account, (try? ResourceIdentifier(parsing: name, kind: .iamUser)) != nil {
            // A federated user's ARN has no kind to act on; it is kept as an indicator.
            harvest.indicator(.principal, "arn:aws:sts::\(account):federated-user/\(name)", field: nameField)
        } else {
            harvest.indicator(.principal, name, field: nameField)
        }
        if let principalID, !FindingHarvest.isPlaceholder(principalID) { harvest.indicator(.principal, principalID, field: key.name("PrincipalId")) }
        guard let name, !FindingHarvest.isPlaceholder(name) else { return type }
        return "\(type ?? "principal") \(FindingText.line(name, maxLength: 128))"
    }

    /// A bucket, and the objects malware protection scanned in it.
    static func readBucket(_ bucket: FindingFields, into harvest: inout FindingHarvest) {
        let tags = bucket.value("Tags")
        if !harvest.resource(bucket.text("Arn"), .s3Bucket, field: bucket.name("Arn"), tags: tags) || bucket.text("Arn") == nil {
            harvest.resource(bucket.text("Name"), .s3Bucket, field: bucket.name("Name"), tags: tags)
        }
        for object in bucket.children("S3ObjectDetails") {
            harvest.indicator(.fileHash, object.text("Hash"), field: object.name("Hash"))
            if let arn = object.text("ObjectArn"), harvest.resource(arn, .s3Object, field: object.name("ObjectArn")) { continue }
            if let name = bucket.text("Name"), let key = object.text("Key") {
                harvest.resource("s3://\(name)/\(key)", .s3Object, field: object.name("Key"))
            }
        }
    }

    /// `NAMESPACE/TYPE/NAME`, the type lowercased as `kubectl` spells it (`default/deployment/web`).
    static func readWorkload(_ workload: FindingFields, into harvest: inout FindingHarvest) {
        guard let name = workload.text("Name") else { return }
        let namespace = workload.text("Namespace") ?? "default"
        let type = (workload.text("Type") ?? "pod").lowercased()
        harvest.resource("\(namespace)/\(type)/\(name)", .kubernetesWorkload, field: workload.name("Name"))
        for container in workload.children("Containers") { readContainer(container, into: &harvest) }
    }

    static func readECS(_ ecs: FindingFields, into harvest: inout FindingHarvest) {
        let clusterField = ecs.text("Arn") != nil ? "Arn" : "Name"
        harvest.resource(ecs.text("Arn") ?? ecs.text("Name"), .ecsCluster, field: ecs.name(clusterField), tags: ecs.value("Tags"))
        if let task = ecs.child("TaskDetails") {
            harvest.resource(task.text("Arn"), .ecsTask, field: task.name("Arn"), tags: task.value("Tags"))
            for container in task.children("Containers") { readContainer(container, into: &harvest) }
        }
    }

    /// A container's image, as an `ecr-image` when it lives in ECR
    /// (`ACCOUNT.dkr.ecr.REGION.amazonaws.com/REPOSITORY[:TAG|@sha256:…]`); other registries have no kind here.
    static func readContainer(_ container: FindingFields, into harvest: inout FindingHarvest) {
        guard let image = container.text("Image") else { return }
        guard let reference = ECRImageReference(image) else { return }
        harvest.resource(reference.id, .ecrImage, field: container.name("Image"), region: reference.region, account: reference.account)
    }
}

/// An ECR image URI taken apart: `123456789012.dkr.ecr.us-east-1.amazonaws.com/web@sha256:…`.
struct ECRImageReference {
    var account: String
    var region: String
    /// `REPOSITORY@sha256:DIGEST` or `REPOSITORY:TAG`, the `ecr-image` id.
    var id: String

    init?(_ uri: String) {
        guard let slash = uri.firstIndex(of: "/") else { return nil }
        let host = uri[..<slash].split(separator: ".")
        guard host.count >= 6, host[1] == "dkr", host[2] == "ecr", host[0].count == 12, host[0].allSatisfy(\.isNumber),
              AWSRegion.isWellFormed(String(host[3])) else { return nil }
        let rest = String(uri[uri.index(after: slash)...])
        guard rest.contains("@sha256:") || rest.contains(":") else { return nil }
        account = String(host[0])
        region = String(host[3])
        id = rest
    }
}
