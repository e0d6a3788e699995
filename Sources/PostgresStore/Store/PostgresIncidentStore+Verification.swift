import Foundation
import IncidentModel
import IncidentStore
import PostgresNIO

extension PostgresIncidentStore {
    public func verify(_ incident: IncidentID?) throws -> [ChainVerification] {
        try verify(incident, anchors: .none).chains
    }

    /// The one chain walk every store shares, over one snapshot of the server's tables.
    public func verify(_ incident: IncidentID?, anchors: VerificationAnchors) throws -> VerificationReport {
        try read { connection in
            try ChainVerifier.verify(incident, anchors: anchors, source: PostgresChainRecords(store: self, connection: connection))
        }
    }
}

/// The chain as one read-only snapshot of the server sees it.
private struct PostgresChainRecords: ChainRecordSource {
    let store: PostgresIncidentStore
    let connection: PostgresConnection

    func chainIncidentIDs() throws -> [Int] {
        try store.session.rows(connection, "SELECT id FROM incidents UNION SELECT incident_id FROM events ORDER BY 1")
            .map { Int(try $0.decode(Int64.self)) }
    }

    func chainEvents(of incident: IncidentID) throws -> [StoredEventRow] {
        try store.session.rows(connection, """
            SELECT seq, at, recorded_at, actor, kind, payload, prev_hash, hash
            FROM events WHERE incident_id = \(Int64(incident.rawValue)) ORDER BY seq
            """).map { row in
            let (seq, at, recordedAt, actor, kind, body, prevHash, hash) =
                try row.decode((Int64, Int64, Int64, String, String, String, String, String).self)
            return StoredEventRow(seq: seq, atMilliseconds: at, recordedAtMilliseconds: recordedAt, actor: actor,
                                  kind: kind, body: body, prevHash: prevHash, hash: hash)
        }
    }

    func chainProjection(of incident: IncidentID) throws -> StoredProjection? {
        guard let row = try store.session.rows(connection, """
            SELECT title, severity, status, phase, opened_at, closed_at, updated_at, last_seq, head_hash, state_seq, state
            FROM incidents WHERE id = \(Int64(incident.rawValue))
            """).first else { return nil }
        let (title, severity, status, phase, openedAt, closedAt, updatedAt, lastSeq, headHash, stateSeq, state) =
            try row.decode((String, Int64, String, String, Int64, Int64?, Int64, Int64, String, Int64, String).self)
        // The checkpoint from its own table; a database from before it (read as it is) has it in the row.
        let checkpoint = try store.hasCheckpointTable(connection)
            ? try store.session.rows(connection, "SELECT seq, state FROM checkpoints WHERE incident_id = \(Int64(incident.rawValue))")
                .first?.decode((Int64, String).self)
            : nil
        let columns: [String: StoredColumnValue] = [
            "title": .text(title), "severity": .integer(severity), "status": .text(status), "phase": .text(phase),
            "opened_at": .integer(openedAt), "closed_at": closedAt.map(StoredColumnValue.integer) ?? .null,
            "updated_at": .integer(updatedAt),
        ]
        return StoredProjection(columns: columns, lastSeq: lastSeq, headHash: headHash,
                                stateSeq: checkpoint?.0 ?? stateSeq, state: checkpoint?.1 ?? state)
    }

    func chainBodyProblem(_ reference: StoredBody) throws -> String? {
        guard let data = try store.session.rows(connection, "SELECT bytes FROM bodies WHERE sha256 = \(reference.sha256)")
            .first?.decode(Data.self) else {
            return "the output it keeps by hash (body \(reference.sha256.prefix(12))…) is missing"
        }
        if data.count != reference.bytes || PostgresIncidentStore.sha256(data) != reference.sha256 {
            return "the output it keeps by hash (body \(reference.sha256.prefix(12))…) was altered"
        }
        return nil
    }
}
