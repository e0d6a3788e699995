import Crypto
import Foundation
import IncidentModel

/// The one check of a recorded chain, for every store: every hash recomputed,
/// every signature checked against the key recorded before it, the projection
/// compared with the fold, then the anchors from outside the store.
public enum ChainVerifier {
    /// Checks every chain (or one), then what outside anchors say about it:
    /// expected heads, journalled signed heads (which also catch an incident
    /// deleted whole) and trusted keys. `eventsOnlyInWAL` says, for an incident
    /// and the events it verified, how many are not yet in the file itself (SQLite).
    public static func verify(_ incident: IncidentID?, anchors: VerificationAnchors, source: any ChainRecordSource,
                              eventsOnlyInWAL: (_ incident: Int, _ verified: Int64) -> Int64? = { _, _ in 0 }) throws -> VerificationReport {
        var ids = try source.chainIncidentIDs()
        let journalled = Set(anchors.trustedHeads.map(\.incident.rawValue))
        if let incident {
            guard ids.contains(incident.rawValue) || journalled.contains(incident.rawValue) else {
                throw StoreError.unknownIncident(incident)
            }
            ids = [incident.rawValue]
        } else {
            ids = Array(Set(ids).union(journalled)).sorted()
        }
        var chains: [ChainVerification] = []
        var heldHashes: Set<String> = []
        let looseHashes = Set(anchors.expectedHeads.filter { $0.incident == nil }.map(\.hash))
        for raw in ids {
            let id = IncidentID(rawValue: raw)
            let heads = anchors.trustedHeads.filter { $0.incident == id }
            let expected = anchors.expectedHeads.filter { $0.incident == id }
            var walk = try walkChain(id, wantedSeqs: Set(heads.map(\.seq)),
                                     wantedHashes: Set(expected.map(\.hash)).union(looseHashes), source)
            heldHashes.formUnion(walk.seqOfHash.keys)
            if walk.verification.isIntact {
                walk.checkAnchors(trustedHeads: heads, expectedHeads: expected, trustedKeys: anchors.trustedKeys)
            }
            walk.verification.eventsOnlyInWAL = eventsOnlyInWAL(raw, walk.verification.verifiedEvents)
            chains.append(walk.verification)
        }
        let unmatched = anchors.expectedHeads.filter { $0.incident == nil && !heldHashes.contains($0.hash) }
        return VerificationReport(chains: chains, unmatchedHeads: unmatched)
    }

    /// Walks one incident's events in seq order, recomputing every hash and
    /// checking every signature against the key recorded before it, then
    /// checks that the projection (every column) agrees with the chain and the fold.
    static func walkChain(_ incident: IncidentID, wantedSeqs: Set<Int64>, wantedHashes: Set<String>,
                          _ source: any ChainRecordSource) throws -> ChainWalk {
        var walk = ChainWalk(verification: ChainVerification(incident: incident, verifiedEvents: 0, headHash: EventHash.genesis, problem: nil))
        func fail(_ seq: Int64, _ reason: String) -> ChainWalk {
            walk.verification.problem = ChainProblem(seq: seq, reason: reason)
            return walk
        }
        let rows = try source.chainEvents(of: incident)
        walk.verification.storedHeadHash = rows.last?.hash
        let projection = try source.chainProjection(of: incident)
        let checkpointSeq: Int64? = projection?.stateSeq
        var state: IncidentState?
        var keys: [String: (operatorName: String, key: Curve25519.Signing.PublicKey)] = [:]
        for row in rows {
            let seq = row.seq
            let expected = walk.verification.verifiedEvents + 1
            if seq != expected {
                return fail(expected, "is missing (the next stored event is #\(seq))")
            }
            let prevHash = row.prevHash, storedHash = row.hash
            if prevHash != walk.verification.headHash {
                return fail(seq, "its previous hash does not match event #\(seq - 1)")
            }
            let kind = row.kind, body = row.body, actor = row.actor
            let computed = EventHash.hash(incident: incident.rawValue, seq: seq, atMilliseconds: row.atMilliseconds,
                                          recordedAtMilliseconds: row.recordedAtMilliseconds, actor: actor,
                                          kind: kind, body: body, prevHash: prevHash)
            if computed != storedHash {
                return fail(seq, "its content does not match its hash (altered after it was recorded)")
            }
            guard let payload = try? EventPayload.decode(kind: kind, body: body) else {
                return fail(seq, "its body does not decode as \(kind)")
            }
            switch payload {
            case .actionStepFinished(let finished):
                for reference in [finished.step.stdoutBody, finished.step.stderrBody].compactMap({ $0 }) {
                    if let problem = try source.chainBodyProblem(reference) { return fail(seq, problem) }
                }
            case .signingKeyRecorded(let recorded):
                guard let data = Data(base64Encoded: recorded.publicKey),
                      let key = try? Curve25519.Signing.PublicKey(rawRepresentation: data) else {
                    return fail(seq, "the signing key it records is not an Ed25519 public key")
                }
                if SigningKeyFingerprint.of(key) != recorded.fingerprint || recorded.operatorName != actor {
                    return fail(seq, "the signing key it records does not match its fingerprint or its operator")
                }
                keys[recorded.fingerprint] = (actor, key)
            case .headSigned(let signed):
                if signed.seq != seq - 1 || signed.headHash != prevHash {
                    return fail(seq, "its signature is not over the event just before it")
                }
                guard let signer = keys[signed.fingerprint], signer.operatorName == actor else {
                    return fail(seq, "it is signed with a key (\(signed.fingerprint.terminalSafe)) the chain did not record for \(actor.terminalSafe) before it")
                }
                guard let signature = Data(base64Encoded: signed.signature),
                      signer.key.isValidSignature(signature, for: HeadSigned.message(incident: incident, seq: signed.seq, headHash: signed.headHash)) else {
                    return fail(seq, "its signature by \(actor.terminalSafe) (key \(signed.fingerprint.terminalSafe)) does not verify: the head it signs was rewritten or the signature forged")
                }
                walk.verification.signatures.append(HeadSignatureCheck(seq: signed.seq, operatorName: actor, fingerprint: signed.fingerprint,
                                                                       reason: signed.reason, trusted: nil))
                walk.keySeqs[signed.fingerprint] = walk.keySeqs[signed.fingerprint] ?? seq
            default:
                break
            }
            let event = Event(incident: incident, seq: seq, at: Date(millisecondsSince1970: row.atMilliseconds),
                              recordedAt: Date(millisecondsSince1970: row.recordedAtMilliseconds), actor: actor, payload: payload)
            if state == nil {
                guard let opening = try? IncidentState(opening: event) else {
                    return fail(seq, "the first event is \(kind), not \(IncidentOpened.kind)")
                }
                state = opening
            } else {
                state!.apply(event)
            }
            if case .incidentClosed = payload { walk.closedAt = seq }
            if case .incidentReopened = payload { walk.closedAt = nil }
            // A checkpoint this build would use must say what the events say; one it
            // would not use (another reducer version) is only a stale cache.
            if seq == checkpointSeq {
                do {
                    if let snapshot = try StateSnapshot.decode(projection?.state ?? ""), snapshot != state {
                        return fail(seq, "the incident record's saved state differs from what the events say")
                    }
                } catch {
                    return fail(seq, "the incident record's saved state is not a snapshot")
                }
            }
            if wantedSeqs.contains(seq) { walk.hashAtSeq[seq] = storedHash }
            if wantedHashes.contains(storedHash) { walk.seqOfHash[storedHash] = seq }
            walk.verification.verifiedEvents = seq
            walk.verification.headHash = storedHash
        }
        walk.keys = keys.mapValues { $0.operatorName }
        guard let projection, let state else {
            if rows.isEmpty && projection == nil {
                return fail(1, "the whole incident is missing from the database (its events and its record were deleted)")
            }
            return fail(walk.verification.verifiedEvents, "the incident record is missing")
        }
        let lastSeq = projection.lastSeq
        let verified = walk.verification.verifiedEvents
        if lastSeq > verified {
            return fail(verified + 1, "is missing (the incident's head is #\(lastSeq); later events were deleted)")
        }
        if lastSeq < verified || projection.headHash != walk.verification.headHash {
            return fail(verified, "the incident record's head (#\(lastSeq)) does not match the chain")
        }
        if let column = projectionMismatch(projection, state) {
            return fail(verified, "the incident list's \(column) (the projection was edited)")
        }
        return walk
    }

    /// The first column of the `incidents` row that differs from the fold, described; nil when all agree.
    static func projectionMismatch(_ projection: StoredProjection, _ state: IncidentState) -> String? {
        let incident = state.incident
        let expected: [String: StoredColumnValue] = [
            "title": .text(incident.title), "severity": .integer(Int64(incident.severity.rawValue)),
            "status": .text(incident.status.rawValue), "phase": .text(state.phase.rawValue),
            "opened_at": .integer(incident.openedAt.millisecondsSince1970),
            "closed_at": incident.closedAt.map { .integer($0.millisecondsSince1970) } ?? .null,
            "updated_at": .integer(state.lastRecordedAt.millisecondsSince1970),
        ]
        for name in StoredProjection.listedColumns {
            let found = projection.columns[name] ?? .null, wanted = expected[name] ?? .null
            if found != wanted {
                return "\(name) column says \(found.description.terminalSafe) but the events say \(wanted.description.terminalSafe)"
            }
        }
        return nil
    }
}
