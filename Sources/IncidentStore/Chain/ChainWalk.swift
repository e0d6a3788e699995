import Crypto
import IncidentModel

/// What one walk over a chain learned, for the anchors to be checked against.
struct ChainWalk {
    var verification: ChainVerification
    /// The hash at each seq an anchor names.
    var hashAtSeq: [Int64: String] = [:]
    /// The seq of each expected hash the chain holds.
    var seqOfHash: [String: Int64] = [:]
    /// Fingerprint → operator of every key the chain records.
    var keys: [String: String] = [:]
    /// Where each key was first used to sign.
    var keySeqs: [String: Int64] = [:]
    /// The seq of the close, when the incident is closed.
    var closedAt: Int64?

    private mutating func fail(_ seq: Int64, _ reason: String) {
        verification.problem = ChainProblem(seq: seq, reason: reason)
    }

    mutating func checkAnchors(trustedHeads: [TrustedHead], expectedHeads: [ExpectedHead], trustedKeys: TrustedKeys?) {
        let last = verification.verifiedEvents
        for head in trustedHeads.sorted(by: { $0.seq < $1.seq }) {
            let short = "#\(head.seq) (\(head.headHash.prefix(16))…)"
            guard head.seq <= last else {
                return fail(last + 1, "is missing: \(head.source) the head \(short), but the chain ends at #\(last) — its last events were deleted, or this is a copy of the .db without its -wal")
            }
            guard hashAtSeq[head.seq] == head.headHash else {
                return fail(head.seq, "differs from the head \(head.source) there (\(head.headHash.prefix(16))…): the chain was rewritten")
            }
            verification.agreeingAnchors.append("holds the head \(head.source) at \(short)")
        }
        for expected in expectedHeads {
            guard let seq = seqOfHash[expected.hash] else {
                return fail(last, "the chain (#1…#\(last)) does not hold the expected head \(expected.hash.prefix(16))…: it was cut short or rewritten after that head was given out, or this is a copy of the .db without its -wal")
            }
            verification.agreeingAnchors.append("holds the expected head at #\(seq)")
        }
        guard let trustedKeys else { return }
        for index in verification.signatures.indices {
            let signature = verification.signatures[index]
            verification.signatures[index].trusted = trustedKeys.fingerprints[signature.operatorName]?.contains(signature.fingerprint) ?? false
        }
        for (fingerprint, operatorName) in keys.sorted(by: { $0.key < $1.key }) {
            if let trusted = trustedKeys.fingerprints[operatorName], !trusted.contains(fingerprint) {
                return fail(keySeqs[fingerprint] ?? last, "it is signed with a key recorded as \(operatorName.terminalSafe)'s (\(fingerprint)), but \(operatorName.terminalSafe)'s trusted key is \(trusted.sorted().joined(separator: ", ")): the chain was re-signed with another key")
            }
        }
        let trustedSeqs = verification.signatures.filter { $0.trusted == true }.map(\.seq)
        guard let lastTrusted = trustedSeqs.max() else {
            let by = Set(verification.signatures.map(\.operatorName)).sorted().map(\.terminalSafe).joined(separator: ", ")
            return fail(last, "no head is signed by a trusted key" + (by.isEmpty ? " (the chain holds no signature; `firebreak sign` signs one)" : " (signed only by \(by), whose keys were not given)"))
        }
        if let closedAt, lastTrusted < closedAt {
            fail(closedAt, "the close is not covered by a signature from a trusted key (the last one is over #\(lastTrusted))")
        }
    }
}
