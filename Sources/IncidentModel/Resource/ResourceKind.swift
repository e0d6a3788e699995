import Foundation

/// What kind of AWS thing a resource is.
public enum ResourceKind: String, CaseIterable, Codable, Sendable {
    case ec2Instance = "ec2-instance"
    case ebsVolume = "ebs-volume"
    case ebsSnapshot = "ebs-snapshot"
    case amiImage = "ami-image"
    case securityGroup = "security-group"
    case subnet
    case vpc
    case networkInterface = "network-interface"
    case networkACL = "network-acl"
    case iamUser = "iam-user"
    case iamRole = "iam-role"
    case iamRoleSession = "iam-role-session"
    case iamGroup = "iam-group"
    case iamPolicy = "iam-policy"
    case iamInstanceProfile = "iam-instance-profile"
    case iamAccessKey = "iam-access-key"
    case s3Bucket = "s3-bucket"
    case s3Object = "s3-object"
    case kmsKey = "kms-key"
    case kmsAlias = "kms-alias"
    case route53Zone = "route53-zone"
    case route53Record = "route53-record"
    case lambdaFunction = "lambda-function"
    case logGroup = "log-group"
    case cloudTrailTrail = "cloudtrail-trail"
    case ipAddress = "ip-address"
    case autoScalingGroup = "autoscaling-group"
    /// An Elastic Load Balancing load balancer: application, network, gateway or classic.
    case loadBalancer = "load-balancer"
    case targetGroup = "target-group"
    /// An Elastic IP address's allocation (`eipalloc-…`).
    case elasticIP = "elastic-ip"
    /// A Secrets Manager secret.
    case secret
    /// A Systems Manager Parameter Store parameter.
    case ssmParameter = "ssm-parameter"
    case rdsDBInstance = "rds-db-instance"
    /// A manual or automated RDS DB snapshot (not a cluster snapshot).
    case rdsSnapshot = "rds-snapshot"
    case eksCluster = "eks-cluster"
    /// A Kubernetes workload inside a cluster, named `NAMESPACE/TYPE/NAME` (e.g. `default/deployment/web`).
    case kubernetesWorkload = "kubernetes-workload"
    case ecsCluster = "ecs-cluster"
    case ecsTask = "ecs-task"
    /// A container image in an ECR repository, `REPOSITORY@sha256:DIGEST` or `REPOSITORY:TAG`.
    case ecrImage = "ecr-image"
    /// A whole AWS account, by its 12-digit id.
    case awsAccount = "aws-account"
    /// An account's root user (`arn:aws:iam::ACCOUNT:root`).
    case awsRootUser = "aws-root-user"
    /// A well-formed ARN of a type Firebreak has no special knowledge of.
    case other

    /// Parses a kind name in any case.
    public init(parsing text: String) throws {
        guard let kind = ResourceKind(rawValue: text.trimmingCharacters(in: .whitespaces).lowercased()) else {
            throw IncidentError.invalidInput("unknown resource kind '\(text.terminalSafe)'; expected one of \(ResourceKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self = kind
    }
}
