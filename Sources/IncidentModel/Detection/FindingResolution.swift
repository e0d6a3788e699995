/// How a finding the incident imported can be resolved in AWS when the
/// incident closes, told from what its import recorded: the one rule the
/// console (which offers it) and `close --resolve-findings` (which plans it) share.
public enum FindingResolution: Sendable, Equatable {
    /// Security Hub ASFF: `batch-update-findings` by `Id` and `ProductArn`, `Workflow.Status` RESOLVED.
    case securityHub(productArn: String)
    /// Security Hub OCSF: `batch-update-findings-v2`, `StatusId` 4 (Resolved), by `metadata.uid`
    /// when the finding has one, else by its `FindingIdentifiers` entry.
    case securityHubOCSF(metadataUid: String?, account: String?, productUid: String?)
    /// GuardDuty's own finding: `archive-findings` with its detector.
    case guardDuty(detectorId: String)
}

extension FindingImported {
    /// How AWS can be told this finding is resolved; nil when the import did not keep what that takes
    /// (a file without `ProductArn`, an OCSF finding without `metadata.uid` or product uid, a GuardDuty finding without its `Arn`).
    public var resolution: FindingResolution? {
        switch source {
        case "securityhub":
            if let productArn { return .securityHub(productArn: productArn) }
            if ocsfMetadataUid != nil || (ocsfProductUid != nil && account != nil) {
                return .securityHubOCSF(metadataUid: ocsfMetadataUid, account: account, productUid: ocsfProductUid)
            }
            return nil
        case "guardduty":
            return detectorId.map { .guardDuty(detectorId: $0) }
        default:
            return nil
        }
    }
}

extension IncidentState {
    /// The imported findings that closing can resolve in AWS, in the order they were imported.
    public var resolvableFindings: [FindingImported] {
        findings.map(\.finding).filter { $0.resolution != nil }
    }
}
