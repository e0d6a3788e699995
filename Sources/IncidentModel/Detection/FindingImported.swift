import Foundation

/// `finding.imported`: a Security Hub or GuardDuty finding taken into the
/// incident. The event's `at` is the finding's first-seen time, so the
/// timeline (and time to detect) starts when the activity started, not when
/// someone got round to importing it.
///
/// The finding's id is remembered in the state, so importing the same
/// findings again adds nothing.
public struct FindingImported: Codable, Sendable, Equatable {
    public static let kind = "finding.imported"
    /// The finding's own id (GuardDuty's `Id`, Security Hub's `Id`).
    public var id: String
    /// `securityhub` or `guardduty`.
    public var source: String
    /// The finding type, e.g. `UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS`.
    public var type: String
    /// The severity as the source states it, e.g. `HIGH` or `HIGH (8.0)`.
    public var severity: String
    public var title: String
    /// RFC 3339, as the finding says.
    public var firstSeen: String
    public var lastSeen: String
    /// The incident resource ids the finding names, as added (or as already present).
    public var resources: [String]
    public var account: String?
    public var region: String?
    /// The finding's description, one line (absent in events written before it was kept).
    public var description: String?
    /// Who acted, as the finding says (`IAMUser alice`, `Kubernetes system:anonymous`).
    public var actor: String?
    /// The fields that could not be used, each with why (`Resource.AccessKeyDetails.AccessKeyId: …`);
    /// the rest of the finding was imported all the same.
    public var unusable: [String]?
    /// Security Hub's `ProductArn` (ASFF), which with `id` names the finding to
    /// `batch-update-findings`; absent for GuardDuty's own findings and in events written before it was kept.
    public var productArn: String?
    /// OCSF's `metadata.uid` (Security Hub's newer API): what `batch-update-findings-v2 --metadata-uids` names it by.
    public var ocsfMetadataUid: String?
    /// OCSF's `metadata.product.uid`: with `account` and `id` (`finding_info.uid`), the finding's
    /// `FindingIdentifiers` entry for `batch-update-findings-v2`.
    public var ocsfProductUid: String?
    /// The GuardDuty detector that owns a GuardDuty finding (from its `Arn`): what `archive-findings` needs.
    public var detectorId: String?

    public init(id: String, source: String, type: String, severity: String, title: String, firstSeen: String,
                lastSeen: String, resources: [String], account: String? = nil, region: String? = nil,
                description: String? = nil, actor: String? = nil, unusable: [String]? = nil, productArn: String? = nil,
                ocsfMetadataUid: String? = nil, ocsfProductUid: String? = nil, detectorId: String? = nil) {
        self.ocsfMetadataUid = ocsfMetadataUid
        self.ocsfProductUid = ocsfProductUid
        self.detectorId = detectorId
        self.productArn = productArn
        self.description = description
        self.actor = actor
        self.unusable = unusable
        self.id = id
        self.source = source
        self.type = type
        self.severity = severity
        self.title = title
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.resources = resources
        self.account = account
        self.region = region
    }
}

/// A finding as the incident keeps it.
public struct ImportedFinding: Codable, Sendable, Equatable, Identifiable {
    public var finding: FindingImported
    public var importedAt: Date
    public var importedBy: String
    public var id: String { finding.id }

    public init(finding: FindingImported, importedAt: Date, importedBy: String) {
        self.finding = finding
        self.importedAt = importedAt
        self.importedBy = importedBy
    }
}
