import Foundation
import IncidentModel

/// Finds the resources related to one incident resource through the AWS CLI
/// (read-only calls only), for the blast radius:
///
/// - an instance: its volumes, network interfaces, security groups, subnet,
///   VPC, instance profile and the profile's roles;
/// - an access key: its user, then as for a user;
/// - a user: its groups, attached policies, inline policies (as facts) and other keys;
/// - a role: the instances whose instance profile carries it;
/// - a bucket: its policy (principals it names join; the policy is a fact) and
///   its public-access state.
///
/// Owners come from tags (`OwnerTags`). Every id AWS returns is checked
/// against the shape of its kind before it can become a resource or an argument.
///
/// ```swift
/// let discovery = ResourceDiscovery(runner: runner)
/// let found = discovery.discover(try ResourceIdentifier(parsing: "i-0123456789abcdef0"), region: "us-east-1", account: nil)
/// ```
public struct ResourceDiscovery: Sendable {
    public var runner: AWSCLIRunner
    public var ownerTags: OwnerTags

    public init(runner: AWSCLIRunner, ownerTags: OwnerTags = OwnerTags()) {
        self.runner = runner
        self.ownerTags = ownerTags
    }

    /// The kinds discovery can start from.
    public static let followedKinds: Set<ResourceKind> = [.ec2Instance, .iamAccessKey, .iamUser, .iamRole, .iamInstanceProfile, .s3Bucket]

    public func discover(_ resource: ResourceIdentifier, region: String?, account: String?) -> DiscoveryResult {
        let context = DiscoveryContext(query: AWSQuery(runner: runner, region: region), ownerTags: ownerTags, region: region, account: account)
        let id = resource.arn?.typeAndID.id ?? resource.id
        var result = DiscoveryResult()
        switch resource.kind {
        case .ec2Instance: context.instance(id, into: &result)
        case .iamAccessKey: context.accessKey(id, into: &result)
        case .iamUser: context.user(Self.lastPathComponent(id), relation: nil, into: &result)
        case .iamRole: context.role(Self.lastPathComponent(id), into: &result)
        case .iamInstanceProfile: context.instanceProfile(Self.lastPathComponent(id), relation: "role in instance profile", into: &result)
        case .s3Bucket: context.bucket(id.hasPrefix("s3://") ? String(id.dropFirst(5)) : id, into: &result)
        default:
            result.problems.append("discovery does not follow \(resource.kind.rawValue) resources yet (it follows \(Self.followedKinds.map(\.rawValue).sorted().joined(separator: ", ")))")
        }
        return result
    }

    /// `name` from an IAM path such as `path/to/name`.
    static func lastPathComponent(_ id: String) -> String {
        id.split(separator: "/").last.map(String.init) ?? id
    }
}

/// The calls and checks one discovery run shares.
struct DiscoveryContext {
    let query: AWSQuery
    let ownerTags: OwnerTags
    let region: String?
    let account: String?

    /// Adds `id` as `kind` if AWS returned something of the right shape; a malformed id is a problem, not a resource.
    func add(_ id: String?, _ kind: ResourceKind, _ relation: String, tags: Any? = nil, into result: inout DiscoveryResult) {
        guard let id, !id.isEmpty else { return }
        do {
            let reference = try ResourceIdentifier(parsing: id, kind: kind)
            let regionless = FindingReference.regionless.contains(reference.kind)
            result.add(DiscoveredResource(reference: reference, relation: relation, region: regionless ? nil : (reference.region ?? region),
                                          account: reference.account ?? account, owner: ownerTags.owner(in: OwnerTags.dictionary(tags))))
        } catch {
            result.problems.append("ignored \(relation) '\(id.terminalSafe)': \(error)")
        }
    }

    func note(_ answer: AWSQuery.Answer, _ what: String, into result: inout DiscoveryResult) {
        if let failure = answer.failureText { result.problems.append("\(what): \(failure)") }
    }
}
