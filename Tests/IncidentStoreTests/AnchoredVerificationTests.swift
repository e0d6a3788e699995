import Crypto
import Foundation
import GRDB
import IncidentModel
import IncidentStore
import Testing
import FirebreakTestSupport

/// What an attacker with the database file can do that the chain alone
/// cannot show, and the anchors outside the file that catch it: listing
/// columns checked against the fold, expected heads, signed heads in a
/// journal, trusted keys, and a -wal a copy would lose.
@Suite("Tamper evidence anchored outside the file")
struct AnchoredVerificationTests {
    let folder: TemporaryFolder
    var database: String { folder.path("incidents.db") }
    var keys: SigningKeyFolder { SigningKeyFolder(path: folder.path("config/firebreak/keys")) }
    var journal: SignedHeadJournal { SignedHeadJournal(path: folder.path("config/firebreak/heads/incidents.heads")) }

    init() throws {
        folder = try TemporaryFolder()
    }

    func signingStore(_ operatorName: String = "alice", keys: SigningKeyFolder? = nil) throws -> SQLiteIncidentStore {
        try SQLiteIncidentStore(path: database, signer: HeadSigner(operatorName: operatorName, keys: keys ?? self.keys, journal: journal))
    }

    func reader() throws -> SQLiteIncidentStore {
        try SQLiteIncidentStore(path: database, mode: .readOnly)
    }

    /// An incident of alice's, a few events, closed: signed at the close.
    func closedSignedIncident() throws -> IncidentID {
        let store = try signingStore()
        let id = try store.openIncident(.sample, actor: "alice", at: nil).incident.id
        try store.append(to: id, actor: "alice", at: nil) { _ in [.noteAdded(NoteAdded(text: "key used from 198.51.100.7"))] }
        try store.append(to: id, actor: "alice", at: nil) { _ in [.phaseEntered(PhaseEntered(phase: .containment))] }
        try store.append(to: id, actor: "alice", at: nil) { _ in [.incidentClosed(IncidentClosed(resolution: "key rotated"))] }
        return id
    }

    func trustedAlice() throws -> TrustedKeys {
        try TrustedKeys.load(keys.publicKeyPath(for: "alice"))
    }

    // MARK: - Listing columns (point 8a)

    @Test(arguments: [("status", "'closed'"), ("title", "'Nothing to see'"), ("severity", "4"), ("phase", "'recovery'"),
                      ("opened_at", "opened_at - 1000"), ("closed_at", "0"), ("updated_at", "updated_at + 1")])
    func anEditedListingColumnIsNamed(column: String, value: String) throws {
        _ = try seededStore(in: folder)
        try sqlite3(database, "UPDATE incidents SET \(column) = \(value)")
        let result = try #require(try reader().verify(IncidentID(rawValue: 1)).first)
        let problem = try #require(result.problem)
        #expect(problem.reason.contains("\(column) column"), "\(problem)")
    }

    // MARK: - Signatures and trusted keys (point 8c)

    @Test func closingSignsTheHeadWithTheOperatorsKeyRecordedInTheChain() throws {
        let id = try closedSignedIncident()
        let events = try reader().events(of: id, since: 0)
        #expect(events.suffix(2).map(\.event.payload.kind) == [SigningKeyRecorded.kind, HeadSigned.kind])
        let result = try #require(try reader().verify(id, anchors: VerificationAnchors(trustedKeys: trustedAlice())).chains.first)
        #expect(result.isIntact, "\(String(describing: result.problem))")
        #expect(result.signatures.map(\.operatorName) == ["alice"])
        #expect(result.signatures.first?.trusted == true)
        #expect(result.signatures.first?.seq == Int64(events.count - 1))
        // The key is private to its owner, in a private folder.
        let keyMode = try FileManager.default.attributesOfItem(atPath: keys.privateKeyPath(for: "alice"))[.posixPermissions] as? Int
        let folderMode = try FileManager.default.attributesOfItem(atPath: keys.path)[.posixPermissions] as? Int
        #expect(keyMode == 0o600)
        #expect(folderMode == 0o700)
    }

    @Test func aCheckpointSignsTheHeadAndTheSignatureItselfIsCoveredByTheNext() throws {
        let store = try signingStore()
        let id = try store.openIncident(.sample, actor: "alice", at: nil).incident.id
        for index in 0..<520 {
            try store.append(to: id, actor: "alice", at: nil) { _ in [.noteAdded(NoteAdded(text: "note \(index)"))] }
        }
        let result = try #require(try reader().verify(id).first)
        #expect(result.isIntact)
        #expect(result.signatures.count == 2)
        #expect(result.signatures.allSatisfy { $0.reason == .checkpoint })
    }

    @Test func aConsistentRewriteReSignedWithANewKeyIsCaughtByTheTrustedKey() throws {
        let id = try closedSignedIncident()
        let mallory = Curve25519.Signing.PrivateKey()
        try ChainRewriter.rewrite(database, incident: id, signingAs: mallory) { kind, body in
            kind == NoteAdded.kind ? body.replacingOccurrences(of: "198.51.100.7", with: "10.0.0.1") : body
        }
        // Without anything from outside the file, the forgery holds together: every hash and signature checks.
        let alone = try #require(try reader().verify(id).first)
        #expect(alone.isIntact, "\(String(describing: alone.problem))")
        #expect(try reader().events(of: id, since: 0).contains { $0.body.contains("10.0.0.1") })
        // Alice's own public key shows it.
        let anchored = try #require(try reader().verify(id, anchors: VerificationAnchors(trustedKeys: trustedAlice())).chains.first)
        let problem = try #require(anchored.problem)
        #expect(problem.reason.contains("re-signed with another key"), "\(problem)")
    }

    @Test func aRewriteThatDropsTheSignaturesIsCaughtByTheTrustedKey() throws {
        let id = try closedSignedIncident()
        try ChainRewriter.rewrite(database, incident: id, signingAs: nil) { kind, body in
            kind == NoteAdded.kind ? body.replacingOccurrences(of: "198.51.100.7", with: "10.0.0.1") : body
        }
        #expect(try reader().verify(id).first?.isIntact == true)
        let anchored = try #require(try reader().verify(id, anchors: VerificationAnchors(trustedKeys: trustedAlice())).chains.first)
        #expect(anchored.problem?.reason.contains("no head is signed by a trusted key") == true, "\(String(describing: anchored.problem))")
    }

    @Test func aRewriteKeepingTheOldSignatureFailsAtTheSignature() throws {
        let id = try closedSignedIncident()
        try ChainRewriter.rewrite(database, incident: id, keepSignatures: true) { kind, body in
            kind == NoteAdded.kind ? body.replacingOccurrences(of: "198.51.100.7", with: "10.0.0.1") : body
        }
        let problem = try #require(try reader().verify(id).first?.problem)
        #expect(problem.reason.contains("signature by alice"), "\(problem)")
    }

    // MARK: - Cut short, deleted whole (points 8b, 8c)

    @Test func deletingTheLastEventsIsCaughtByAnExpectedHead() throws {
        let (store, id) = try seededStore(in: folder)
        let head = try #require(try store.verify(id).first?.headHash)
        try Self.cutShort(database, incident: id, keeping: 3)
        // The chain alone is consistent again: nothing inside the file says events are gone.
        #expect(try reader().verify(id).first?.isIntact == true)
        let result = try #require(try reader().verify(id, anchors: VerificationAnchors(
            expectedHeads: [ExpectedHead(incident: id, hash: head)])).chains.first)
        #expect(result.problem?.reason.contains("does not hold the expected head") == true, "\(String(describing: result.problem))")
        // The head it still holds agrees.
        let earlier = try reader().events(of: id, since: 0)[1].hash
        let agreeing = try reader().verify(id, anchors: VerificationAnchors(expectedHeads: [ExpectedHead(incident: id, hash: earlier)]))
        #expect(agreeing.isIntact)
        #expect(agreeing.chains.first?.agreeingAnchors == ["holds the expected head at #2"])
    }

    @Test func deletingTheSignedTailIsCaughtByTheJournal() throws {
        let id = try closedSignedIncident()
        try Self.cutShort(database, incident: id, keeping: 3)
        #expect(try reader().verify(id).first?.isIntact == true)
        let heads = try SignedHeadJournal.load(journal.path)
        #expect(heads.count == 1)
        let problem = try #require(try reader().verify(id, anchors: VerificationAnchors(trustedHeads: heads)).chains.first?.problem)
        #expect(problem.reason.contains("alice signed the head #\(heads[0].seq)"), "\(problem)")
        #expect(problem.reason.contains("chain ends at #3"))
    }

    @Test func anIncidentDeletedWholeIsCaughtByTheJournal() throws {
        let store = try signingStore()
        let kept = try store.openIncident(.sample, actor: "alice", at: nil).incident.id
        let deleted = try closedSignedIncident()
        try sqlite3(database, "DROP TRIGGER events_no_delete; DELETE FROM events WHERE incident_id = \(deleted.rawValue); DELETE FROM incidents WHERE id = \(deleted.rawValue)")
        // Nothing in the file remembers it.
        #expect(try reader().verify(nil).map(\.incident) == [kept])
        let report = try reader().verify(nil, anchors: VerificationAnchors(trustedHeads: SignedHeadJournal.load(journal.path)))
        let missing = try #require(report.chains.first { $0.incident == deleted })
        #expect(missing.problem?.reason.contains("whole incident is missing") == true, "\(String(describing: missing.problem))")
        #expect(report.chains.first { $0.incident == kept }?.isIntact == true)
    }

    // MARK: - The -wal and the export (point 10)

    @Test func commitsOnlyInTheWALAreCountedAndACopyWithoutItMissesTheExpectedHead() throws {
        let (store, id) = try seededStore(in: folder)       // kept open: nothing is checkpointed at close
        try sqlite3(database, "PRAGMA wal_checkpoint(TRUNCATE)")
        for index in 0..<5 { try store.append(to: id, actor: "bob", at: nil) { _ in [.noteAdded(NoteAdded(text: "ack \(index)"))] } }
        let result = try #require(try reader().verify(id).first)
        #expect(result.isIntact)
        #expect(result.eventsOnlyInWAL == 5)
        // A copy of the .db alone, as `cp` makes it.
        let copy = folder.path("copy.db")
        try FileManager.default.copyItem(atPath: database, toPath: copy)
        let copied = try #require(try SQLiteIncidentStore(path: copy, mode: .readOnly).verify(id, anchors: VerificationAnchors(
            expectedHeads: [ExpectedHead(incident: id, hash: result.headHash)])).chains.first)
        #expect(copied.verifiedEvents == 5)
        #expect(copied.problem?.reason.contains("without its -wal") == true, "\(String(describing: copied.problem))")
        withExtendedLifetime(store) {}
    }

    @Test func anExportHoldsOneIncidentItsBodiesAndKeptLinesWithTheOriginalsHead() throws {
        let (store, id) = try seededStore(in: folder)
        let other = try store.openIncident(.sample, actor: "x", at: nil).incident.id
        let line = KeptLogLine(sourceID: "file:/var/log/app", sourceName: "app", sequence: 1, time: Date(), arrivedAt: Date(),
                               level: "info", raw: Array("accepted key".utf8), rawLength: 12, sha256Hex: String(repeating: "a", count: 64))
        try store.keep([line], cursor: "1", source: "file:/var/log/app", of: id, keepingAtMost: 10)
        try store.keep([line], cursor: "1", source: "file:/var/log/app", of: other, keepingAtMost: 10)
        for index in 0..<3 { try store.append(to: id, actor: "bob", at: nil) { _ in [.noteAdded(NoteAdded(text: "in the wal \(index)"))] } }
        let original = try #require(try reader().verify(id).first)
        let target = folder.path("review/INC-1.db")
        try FileManager.default.createDirectory(atPath: folder.path("review"), withIntermediateDirectories: false)
        let exported = try reader().export(id, to: target)
        #expect(exported.headHash == original.headHash)
        #expect(!FileManager.default.fileExists(atPath: target + "-wal"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path("review")) == ["INC-1.db"])
        let copy = try SQLiteIncidentStore(path: target, mode: .readOnly)
        #expect(try copy.incidents(includeClosed: true).map(\.id) == [id])
        #expect(try copy.verify(nil).map(\.headHash) == [original.headHash])
        #expect(try copy.keptLines(of: id).lines.count == 1)
        #expect(try copy.keptLines(of: other).lines.isEmpty)
        let mode = try FileManager.default.attributesOfItem(atPath: target)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(throws: StoreError.self) { try reader().export(id, to: target) }
        withExtendedLifetime(store) {}
    }

    /// Deletes an incident's events after `keeping` and makes the projection agree, as an attacker would.
    static func cutShort(_ database: String, incident: IncidentID, keeping: Int64) throws {
        try sqlite3(database, """
            DROP TRIGGER events_no_delete;
            DELETE FROM events WHERE incident_id = \(incident.rawValue) AND seq > \(keeping);
            UPDATE incidents SET last_seq = \(keeping), state_seq = 0, state = '',
                head_hash = (SELECT hash FROM events WHERE incident_id = \(incident.rawValue) AND seq = \(keeping)),
                updated_at = (SELECT recorded_at FROM events WHERE incident_id = \(incident.rawValue) AND seq = \(keeping)),
                status = 'open', closed_at = NULL
            WHERE id = \(incident.rawValue);
            DELETE FROM checkpoints WHERE incident_id = \(incident.rawValue);
            """)
    }
}

/// Rewrites an incident's chain consistently, as someone with the file and
/// this source code can: every hash recomputed, and the signatures either
/// dropped, kept as they were, or made again with the attacker's own key
/// under the same operator's name.
enum ChainRewriter {
    static func rewrite(_ database: String, incident: IncidentID, signingAs attacker: Curve25519.Signing.PrivateKey? = nil,
                        keepSignatures: Bool = false, _ change: (String, String) -> String) throws {
        let queue = try DatabaseQueue(path: database)
        try queue.write { db in
            try db.execute(sql: "DROP TRIGGER events_no_update; DROP TRIGGER events_no_delete")
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM events WHERE incident_id = ? ORDER BY seq", arguments: [incident.rawValue])
            try db.execute(sql: "DELETE FROM events WHERE incident_id = ?", arguments: [incident.rawValue])
            var prev = EventHash.genesis, seq: Int64 = 0
            for row in rows {
                let kind: String = row["kind"], actor: String = row["actor"]
                var body = change(kind, row["payload"])
                if kind == HeadSigned.kind, keepSignatures,
                   case .headSigned(var signed) = try EventPayload.decode(kind: kind, body: body) {
                    // The old signature, now claiming the new head.
                    signed.headHash = prev
                    body = try EventPayload.headSigned(signed).encodedBody()
                }
                if kind == SigningKeyRecorded.kind || kind == HeadSigned.kind, !keepSignatures {
                    guard let attacker else { continue }
                    let fingerprint = SigningKeyFingerprint.of(attacker.publicKey)
                    if kind == SigningKeyRecorded.kind {
                        body = try EventPayload.signingKeyRecorded(SigningKeyRecorded(
                            operatorName: actor, publicKey: attacker.publicKey.rawRepresentation.base64EncodedString(),
                            fingerprint: fingerprint)).encodedBody()
                    } else {
                        let signature = try attacker.signature(for: HeadSigned.message(incident: incident, seq: seq, headHash: prev))
                        body = try EventPayload.headSigned(HeadSigned(seq: seq, headHash: prev, fingerprint: fingerprint,
                                                                      signature: signature.base64EncodedString(), reason: .close)).encodedBody()
                    }
                }
                seq += 1
                let hash = EventHash.hash(incident: incident.rawValue, seq: seq, atMilliseconds: row["at"],
                                          recordedAtMilliseconds: row["recorded_at"], actor: actor, kind: kind, body: body, prevHash: prev)
                try db.execute(sql: """
                    INSERT INTO events (incident_id, seq, at, recorded_at, actor, kind, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [incident.rawValue, seq, row["at"], row["recorded_at"], actor, kind, body, prev, hash])
                prev = hash
            }
            let last = try Row.fetchOne(db, sql: "SELECT recorded_at FROM events WHERE incident_id = ? AND seq = ?", arguments: [incident.rawValue, seq])!
            try db.execute(sql: "UPDATE incidents SET last_seq = ?, head_hash = ?, updated_at = ?, state_seq = 0, state = '' WHERE id = ?",
                           arguments: [seq, prev, last["recorded_at"], incident.rawValue])
            try db.execute(sql: "DELETE FROM checkpoints WHERE incident_id = ?", arguments: [incident.rawValue])
        }
    }
}
