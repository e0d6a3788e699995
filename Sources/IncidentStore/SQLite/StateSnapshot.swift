import Foundation
import IncidentModel

/// The folded state as JSON in the `incidents` projection. Times are whole
/// milliseconds so a snapshot decodes to exactly the state that was folded.
///
/// A snapshot is a cache of the reducer's output, so it is stamped with the
/// reducer's version (`IncidentState.foldVersion`): one written by a build
/// whose reducer or state shape differed is never used (the events are
/// folded again) and never mistaken for tampering.
package enum StateSnapshot {
    private struct Stamped: Codable {
        var fold: Int
        var state: IncidentState
    }

    /// Snapshots from before stamping have no `fold` and count as another version.
    private struct Stamp: Decodable {
        var fold: Int?
    }

    package static func encode(_ state: IncidentState) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(date.millisecondsSince1970)
        }
        return String(decoding: try encoder.encode(Stamped(fold: IncidentState.foldVersion, state: state)), as: UTF8.self)
    }

    /// The state, or nil when the snapshot was written by another reducer version.
    /// Throws when the text is not a snapshot at all.
    package static func decode(_ text: String) throws -> IncidentState? {
        let data = Data(text.utf8)
        guard try JSONDecoder().decode(Stamp.self, from: data).fold == IncidentState.foldVersion else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            Date(millisecondsSince1970: try decoder.singleValueContainer().decode(Int64.self))
        }
        return try decoder.decode(Stamped.self, from: data).state
    }
}
