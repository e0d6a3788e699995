@testable import AWSActions
import Foundation
import IncidentModel
import Testing

/// What Firebreak reads from `get-caller-identity`, which bucket policies it
/// counts as shutting the caller out, and which actions must guard the caller.
@Suite("The caller and what is its own")
struct CallerIdentityTests {
    @Test func callerARNsNameTheirUserOrRoleWhateverThePath() throws {
        #expect(try CallerIdentity(arn: "arn:aws:iam::123456789012:user/division/ops/alice", account: "123456789012").principal == .user(name: "alice"))
        // moto's answer for dummy credentials, taken as the IAM user it stands for.
        #expect(try CallerIdentity(arn: "arn:aws:sts::123456789012:user/moto", account: "").principal == .user(name: "moto"))
        let session = try CallerIdentity(arn: "arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_Admin_0123/alice@example.com", account: "123456789012")
        #expect(session.principal == .assumedRole(role: "AWSReservedSSO_Admin_0123", session: "alice@example.com"))
        #expect(session.shortName == "AWSReservedSSO_Admin_0123")
        #expect(try CallerIdentity(arn: "arn:aws:iam::123456789012:root", account: "123456789012").principal == .root)
        #expect(try CallerIdentity(arn: "arn:aws:sts::123456789012:federated-user/bob", account: "123456789012").principal == .other)
        #expect(throws: (any Error).self) { try CallerIdentity(arn: "not an arn", account: "") }
    }

    @Test func theKeyInUseIsShownByItsLastFourCharactersOnly() {
        let caller = CallerIdentity(arn: "arn:aws:iam::123456789012:user/alice", account: "123456789012", principal: .user(name: "alice"),
                                    accessKey: "AKIAIOSFODNN7EXAMPLE")
        #expect(caller.actingAs == "acting as arn:aws:iam::123456789012:user/alice (access key …MPLE)")
    }

    static let user = CallerIdentity(arn: "arn:aws:iam::123456789012:user/ops/alice", account: "123456789012", userID: "AIDAEXAMPLE",
                                     principal: .user(name: "alice"))
    static let role = CallerIdentity(arn: "arn:aws:sts::123456789012:assumed-role/Responder/alice", account: "123456789012",
                                     userID: "AROAEXAMPLE:alice", principal: .assumedRole(role: "Responder", session: "alice"))

    func policy(_ statement: [String: Any]) -> [String: Any] {
        ["Version": "2012-10-17", "Statement": [["Effect": "Deny", "Action": "s3:*", "Resource": "*"].merging(statement) { $1 }]]
    }

    @Test func aDenyCoveringTheCallerCountsUnlessItExemptsTheCaller() {
        #expect(BucketPolicyCheck.denies(Self.user, policy: policy(["Principal": "*"])))
        #expect(BucketPolicyCheck.denies(Self.user, policy: policy(["Principal": ["AWS": "arn:aws:iam::123456789012:root"]])))
        #expect(BucketPolicyCheck.denies(Self.role, policy: policy(["Principal": ["AWS": ["arn:aws:iam::123456789012:role/ops/Responder"]]])))
        #expect(!BucketPolicyCheck.denies(Self.user, policy: policy(["Principal": ["AWS": "arn:aws:iam::210987654321:root"]])))
        // "Everyone but": the caller among the exempted, by ARN, by wildcard, by role name, by user id.
        let but = { (key: String, values: [String]) in self.policy(["Principal": "*", "Condition": ["StringNotLike": [key: values]]]) }
        #expect(!BucketPolicyCheck.denies(Self.user, policy: but("aws:PrincipalArn", ["arn:aws:iam::123456789012:user/ops/alice"])))
        #expect(!BucketPolicyCheck.denies(Self.user, policy: but("aws:PrincipalArn", ["arn:aws:iam::123456789012:user/*"])))
        #expect(!BucketPolicyCheck.denies(Self.role, policy: but("aws:PrincipalArn", ["arn:aws:iam::123456789012:role/ops/Responder"])))
        #expect(!BucketPolicyCheck.denies(Self.role, policy: but("aws:userid", ["AROAEXAMPLE:*"])))
        // Everyone but someone else shuts the caller out.
        #expect(BucketPolicyCheck.denies(Self.role, policy: but("aws:PrincipalArn", ["arn:aws:iam::123456789012:role/Forensics"])))
        // A NotPrincipal that leaves the caller out of the deny; one that does not.
        #expect(!BucketPolicyCheck.denies(Self.user, policy: policy(["NotPrincipal": ["AWS": ["arn:aws:iam::123456789012:user/ops/alice"]]])))
        #expect(BucketPolicyCheck.denies(Self.user, policy: policy(["NotPrincipal": ["AWS": ["arn:aws:iam::123456789012:user/bob"]]])))
        // A condition Firebreak does not evaluate (transport) is not counted; an Allow never is.
        #expect(!BucketPolicyCheck.denies(Self.user, policy: policy(["Principal": "*", "Condition": ["Bool": ["aws:SecureTransport": "false"]]])))
        #expect(!BucketPolicyCheck.denies(Self.user, policy: policy(["Effect": "Allow", "Principal": "*"])))
    }

    /// Every built-in action that changes an IAM identity or writes a bucket
    /// policy declares `guardsCaller`, so none can lock Firebreak out.
    @Test func everyIdentityOrBucketPolicyActionGuardsTheCaller() throws {
        let catalog = try ActionCatalog.load(locator: ActionCatalogLocator(searchDirectories: []))
        let identities: Set<ResourceKind> = [.iamUser, .iamRole, .iamAccessKey]
        var checked = 0
        for action in catalog.actions where action.risk != .readOnly {
            let touchesIdentity = !identities.isDisjoint(with: action.kinds) && action.steps.contains { $0.arguments.first == .literal("iam") }
            let writesBucketPolicy = action.steps.contains { $0.arguments.contains(.literal("put-bucket-policy")) }
            guard touchesIdentity || writesBucketPolicy else { continue }
            checked += 1
            #expect(action.guardsCaller, "\(action.id) acts on an identity or a bucket policy without guarding the caller")
        }
        #expect(checked >= 4)
        #expect(try catalog.action("iam.deactivate-key").undoParameters.map(\.name) == ["reactivate"])
    }

    @Test func theNewFieldsAreCheckedWhereTheyAreRead() {
        func load(_ extra: String, kinds: String = #"["iam-access-key"]"#) -> String {
            let text = #"{"id": "x.y", "phase": "containment", "kinds": \#(kinds), "summary": "s", "risk": "reversible", "#
                + #""steps": [{"name": "a", "argv": ["iam", "update-access-key"]}], "undo": [{"name": "b", "argv": ["iam", "update-access-key"]}]"#
                + extra + "}"
            do { _ = try ActionDefinition.load(json: Data(text.utf8), file: "x.json"); return "loaded" } catch { return "\(error)" }
        }
        #expect(load(#", "guardsCaller": true"#, kinds: #"["ec2-instance"]"#).contains("not an identity or a bucket"))
        #expect(load(#", "undoNotice": {"unless": "reactivate", "text": "t"}"#).contains("'reactivate' is not an undo parameter"))
        #expect(load(#", "onUndo": {"state": "recovered", "when": "reactivate"}"#).contains("'reactivate' is not an undo parameter"))
        #expect(load(#", "kindNotices": {"iam-role": "t"}"#).contains("not one of the action's kinds"))
        #expect(load(#", "kindNotices": {"iam-access-key": "{nowhere}"}"#).contains("unknown placeholder {nowhere}"))
        #expect(load(#", "undoParameters": [{"name": "reactivate", "shape": "choice", "choices": ["yes"], "summary": "s"}], "undoNotice": {"unless": "reactivate", "text": "t"}, "guardsCaller": true"#) == "loaded")
    }
}
