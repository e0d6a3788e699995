import IncidentModel

/// What a reviewer knows from outside the database, for `verify` to compare
/// the chains against: heads given out earlier, the signed head journal, and
/// the operators' public keys.
public struct VerificationAnchors: Sendable, Equatable {
    /// Heads given out earlier (`--expect-head`); with no incident, any incident's chain may hold it.
    public var expectedHeads: [ExpectedHead]
    /// Journalled signed heads (`--trusted-heads`): each incident must exist and hold each head.
    public var trustedHeads: [TrustedHead]
    /// The operators' public keys (`--trusted-keys`).
    public var trustedKeys: TrustedKeys?

    public init(expectedHeads: [ExpectedHead] = [], trustedHeads: [TrustedHead] = [], trustedKeys: TrustedKeys? = nil) {
        self.expectedHeads = expectedHeads
        self.trustedHeads = trustedHeads
        self.trustedKeys = trustedKeys
    }

    public static let none = VerificationAnchors()
}

/// A head hash given out earlier (a report, a ticket, a chat message).
public struct ExpectedHead: Sendable, Equatable {
    public var incident: IncidentID?
    /// The whole 64-digit hash, lowercase.
    public var hash: String

    public init(incident: IncidentID?, hash: String) {
        self.incident = incident
        self.hash = hash
    }

    /// Parses 64 hex digits.
    public init(incident: IncidentID?, parsing text: String) throws {
        let hash = text.lowercased()
        guard hash.count == 64, hash.allSatisfy(\.isHexDigit) else {
            throw IncidentError.invalidInput("--expect-head \(text.terminalSafe) is not a head hash (64 hex digits, as verify prints it)")
        }
        self.init(incident: incident, hash: hash)
    }
}

/// Every chain checked, and any expected head no incident holds.
public struct VerificationReport: Sendable, Equatable {
    public var chains: [ChainVerification]
    /// Expected heads given without an incident that no chain holds.
    public var unmatchedHeads: [ExpectedHead]

    public init(chains: [ChainVerification], unmatchedHeads: [ExpectedHead]) {
        self.chains = chains
        self.unmatchedHeads = unmatchedHeads
    }

    public var isIntact: Bool { chains.allSatisfy(\.isIntact) && unmatchedHeads.isEmpty }
}
