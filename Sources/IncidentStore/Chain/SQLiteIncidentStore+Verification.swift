import Foundation
import GRDB
import IncidentModel

extension SQLiteIncidentStore {
    public func verify(_ incident: IncidentID?) throws -> [ChainVerification] {
        try read { db in
            var ids = try Int.fetchAll(db, sql: "SELECT id FROM incidents UNION SELECT incident_id FROM events ORDER BY 1")
            if let incident {
                guard ids.contains(incident.rawValue) else { throw StoreError.unknownIncident(incident) }
                ids = [incident.rawValue]
            }
            return try ids.map { try self.verifyChain(IncidentID(rawValue: $0), db) }
        }
    }

    /// Walks one incident's events in seq order, recomputing every hash, then
    /// checks that the projection agrees with the chain's head and with the fold.
    private func verifyChain(_ incident: IncidentID, _ db: Database) throws -> ChainVerification {
        var result = ChainVerification(incident: incident, verifiedEvents: 0, headHash: EventHash.genesis, problem: nil)
        func fail(_ seq: Int64, _ reason: String) -> ChainVerification {
            result.problem = ChainProblem(seq: seq, reason: reason)
            return result
        }
        let rows = try Row.fetchAll(db, sql: """
            SELECT seq, at, recorded_at, actor, kind, payload, prev_hash, hash
            FROM events WHERE incident_id = ? ORDER BY seq
            """, arguments: [incident.rawValue])
        let projection = try Row.fetchOne(db, sql: "SELECT last_seq, head_hash, state_seq, state FROM incidents WHERE id = ?",
                                          arguments: [incident.rawValue])
        let checkpointSeq: Int64? = projection?["state_seq"]
        var state: IncidentState?
        for row in rows {
            let seq: Int64 = row["seq"]
            let expected = result.verifiedEvents + 1
            if seq != expected {
                return fail(expected, "is missing (the next stored event is #\(seq))")
            }
            let prevHash: String = row["prev_hash"], storedHash: String = row["hash"]
            if prevHash != result.headHash {
                return fail(seq, "its previous hash does not match event #\(seq - 1)")
            }
            let kind: String = row["kind"], body: String = row["payload"]
            let computed = EventHash.hash(incident: incident.rawValue, seq: seq, atMilliseconds: row["at"],
                                          recordedAtMilliseconds: row["recorded_at"], actor: row["actor"],
                                          kind: kind, body: body, prevHash: prevHash)
            if computed != storedHash {
                return fail(seq, "its content does not match its hash (altered after it was recorded)")
            }
            guard let payload = try? EventPayload.decode(kind: kind, body: body) else {
                return fail(seq, "its body does not decode as \(kind)")
            }
            if case .actionStepFinished(let finished) = payload {
                for reference in [finished.step.stdoutBody, finished.step.stderrBody].compactMap({ $0 }) {
                    if let problem = try bodyProblem(reference, db) { return fail(seq, problem) }
                }
            }
            let event = Event(incident: incident, seq: seq, at: Date(millisecondsSince1970: row["at"]),
                              recordedAt: Date(millisecondsSince1970: row["recorded_at"]), actor: row["actor"], payload: payload)
            if state == nil {
                guard let opening = try? IncidentState(opening: event) else {
                    return fail(seq, "the first event is \(kind), not \(IncidentOpened.kind)")
                }
                state = opening
            } else {
                state!.apply(event)
            }
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
            result.verifiedEvents = seq
            result.headHash = storedHash
        }
        guard let projection else {
            return fail(result.verifiedEvents, "the incident record is missing")
        }
        let lastSeq: Int64 = projection["last_seq"]
        if lastSeq > result.verifiedEvents {
            return fail(result.verifiedEvents + 1, "is missing (the incident's head is #\(lastSeq); later events were deleted)")
        }
        if lastSeq < result.verifiedEvents || projection["head_hash"] != result.headHash {
            return fail(result.verifiedEvents, "the incident record's head (#\(lastSeq)) does not match the chain")
        }
        return result
    }
}
