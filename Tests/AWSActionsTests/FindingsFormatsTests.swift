import AWSActions
import Foundation
import IncidentModel
import Testing

/// Every resource type of GuardDuty's finding format, Security Hub's ASFF and
/// OCSF, and the odd values real findings carry, read by the same parser as
/// `import --from` and folded into an incident through `FindingImport`: each
/// test names the resources (kind, region, account, owner), indicators and
/// unusable fields a finding must make.
@Suite("Findings formats")
struct FindingsFormatsTests {
    static func document(_ name: String) throws -> FindingsDocument {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/findings/\(name)")
        return try FindingsDocument.parse(try Data(contentsOf: url), source: name)
    }

    static func finding(_ document: FindingsDocument, type: String) throws -> Finding {
        try #require(document.findings.first { $0.type == type }, "no finding of type \(type)")
    }

    /// `(kind, id)` of each resource, in order.
    static func kinds(_ finding: Finding) -> [String] { finding.resources.map { "\($0.reference.kind.rawValue) \($0.reference.id)" } }

    static func indicators(_ finding: Finding) -> [String] { finding.indicators.map { "\($0.kind.rawValue) \($0.value)" } }

    /// The incident after importing every finding, and the events that made it.
    static func imported(_ documents: [FindingsDocument]) throws -> (IncidentState, [EventPayload]) {
        let opened = Event(incident: IncidentID(rawValue: 1), seq: 1, at: Date(), recordedAt: Date(), actor: "t",
                           payload: .incidentOpened(IncidentOpened(title: "t", severity: Severity(rawValue: 2)!)))
        var state = try IncidentState(opening: opened)
        var all: [EventPayload] = []
        for finding in documents.flatMap(\.findings) {
            for payload in FindingImport.events(for: finding, in: state) {
                try state.validate(payload)
                state.apply(Event(incident: state.incident.id, seq: state.lastSeq + 1, at: Date(), recordedAt: Date(), actor: "t", payload: payload))
                all.append(payload)
            }
        }
        return (state, all)
    }

    @Test func everyGuardDutyResourceTypeMakesResourcesOfTheRightKind() throws {
        let document = try Self.document("guardduty-resource-types.json")
        #expect(document.problems.isEmpty)
        #expect(document.findings.count == 14)
        #expect(document.findings.allSatisfy { $0.unusable.isEmpty }, "\(document.findings.flatMap(\.unusable))")

        let instance = try Self.finding(document, type: "Backdoor:EC2/C&CActivity.B!DNS")
        #expect(Self.kinds(instance) == ["ec2-instance i-0a1b2c3d4e5f67890", "iam-instance-profile arn:aws:iam::123456789012:instance-profile/web-app-profile"])
        #expect(instance.resources[0].region == "us-east-1" && instance.resources[0].account == "123456789012" && instance.resources[0].owner == "payments-team")
        #expect(instance.intent == "Backdoor" && Self.indicators(instance) == ["domain c2.badhost.example"])

        let user = try Self.finding(document, type: "Recon:IAMUser/MaliciousIPCaller.Custom")
        #expect(Self.kinds(user) == ["iam-access-key AKIAIOSFODNN7EXAMPLE", "iam-user deploy-bot"])
        #expect(user.resources.allSatisfy { $0.region == nil && $0.account == "123456789012" })
        #expect(user.actor == "IAMUser deploy-bot")
        #expect(Self.indicators(user) == ["access-key-id AKIAIOSFODNN7EXAMPLE", "principal deploy-bot", "principal AIDAJQABLZS4A3QDU576Q",
                                          "ip-address 198.51.100.7", "user-agent aws-cli/1.18.69 Python/3.8.2 Linux/5.4.0 botocore/1.16.19"])

        let role = try Self.finding(document, type: "CredentialAccess:IAMUser/AnomalousBehavior")
        #expect(Self.kinds(role) == ["iam-access-key ASIAQWERTYUIOPASDFGH", "iam-role web-app-role"])
        #expect(role.actor == "AssumedRole web-app-role" && role.intent == "CredentialAccess")

        let root = try Self.finding(document, type: "Policy:IAMUser/RootCredentialUsage")
        #expect(Self.kinds(root) == ["iam-access-key ASIAZZZZZZZZZEXAMPLE", "aws-root-user arn:aws:iam::123456789012:root"])
        #expect(root.resources[1].account == "123456789012" && root.resources[1].region == nil)
        #expect(Self.indicators(root).contains("ip-address 2001:db8::7"))

        let federated = try Self.finding(document, type: "Discovery:IAMUser/AnomalousBehavior")
        #expect(Self.kinds(federated) == ["iam-access-key ASIAFEDERATEDEXAMPLE"])
        #expect(Self.indicators(federated).contains("principal arn:aws:sts::123456789012:federated-user/partner-sso"))
        #expect(Self.indicators(federated).contains("aws-account 444455556666"))

        let buckets = try Self.finding(document, type: "Exfiltration:S3/AnomalousBehavior")
        #expect(Self.kinds(buckets) == ["iam-access-key AKIAJ2EXAMPLEKEY7777", "iam-user analytics-etl",
                                        "s3-bucket arn:aws:s3:::customer-exports-prod", "s3-bucket arn:aws:s3:::customer-exports-archive"])
        #expect(buckets.resources[2].owner == "data-platform" && buckets.resources[3].owner == "records")
        #expect(buckets.resources[2].region == "us-east-1")

        let eks = try Self.finding(document, type: "Execution:Kubernetes/ExecInKubeSystemPod")
        #expect(Self.kinds(eks) == ["eks-cluster arn:aws:eks:us-east-1:123456789012:cluster/prod-eks",
                                    "kubernetes-workload kube-system/pod/coredns-5d78c9869d-x7k2p",
                                    "ecr-image coredns-patched:1.11.1"])
        #expect(eks.resources[0].owner == "platform-team" && eks.resources[1].region == "us-east-1" && eks.resources[1].account == "123456789012")
        #expect(eks.actor == "Kubernetes kubernetes-admin")
        #expect(Self.indicators(eks) == ["principal kubernetes-admin", "ip-address 203.0.113.200",
                                         "user-agent kubectl/v1.28.2 (linux/amd64) kubernetes/89a4ea3"])

        let ecs = try Self.finding(document, type: "CryptoCurrency:Runtime/BitcoinTool.B!DNS")
        #expect(Self.kinds(ecs) == ["ecs-cluster arn:aws:ecs:us-east-1:123456789012:cluster/batch-prod",
                                    "ecs-task arn:aws:ecs:us-east-1:123456789012:task/batch-prod/0123456789abcdef0123456789abcdef",
                                    "ecr-image report-worker@sha256:9a1f0c6e3b7d2e5a8c4f1b0d9e8a7c6b5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c"])
        #expect(ecs.resources[0].owner == "batch-team")
        #expect(Self.indicators(ecs) == ["domain xmr.pool.example", "file-hash 3f5a1b2c4d6e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718"])

        let rds = try Self.finding(document, type: "CredentialAccess:RDS/AnomalousBehavior.SuccessfulLogin")
        #expect(Self.kinds(rds) == ["rds-db-instance arn:aws:rds:us-east-1:123456789012:db:orders-db-1"])
        #expect(rds.resources[0].owner == "orders-team" && rds.actor == "database user app_admin")
        #expect(Self.indicators(rds) == ["principal app_admin", "ip-address 198.51.100.150"])

        let limitless = try Self.finding(document, type: "CredentialAccess:RDS/TorIPCaller.SuccessfulLogin")
        #expect(Self.kinds(limitless) == ["other arn:aws:rds:us-east-1:123456789012:shard-group:shardgroup-0a1b2c3d4e5f"])
        #expect(limitless.resources[0].owner == "orders-team" && limitless.resources[0].region == "us-east-1")

        let lambda = try Self.finding(document, type: "Backdoor:Lambda/C&CActivity.B")
        #expect(Self.kinds(lambda) == ["lambda-function arn:aws:lambda:us-east-1:123456789012:function:thumbnailer",
                                       "iam-role arn:aws:iam::123456789012:role/thumbnailer-exec"])
        #expect(lambda.resources[0].owner == "media-team" && Self.indicators(lambda) == ["ip-address 203.0.113.9"])

        let ebs = try Self.finding(document, type: "Execution:EC2/MaliciousFile")
        #expect(Self.kinds(ebs) == ["ec2-instance i-0a1b2c3d4e5f67890", "ebs-volume arn:aws:ec2:us-east-1:123456789012:volume/vol-0a1b2c3d4e5f67890"])

        let object = try Self.finding(document, type: "Object:S3/MaliciousFile")
        #expect(Self.kinds(object) == ["s3-bucket arn:aws:s3:::customer-uploads", "s3-object arn:aws:s3:::customer-uploads/incoming/2026/11/invoice.pdf.exe"])
        #expect(object.resources[0].owner == "intake-team" && object.intent == nil)
        #expect(Self.indicators(object) == ["file-hash 275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f"])

        let runtime = try Self.finding(document, type: "PrivilegeEscalation:Runtime/DockerSocketAccessed")
        #expect(Self.kinds(runtime) == ["ec2-instance i-0b1c2d3e4f5a67890", "iam-instance-profile arn:aws:iam::123456789012:instance-profile/buildserver_profile",
                                        "ecr-image build-agent:2.8.37"])
        #expect(runtime.resources[0].owner == "build-team" && runtime.resources[0].region == "us-east-1")
        #expect(Self.indicators(runtime) == ["file-hash d2a84f4b8b650937ec8f73cd8be2c74add5a911ba64df27458ed8229da804a26"])
    }

    @Test func oddValuesKeepTheFindingAndNameTheFieldsThatCouldNotBeUsed() throws {
        let document = try Self.document("guardduty-odd-values.json")
        #expect(document.problems.isEmpty)
        #expect(document.findings.count == 3)

        // GuardDuty's own sample finding: placeholders for the cluster and its id; the user and address are real.
        let sample = try Self.finding(document, type: "Persistence:Kubernetes/SuccessfulAnonymousAccess")
        #expect(sample.resources.isEmpty)
        #expect(sample.severity == "HIGH (8.0)" && sample.actor == "Kubernetes system:anonymous" && sample.intent == "Persistence")
        #expect(Self.indicators(sample) == ["principal system:anonymous", "ip-address 175.16.199.1"])
        #expect(sample.unusable.contains("Resource.EksClusterDetails.Arn 'GeneratedFindingEKSClusterArn' is a placeholder, not an id"))
        #expect(sample.unusable.contains("Resource.EksClusterDetails.Name 'GeneratedFindingEKSClusterName' is a placeholder, not an id"))
        #expect(sample.description?.hasPrefix("Kubernetes API commonly used in Persistence tactics") == true)

        // A 9-digit account: the finding and its instance are kept, without an account.
        let short = try Self.finding(document, type: "PrivilegeEscalation:Runtime/DockerSocketAccessed")
        #expect(short.account == nil)
        #expect(Self.kinds(short) == ["ec2-instance i-0abcd1234abcd1234"])
        #expect(short.resources[0].owner == "build-team" && short.resources[0].account == nil && short.resources[0].region == "us-west-1")
        #expect(short.unusable.first == "AccountId '123456789' is not a 12-digit account id")
        #expect(short.unusable.contains { $0.hasPrefix("Resource.AccessKeyDetails.AccessKeyId 'GeneratedFindingAccessKeyId' is a placeholder") })
        #expect(short.unusable.contains { $0.hasPrefix("Resource.InstanceDetails.IamInstanceProfile.Arn 'arn:aws:iam::abcd1234:instance-profile/buildserver_profile'") })

        // No Resource at all: still a finding, with its indicators.
        let probe = try Self.finding(document, type: "Recon:EC2/PortProbeUnprotectedPort")
        #expect(probe.resources.isEmpty && probe.unusable == ["Resource is missing"])
        #expect(Self.indicators(probe) == ["ip-address 198.51.100.77", "ip-address 198.51.100.78"])

        let (state, events) = try Self.imported([document])
        #expect(state.findings.count == 3)
        #expect(state.findings.first { $0.id == "abcd1234" }?.finding.unusable?.first == "AccountId '123456789' is not a 12-digit account id")
        #expect(state.indicatorCIDRs == ["175.16.199.1/32", "198.51.100.77/32", "198.51.100.78/32"])
        #expect(events.filter { if case .indicatorsRecorded = $0 { return true } else { return false } }.count == 2)
    }

    @Test func securityHubResourceTypesAndTheNullAccessKeyOfAConsoleLogin() throws {
        let document = try Self.document("securityhub-resource-types.json")
        #expect(document.problems.isEmpty)
        #expect(document.findings.count == 15)

        let login = try Self.finding(document, type: "TTPs/Initial Access/UnauthorizedAccess:IAMUser-ConsoleLoginSuccess.B")
        #expect(Self.kinds(login) == ["iam-user alice"])
        #expect(login.resources[0].account == "210987654321" && login.resources[0].region == nil)
        #expect(login.actor == "IAMUser alice" && login.intent == "UnauthorizedAccess")
        #expect(login.unusable == ["Resources[0].Id 'AWS::IAM::AccessKey:null' names no access key (a console sign-in uses none)"])
        #expect(Self.indicators(login) == ["principal alice", "principal AIDACKCEVSQ6C2EXAMPLE", "ip-address 198.51.100.7"])

        let backdoor = try Self.finding(document, type: "TTPs/Command and Control/Backdoor:EC2-C&CActivity.B")
        #expect(Self.kinds(backdoor) == ["ec2-instance arn:aws:ec2:eu-west-1:210987654321:instance/i-0fedcba9876543210",
                                         "iam-instance-profile arn:aws:iam::210987654321:instance-profile/bastion-profile"])
        #expect(backdoor.resources[0].owner == "platform" && backdoor.intent == "Backdoor")
        #expect(Self.indicators(backdoor) == ["ip-address 203.0.113.9", "domain c2.badhost.example"])

        let role = try Self.finding(document, type: "TTPs/Credential Access/CredentialAccess:IAMUser-AnomalousBehavior")
        #expect(Self.kinds(role) == ["iam-access-key ASIAQWERTYUIOPASDFGH", "iam-role arn:aws:iam::210987654321:role/web-app-role"])

        let image = try Self.finding(document, type: "Software and Configuration Checks/Vulnerabilities/CVE")
        #expect(Self.kinds(image) == ["ecr-image arn:aws:ecr:eu-west-1:210987654321:repository/payments-api/sha256:5d2a1f0e9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a29"])
        #expect(image.isSevere && image.intent == nil)

        let flow = try Self.finding(document, type: "Unusual Behaviors/Network Flows")
        #expect(Self.kinds(flow) == ["network-interface arn:aws:ec2:eu-west-1:210987654321:network-interface/eni-0a1b2c3d4e5f60718"])
        #expect(Self.indicators(flow) == ["ip-address 192.0.2.50"] && flow.intent == nil)

        let macie = try Self.finding(document, type: "Sensitive Data Identifications/PII/SensitiveData:S3Object-Personal")
        #expect(Self.kinds(macie) == ["s3-bucket arn:aws:s3:::hr-exports", "s3-object arn:aws:s3:::hr-exports/2026/11/payroll-export.csv"])
        #expect(macie.resources[0].owner == "people-ops" && macie.intent == nil)

        // The regression: an ARN generator and an `Effects/` type used to read as the intents `arn` and `Data Exposure`.
        let cis = try #require(document.findings.first { $0.title.hasPrefix("2.7 Ensure CloudTrail") })
        #expect(cis.intent == nil)
        #expect(Self.kinds(cis) == ["aws-account 210987654321"])

        let controls = document.findings.filter { $0.type.hasPrefix("Software and Configuration Checks/Industry and Regulatory Standards/AWS-Foundational") }
        #expect(controls.flatMap(Self.kinds) == [
            "security-group arn:aws:ec2:eu-west-1:210987654321:security-group/sg-0a1b2c3d4e5f60718",
            "ebs-volume arn:aws:ec2:eu-west-1:210987654321:volume/vol-0fedcba9876543210",
            "rds-db-instance arn:aws:rds:eu-west-1:210987654321:db:orders-db-1",
            "lambda-function arn:aws:lambda:eu-west-1:210987654321:function:thumbnailer",
            "eks-cluster arn:aws:eks:eu-west-1:210987654321:cluster/prod-eks",
            "kms-key arn:aws:kms:eu-west-1:210987654321:key/1234abcd-12ab-34cd-56ef-1234567890ab",
            "secret arn:aws:secretsmanager:eu-west-1:210987654321:secret:prod/db-password-AbCdEf",
            "iam-role arn:aws:iam::210987654321:role/ci-deploy",
        ])
        #expect(controls.allSatisfy { $0.intent == nil && $0.unusable.isEmpty })

        let (state, _) = try Self.imported([document])
        #expect(state.intents.map(\.intent) == ["UnauthorizedAccess", "Backdoor", "CredentialAccess"])
        #expect(state.resources.first { $0.id == "alice" }?.kind == .iamUser)
    }

    @Test func ocsfFindingsImportThroughTheSameResourceTypes() throws {
        let document = try Self.document("securityhub-ocsf.json")
        #expect(document.problems.isEmpty)
        #expect(document.findings.count == 2 && document.findings.allSatisfy { $0.source == .securityHub })

        let exfil = try Self.finding(document, type: "UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS")
        #expect(exfil.severity == "HIGH" && exfil.isSevere && exfil.intent == "UnauthorizedAccess")
        #expect(Timestamp.format(exfil.firstSeen) == "2026-11-30T03:10:00.000Z")
        #expect(exfil.account == "210987654321" && exfil.region == "eu-west-1")
        #expect(Self.kinds(exfil) == ["iam-access-key ASIAXYZXYZXYZXYZXYZX", "iam-role arn:aws:iam::210987654321:role/bastion-role"])
        #expect(exfil.resources[1].owner == "platform")
        #expect(Set(Self.indicators(exfil)) == ["access-key-id ASIAXYZXYZXYZXYZXYZX", "ip-address 198.51.100.23", "principal bastion-role",
                                                "principal AROAEXAMPLEBASTION:i-0fedcba9876543210",
                                                "user-agent aws-cli/2.15.0 Python/3.11.6 Linux/6.1 exe/x86_64"])
        #expect(exfil.actor == "bastion-role")

        let crypto = try Self.finding(document, type: "CryptoCurrency:EC2/BitcoinTool.B!DNS")
        #expect(Self.kinds(crypto) == ["ec2-instance arn:aws:ec2:eu-west-1:210987654321:instance/i-0fedcba9876543210",
                                       "eks-cluster arn:aws:eks:eu-west-1:210987654321:cluster/prod-eks",
                                       "rds-db-instance arn:aws:rds:eu-west-1:210987654321:db:orders-db-1",
                                       "lambda-function arn:aws:lambda:eu-west-1:210987654321:function:thumbnailer",
                                       "secret arn:aws:secretsmanager:eu-west-1:210987654321:secret:prod/db-password-AbCdEf"])
        #expect(crypto.resources[0].owner == "platform" && Self.indicators(crypto) == ["domain pool.minexmr.example"])
    }

    @Test func eventBridgeEventsAndCamelCaseFindingsReadLikeTheCLIOutput() throws {
        // EventBridge delivers GuardDuty findings as `detail`, and GuardDuty's S3 export writes camelCase keys.
        let text = """
        [{"version": "0", "id": "28e463cd-ca3b-587f-045e-49903af281e5", "detail-type": "GuardDuty Finding", "source": "aws.guardduty",
          "account": "123456789012", "time": "2026-11-30T14:40:03Z", "region": "us-east-1", "resources": [],
          "detail": {"schemaVersion": "2.0", "accountId": "123456789012", "region": "us-east-1", "id": "49514155ed6b4536b05649a87fc3c05a",
            "type": "UnauthorizedAccess:EC2/SSHBruteForce", "severity": 2,
            "resource": {"resourceType": "Instance", "instanceDetails": {"instanceId": "i-0123456789abcdef0",
              "tags": [{"key": "Owner", "value": "web-team"}]}},
            "service": {"action": {"actionType": "NETWORK_CONNECTION", "networkConnectionAction": {"connectionDirection": "INBOUND",
              "remoteIpDetails": {"ipAddressV4": "198.51.100.5"}}}, "eventFirstSeen": "2026-11-30T14:00:00.000Z", "eventLastSeen": "2026-11-30T14:30:00.000Z"},
            "createdAt": "2026-11-30T14:35:00.000Z", "updatedAt": "2026-11-30T14:35:00.000Z", "title": "SSH brute force"}}]
        """
        let document = try FindingsDocument.parse(Data(text.utf8), source: "eventbridge.json")
        #expect(document.problems.isEmpty)
        let finding = try #require(document.findings.first)
        #expect(finding.id == "49514155ed6b4536b05649a87fc3c05a" && finding.source == .guardDuty && finding.intent == "UnauthorizedAccess")
        #expect(Self.kinds(finding) == ["ec2-instance i-0123456789abcdef0"] && finding.resources[0].owner == "web-team")
        #expect(Self.indicators(finding) == ["ip-address 198.51.100.5"])
        #expect(Timestamp.format(finding.firstSeen) == "2026-11-30T14:00:00.000Z")
    }

    @Test func oneEventBridgeEventAsDeliveredImportsItsFinding() throws {
        // An EventBridge target receives one event per finding, as the object itself (no array, no "Findings"):
        // Security Hub's "Security Hub Findings - Imported" with `detail.findings[]` (ASFF), GuardDuty's
        // "GuardDuty Finding" with the finding in camelCase as `detail`.
        let hub = try Self.document("eventbridge-securityhub-imported.json")
        #expect(hub.problems.isEmpty)
        let login = try #require(hub.findings.first)
        #expect(hub.findings.count == 1 && login.source == .securityHub)
        #expect(login.id == "arn:aws:guardduty:eu-west-1:210987654321:detector/aa11bb22cc33dd44ee55ff6677889900/finding/c1a2b3c4d5e6f708192a3b4c5d6e7f80")
        #expect(Self.indicators(login).contains("ip-address 198.51.100.7"))

        let duty = try Self.document("eventbridge-guardduty-finding.json")
        #expect(duty.problems.isEmpty)
        let recon = try #require(duty.findings.first)
        #expect(duty.findings.count == 1 && recon.source == .guardDuty && recon.id == "02b2c3d4e5f60718293a4b5c6d7e8f90")
        #expect(Self.kinds(recon) == ["iam-access-key AKIAIOSFODNN7EXAMPLE", "iam-user deploy-bot"])
        #expect(Self.indicators(recon).contains("ip-address 198.51.100.7"))
        // The same finding through get-findings and through EventBridge makes the same resources and indicators.
        let direct = try Self.finding(try Self.document("guardduty-resource-types.json"), type: "Recon:IAMUser/MaliciousIPCaller.Custom")
        #expect(Self.kinds(direct) == Self.kinds(recon) && Self.indicators(direct) == Self.indicators(recon))

        // An object that is neither is still refused with one line.
        #expect(throws: FindingsError.self) {
            try FindingsDocument.parse(Data(#"{"detail-type": "AWS API Call via CloudTrail", "source": "aws.ec2"}"#.utf8), source: "x.json")
        }
    }

    @Test func indicatorsFoldWithEverySourceThatNamedThem() throws {
        let (state, _) = try Self.imported([try Self.document("guardduty-resource-types.json"), try Self.document("securityhub-resource-types.json")])
        // 198.51.100.23 is named by a GuardDuty finding and by a Security Hub one.
        let address = try #require(state.indicators.first { $0.value == "198.51.100.23" })
        #expect(address.kind == .ipAddress && address.cidr == "198.51.100.23/32")
        #expect(address.seen.map(\.source) == ["guardduty finding 03c3d4e5f60718293a4b5c6d7e8f90a1",
                                               "securityhub finding arn:aws:guardduty:eu-west-1:210987654321:detector/aa11bb22cc33dd44ee55ff6677889900/finding/c3c4d5e6f708192a3b4c5d6e7f8091a2"])
        #expect(address.seen.map(\.field) == ["Service.Action.AwsApiCallAction.RemoteIpDetails.IpAddressV4",
                                              "Action.AwsApiCallAction.RemoteIpDetails.IpAddressV4"])
        #expect(state.indicators.filter { $0.kind == .ipAddress }.count == Set(state.indicatorCIDRs).count)
        #expect(state.indicatorCIDRs.contains("2001:db8::7/128"))
        // The fold is the same after a round trip through the stored snapshot.
        let decoded = try JSONDecoder().decode(IncidentState.self, from: JSONEncoder().encode(state))
        #expect(decoded.indicators == state.indicators)
    }
}
