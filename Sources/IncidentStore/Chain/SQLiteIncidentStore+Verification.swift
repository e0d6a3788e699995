import Crypto
import Foundation
import GRDB
import IncidentModel

extension SQLiteIncidentStore {
    public func verify(_ incident: IncidentID?) throws -> [ChainVerification] {
        try verify(incident, anchors: .none).chains
    }

    /// Checks every chain (or one), then what outside anchors say about it:
    /// expected heads, journalled signed heads (which also catch an incident
    /// deleted whole) and trusted keys.
    public func verify(_ incident: IncidentID?, anchors: VerificationAnchors) throws -> VerificationReport {
        let fileAlone = lastSeqsInFileAlone()
        return try read { db in
            var ids = try Int.fetchAll(db, sql: "SELECT id FROM incidents UNION SELECT incident_id FROM events ORDER BY 1")
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
                var walk = try self.walkChain(id, wantedSeqs: Set(heads.map(\.seq)),
                                              wantedHashes: Set(expected.map(\.hash)).union(looseHashes), db)
                heldHashes.formUnion(walk.seqOfHash.keys)
                if walk.verification.isIntact {
                    walk.checkAnchors(trustedHeads: heads, expectedHeads: expected, trustedKeys: anchors.trustedKeys)
                }
                switch fileAlone {
                case .noWAL: walk.verification.eventsOnlyInWAL = 0
                case .lastSeqs(let seqs): walk.verification.eventsOnlyInWAL = max(0, walk.verification.verifiedEvents - (seqs[raw] ?? 0))
                case .unknown: walk.verification.eventsOnlyInWAL = nil
                }
                chains.append(walk.verification)
            }
            let unmatched = anchors.expectedHeads.filter { $0.incident == nil && !heldHashes.contains($0.hash) }
            return VerificationReport(chains: chains, unmatchedHeads: unmatched)
        }
    }

    /// What the database file holds without its -wal.
    private enum FileAlone {
        case noWAL
        /// Each incident's last seq in the file alone.
        case lastSeqs([Int: Int64])
        case unknown
    }

    /// Each incident's last seq as the database file says without its -wal
    /// (SQLite's `immutable` mode ignores the WAL).
    private func lastSeqsInFileAlone() -> FileAlone {
        guard FileManager.default.fileExists(atPath: openedPath + "-wal") else { return .noWAL }
        var config = Configuration()
        config.readonly = true
        let uri = "file:" + openedPath.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed)! + "?immutable=1"
        guard let alone = try? DatabaseQueue(path: uri, configuration: config) else { return .unknown }
        let seqs = try? alone.read { db -> [Int: Int64] in
            guard try db.tableExists("events") else { return [:] }
            var seqs: [Int: Int64] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT incident_id, MAX(seq) AS last FROM events GROUP BY incident_id") {
                seqs[row["incident_id"]] = row["last"]
            }
            return seqs
        }
        return seqs.map(FileAlone.lastSeqs) ?? .unknown
    }

    /// Walks one incident's events in seq order, recomputing every hash and
    /// checking every signature against the key recorded before it, then
    /// checks that the projection (every column) agrees with the chain and the fold.
    private func walkChain(_ incident: IncidentID, wantedSeqs: Set<Int64>, wantedHashes: Set<String>, _ db: Database) throws -> ChainWalk {
        var walk = ChainWalk(verification: ChainVerification(incident: incident, verifiedEvents: 0, headHash: EventHash.genesis, problem: nil))
        func fail(_ seq: Int64, _ reason: String) -> ChainWalk {
            walk.verification.problem = ChainProblem(seq: seq, reason: reason)
            return walk
        }
        let rows = try Row.fetchAll(db, sql: """
            SELECT seq, at, recorded_at, actor, kind, payload, prev_hash, hash
            FROM events WHERE incident_id = ? ORDER BY seq
            """, arguments: [incident.rawValue])
        let projection = try Row.fetchOne(db, sql: "SELECT * FROM incidents WHERE id = ?", arguments: [incident.rawValue])
        let checkpointSeq: Int64? = projection?["state_seq"]
        var state: IncidentState?
        var keys: [String: (operatorName: String, key: Curve25519.Signing.PublicKey)] = [:]
        for row in rows {
            let seq: Int64 = row["seq"]
            let expected = walk.verification.verifiedEvents + 1
            if seq != expected {
                return fail(expected, "is missing (the next stored event is #\(seq))")
            }
            let prevHash: String = row["prev_hash"], storedHash: String = row["hash"]
            if prevHash != walk.verification.headHash {
                return fail(seq, "its previous hash does not match event #\(seq - 1)")
            }
            let kind: String = row["kind"], body: String = row["payload"], actor: String = row["actor"]
            let computed = EventHash.hash(incident: incident.rawValue, seq: seq, atMilliseconds: row["at"],
                                          recordedAtMilliseconds: row["recorded_at"], actor: actor,
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
                    if let problem = try bodyProblem(reference, db) { return fail(seq, problem) }
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
            let event = Event(incident: incident, seq: seq, at: Date(millisecondsSince1970: row["at"]),
                              recordedAt: Date(millisecondsSince1970: row["recorded_at"]), actor: actor, payload: payload)
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
                    if let snapshot = try StateSnapshot.decode(projection?["state"] ?? ""), snapshot != state {
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
        let lastSeq: Int64 = projection["last_seq"]
        let verified = walk.verification.verifiedEvents
        if lastSeq > verified {
            return fail(verified + 1, "is missing (the incident's head is #\(lastSeq); later events were deleted)")
        }
        if lastSeq < verified || projection["head_hash"] != walk.verification.headHash {
            return fail(verified, "the incident record's head (#\(lastSeq)) does not match the chain")
        }
        if let column = Self.projectionMismatch(projection, state) {
            return fail(verified, "the incident list's \(column) (the projection was edited)")
        }
        return walk
    }

    /// The first column of the `incidents` row that differs from the fold, described; nil when all agree.
    static func projectionMismatch(_ row: Row, _ state: IncidentState) -> String? {
        let incident = state.incident
        func text(_ value: DatabaseValue) -> String { value.isNull ? "nothing" : "\(value)".terminalSafe }
        let columns: [(String, DatabaseValue)] = [
            ("title", incident.title.databaseValue), ("severity", incident.severity.rawValue.databaseValue),
            ("status", incident.status.rawValue.databaseValue), ("phase", state.phase.rawValue.databaseValue),
            ("opened_at", incident.openedAt.millisecondsSince1970.databaseValue),
            ("closed_at", incident.closedAt?.millisecondsSince1970.databaseValue ?? .null),
            ("updated_at", state.lastRecordedAt.millisecondsSince1970.databaseValue),
        ]
        for (name, expected) in columns where row[name] as DatabaseValue != expected {
            return "\(name) column says \(text(row[name])) but the events say \(text(expected))"
        }
        return nil
    }
}

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
