import AWSActions
@testable import FirebreakCLI
import Foundation
import IncidentModel
import Testing

/// What the console's `a` offers on a resource: every action of the runbooks' toolkit is in the catalog under its
/// id and is listed on each kind of resource it applies to, through the very service the console's keys call.
@Suite("The console's action menu on every kind the toolkit covers")
struct ConsoleActionMenuTests {
    /// The ids scripts and acceptance checks call (the toolkit added after the first isolation).
    static let toolkit = [
        "iam.contain-user", "iam.restrict-trust", "iam.deny-session", "cloudtrail.persistence-sweep",
        "ec2.detach-from-asg", "ec2.deregister-from-lb", "ec2.remove-instance-profile", "ec2.disassociate-eip",
        "ec2.preserve-evidence", "ec2.share-snapshot", "ec2.lock-snapshot", "ec2.revoke-public-ingress",
        "s3.contain-bucket", "s3.enforce-owner", "s3.account-block-public-access", "kms.review-key", "kms.revoke-grant",
        "secrets.rotate", "ssm.overwrite-parameter", "lambda.contain", "rds.disable-public-access", "rds.make-snapshot-private",
        "eks.restrict-endpoint", "cloudtrail.restart-logging", "organizations.quarantine-account",
    ]

    /// The kinds these actions act on, each with at least one action of its own in the menu. (An Auto Scaling
    /// group, a load balancer and an Elastic IP are acted on from their instance: `ec2.detach-from-asg`,
    /// `ec2.deregister-from-lb` and `ec2.disassociate-eip` take the instance, the first above.)
    static let newKinds: [ResourceKind] = [.secret, .ssmParameter, .lambdaFunction, .rdsDBInstance, .rdsSnapshot, .eksCluster, .awsAccount]

    static func service() throws -> CatalogActionService {
        CatalogActionService(catalog: try ActionCatalog.load(locator: ActionCatalogLocator(searchDirectories: [])),
                             runner: AWSCLIRunner(configuration: AWSCLIConfiguration(region: "us-east-1")))
    }

    static func resource(_ kind: ResourceKind) -> Resource {
        Resource(id: "example-\(kind.rawValue)", kind: kind, state: .compromised, addedAt: Date(timeIntervalSince1970: 0), addedBy: "alice")
    }

    @Test(arguments: toolkit)
    func eachActionIsListedOnEveryKindItAppliesTo(_ id: String) throws {
        let service = try Self.service()
        let definition = try #require(service.catalog.actions.first { $0.id == id }, "\(id) is not in the catalog")
        #expect(!definition.kinds.isEmpty)
        for kind in definition.kinds {
            let menu = try service.actions(for: [Self.resource(kind)])
            #expect(menu.contains { $0.id == id }, "\(id) is missing from the menu of a \(kind.rawValue)")
            // The menu says what the plan will: the same risk the catalog gives it.
            #expect(menu.first { $0.id == id }?.risk == definition.risk.rawValue)
        }
    }

    @Test(arguments: newKinds)
    func eachNewKindHasItsOwnActions(_ kind: ResourceKind) throws {
        let menu = try Self.service().actions(for: [Self.resource(kind)])
        #expect(menu.contains { Self.toolkit.contains($0.id) }, "a \(kind.rawValue) offers none of the toolkit: \(menu.map(\.id))")
    }
}
