import Foundation
import IncidentModel

/// One finding, parsed and checked: every resource id has the shape AWS gives
/// its kind, every region and account is well formed, and every piece of
/// attacker-reachable text (title, type, tags) is one terminal-safe line.
///
/// A field that cannot be used (a placeholder id, an account id of the wrong
/// length, a missing resource) is left out and named in `unusable`; the rest
/// of the finding is kept.
public struct Finding: Sendable, Equatable {
    public var id: String
    public var source: FindingSource
    public var type: String
    /// As the source states it: `HIGH` (Security Hub's label) or `HIGH (8.0)` (GuardDuty's number).
    public var severity: String
    /// True for HIGH and CRITICAL: the resources it names are treated as compromised.
    public var isSevere: Bool
    public var title: String
    public var firstSeen: Date
    public var lastSeen: Date
    public var account: String?
    public var region: String?
    public var resources: [FindingResource]
    /// The attacker's apparent purpose (`UnauthorizedAccess`, `CryptoCurrency`…), from the type's threat purpose only.
    public var intent: String?
    /// The finding's description, one line.
    public var description: String?
    /// Who acted, as the finding says (`IAMUser alice`, `AssumedRole web-role`, `Kubernetes system:anonymous`).
    public var actor: String?
    /// The indicators of compromise it names, each with the field it was read from.
    public var indicators: [IndicatorSighting]
    /// The fields that could not be used, each with why.
    public var unusable: [String]
    /// Security Hub's `ProductArn` (ASFF only): with `id`, what `batch-update-findings` names the finding by.
    public var productArn: String?
    /// OCSF's `metadata.uid` and `metadata.product.uid`: what `batch-update-findings-v2` names the finding by.
    public var ocsfMetadataUid: String?
    public var ocsfProductUid: String?
    /// The GuardDuty detector of a GuardDuty finding (from its `Arn`): what `archive-findings` needs.
    public var detectorId: String?

    public init(id: String, source: FindingSource, type: String, severity: String, isSevere: Bool, title: String,
                firstSeen: Date, lastSeen: Date, account: String?, region: String?, resources: [FindingResource], intent: String?,
                description: String? = nil, actor: String? = nil, indicators: [IndicatorSighting] = [], unusable: [String] = [],
                productArn: String? = nil, ocsfMetadataUid: String? = nil, ocsfProductUid: String? = nil, detectorId: String? = nil) {
        self.ocsfMetadataUid = ocsfMetadataUid
        self.ocsfProductUid = ocsfProductUid
        self.detectorId = detectorId
        self.productArn = productArn
        self.id = id
        self.source = source
        self.type = type
        self.severity = severity
        self.isSevere = isSevere
        self.title = title
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.account = account
        self.region = region
        self.resources = resources
        self.intent = intent
        self.description = description
        self.actor = actor
        self.indicators = indicators
        self.unusable = unusable
    }
}

/// A resource a finding names, with where it lives and its owner (from its tags).
public struct FindingResource: Sendable, Equatable {
    public var reference: ResourceIdentifier
    public var region: String?
    public var account: String?
    public var owner: String?

    public init(reference: ResourceIdentifier, region: String?, account: String?, owner: String?) {
        self.reference = reference
        self.region = region
        self.account = account
        self.owner = owner
    }
}
