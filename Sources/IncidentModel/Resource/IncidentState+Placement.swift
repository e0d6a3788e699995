extension IncidentState {
    /// Kinds that live in no region (IAM is global; an IP address is just an address).
    static let regionlessKinds: Set<ResourceKind> = [
        .iamUser, .iamRole, .iamRoleSession, .iamGroup, .iamPolicy, .iamInstanceProfile, .iamAccessKey,
        .route53Zone, .route53Record, .ipAddress,
    ]

    /// The `resource.added` payload for a reference: region and account from
    /// the ARN when it names them, else the incident's only region and account.
    public func resourceAdded(_ reference: ResourceIdentifier, region: String? = nil, account: String? = nil,
                              owner: String? = nil, state: ResourceState) -> ResourceAdded {
        let onlyRegion = incident.regions.count == 1 && !Self.regionlessKinds.contains(reference.kind) ? incident.regions.first : nil
        let onlyAccount = incident.accounts.count == 1 ? incident.accounts.first : nil
        return ResourceAdded(id: reference.id, kind: reference.kind, region: region ?? reference.region ?? onlyRegion,
                             account: account ?? reference.account ?? onlyAccount, owner: owner, state: state)
    }
}
