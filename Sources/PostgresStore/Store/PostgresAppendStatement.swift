import Foundation
import IncidentModel
import IncidentStore
import PostgresNIO

/// Everything one append writes, as one statement: a round trip to the server
/// costs far more than the server's work on a row, so an append of one event
/// or of thousands sends its events as nine arrays (`unnest`, one bound value
/// per column whatever the count, where `VALUES` rows would run into the
/// protocol's 65,535 bound values), rewrites the projection and notifies
/// the listeners in the same statement.
enum PostgresAppendStatement {
    /// The events, the incident's projection and `pg_notify`. `checkpoint`: the
    /// folded state to keep as the checkpoint at the head (its row in `checkpoints`
    /// replaced, the projection's `state_seq` moved to the head); nil keeps the stored one.
    static func query(events: [RecordedEvent], state: IncidentState, headHash: String, checkpoint: String?) -> PostgresQuery {
        let incident = state.incident
        let id = Int64(incident.id.rawValue)
        let columns = Columns(events)
        let writesCheckpoint = checkpoint != nil
        return """
            WITH inserted AS (
                INSERT INTO events (incident_id, seq, at, recorded_at, actor, kind, payload, prev_hash, hash)
                SELECT * FROM unnest(\(columns.incidents)::bigint[], \(columns.seqs)::bigint[], \(columns.ats)::bigint[],
                                     \(columns.recordedAts)::bigint[], \(columns.actors)::text[], \(columns.kinds)::text[],
                                     \(columns.bodies)::text[], \(columns.prevHashes)::text[], \(columns.hashes)::text[])
                RETURNING 1
            ), projected AS (
                INSERT INTO incidents
                    (id, title, severity, status, phase, opened_at, closed_at, updated_at, last_seq, head_hash, state_seq, state)
                VALUES (\(id), \(incident.title), \(Int64(incident.severity.rawValue)), \(incident.status.rawValue), \(state.phase.rawValue),
                        \(incident.openedAt.millisecondsSince1970), \(incident.closedAt?.millisecondsSince1970),
                        \(state.lastRecordedAt.millisecondsSince1970), \(state.lastSeq), \(headHash),
                        \(writesCheckpoint ? state.lastSeq : 0), '')
                ON CONFLICT (id) DO UPDATE SET
                    title = excluded.title, severity = excluded.severity, status = excluded.status, phase = excluded.phase,
                    opened_at = excluded.opened_at, closed_at = excluded.closed_at, updated_at = excluded.updated_at,
                    last_seq = excluded.last_seq, head_hash = excluded.head_hash,
                    state_seq = CASE WHEN \(writesCheckpoint) THEN excluded.state_seq ELSE incidents.state_seq END
                RETURNING 1
            ), checkpointed AS (
                -- No row at all unless a checkpoint is due (the WHERE), so the stored one is kept.
                -- A data-modifying WITH runs to completion whether or not the final SELECT reads it.
                INSERT INTO checkpoints (incident_id, seq, state)
                SELECT \(id), \(state.lastSeq), \(checkpoint ?? "") WHERE \(writesCheckpoint)
                ON CONFLICT (incident_id) DO UPDATE SET seq = excluded.seq, state = excluded.state
                RETURNING 1
            )
            SELECT (SELECT count(*) FROM inserted), pg_notify(\(PostgresSchema.changeChannel), \(String(id))) FROM projected
            """
    }

    /// Only the events (an imported incident, whose projection is written apart).
    static func insertEvents(_ events: [RecordedEvent]) -> PostgresQuery {
        let columns = Columns(events)
        return """
            INSERT INTO events (incident_id, seq, at, recorded_at, actor, kind, payload, prev_hash, hash)
            SELECT * FROM unnest(\(columns.incidents)::bigint[], \(columns.seqs)::bigint[], \(columns.ats)::bigint[],
                                 \(columns.recordedAts)::bigint[], \(columns.actors)::text[], \(columns.kinds)::text[],
                                 \(columns.bodies)::text[], \(columns.prevHashes)::text[], \(columns.hashes)::text[])
            """
    }

    /// The events' columns, one array each.
    private struct Columns {
        var incidents: [Int64] = [], seqs: [Int64] = [], ats: [Int64] = [], recordedAts: [Int64] = []
        var actors: [String] = [], kinds: [String] = [], bodies: [String] = [], prevHashes: [String] = [], hashes: [String] = []

        init(_ events: [RecordedEvent]) {
            for recorded in events {
                let event = recorded.event
                incidents.append(Int64(event.incident.rawValue))
                seqs.append(event.seq)
                ats.append(event.at.millisecondsSince1970)
                recordedAts.append(event.recordedAt.millisecondsSince1970)
                actors.append(event.actor)
                kinds.append(event.payload.kind)
                bodies.append(recorded.body)
                prevHashes.append(recorded.prevHash)
                hashes.append(recorded.hash)
            }
        }
    }
}
