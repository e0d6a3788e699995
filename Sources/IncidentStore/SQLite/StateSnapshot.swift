import Foundation
import IncidentModel

/// The folded state as JSON in the `incidents` projection. Times are whole
/// milliseconds so a snapshot decodes to exactly the state that was folded.
enum StateSnapshot {
    static func encode(_ state: IncidentState) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(date.millisecondsSince1970)
        }
        return String(decoding: try encoder.encode(state), as: UTF8.self)
    }

    static func decode(_ text: String) throws -> IncidentState {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            Date(millisecondsSince1970: try decoder.singleValueContainer().decode(Int64.self))
        }
        return try decoder.decode(IncidentState.self, from: Data(text.utf8))
    }
}
