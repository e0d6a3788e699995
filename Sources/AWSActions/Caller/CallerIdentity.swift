import IncidentModel

/// Who Firebreak acts as in AWS: what `sts get-caller-identity` answered
/// through the run's own runner (profile, region, endpoint), and the access
/// key the CLI signs with when that can be known.
public struct CallerIdentity: Sendable, Equatable {
    /// What kind of principal the caller is, read from its ARN.
    public enum Principal: Sendable, Equatable {
        /// An IAM user, by name (its path is not part of the name, and names are unique per account).
        case user(name: String)
        /// A session of a role (`assumed-role/ROLE/SESSION`): the role by name,
        /// since the session's ARN does not carry the role's path.
        case assumedRole(role: String, session: String)
        /// The account's root user.
        case root
        /// Anything else (a federated user): nothing in the catalog can act on it.
        case other
    }

    /// `arn:aws:iam::123456789012:user/ops/alice`, `arn:aws:sts::123456789012:assumed-role/Responder/alice`.
    public var arn: String
    public var account: String
    /// `UserId`: `AIDA…` for a user, `AROA…:SESSION` for a role's session (what `aws:userid` holds).
    public var userID: String
    public var principal: Principal
    /// The access key id the CLI signs with, when Firebreak could learn it
    /// (see `CallerLookup`); nil for temporary credentials or when unknown.
    public var accessKey: String?
    /// When the caller is an IAM user whose key in use could not be learnt:
    /// every key of that user, so none of them is deactivated by mistake.
    public var userKeys: [String]

    public init(arn: String, account: String, userID: String = "", principal: Principal, accessKey: String? = nil, userKeys: [String] = []) {
        self.arn = arn
        self.account = account
        self.userID = userID
        self.principal = principal
        self.accessKey = accessKey
        self.userKeys = userKeys
    }

    /// The identity `get-caller-identity`'s `Arn` and `Account` describe;
    /// throws a one-line reason when the ARN is not one.
    public init(arn: String, account: String, userID: String = "") throws {
        guard let parsed = try? ARN(parsing: arn) else { throw IncidentError.invalidInput("sts get-caller-identity answered '\(arn.terminalSafe)', not an ARN") }
        let parts = parsed.resource.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let principal: Principal
        switch (parsed.service, parts.first) {
        case ("iam", "user") where parts.count >= 2 && !parts.last!.isEmpty:
            // arn:aws:iam::ACCT:user/path/NAME: the name is the last part, whatever the path.
            principal = .user(name: parts.last!)
        case ("sts", "user") where parts.count == 2 && !parts[1].isEmpty:
            // Not a form AWS uses: moto answers dummy credentials with
            // arn:aws:sts::123456789012:user/moto. Treated as the IAM user
            // `moto`, which is what it stands for, so tests can guard it.
            principal = .user(name: parts[1])
        case ("sts", "assumed-role") where parts.count >= 3 && !parts[1].isEmpty:
            principal = .assumedRole(role: parts[1], session: parts[2...].joined(separator: "/"))
        case ("iam", "root"):
            principal = .root
        default:
            principal = .other
        }
        self.init(arn: arn, account: account.isEmpty ? parsed.account : account, userID: userID, principal: principal)
    }

    /// The key in use as people see it: `…WXYZ` (a key id is not a secret, but the plan needs only its end).
    public var shownKey: String? { accessKey.map { "…" + String($0.suffix(4)) } }

    /// The user's or role's name, else the ARN: what the console asks to be typed.
    public var shortName: String {
        switch principal {
        case .user(let name): return name
        case .assumedRole(let role, _): return role
        default: return arn
        }
    }

    /// `acting as arn:…` with the key when known, for plans.
    public var actingAs: String {
        "acting as \(arn.terminalSafe)" + (shownKey.map { " (access key \($0))" } ?? "")
    }

    /// What `aws:userid` holds for the caller in a policy exempting it: a
    /// user's id, every session of its role (`AROA…:*`, so a later session
    /// can still undo), the account id for root; its ARN when STS gave no id.
    public var userIDPattern: String {
        if userID.isEmpty { return arn }
        switch principal {
        case .assumedRole:
            guard let colon = userID.firstIndex(of: ":") else { return userID }
            return String(userID[..<colon]) + ":*"
        case .root: return account
        default: return userID
        }
    }
}
