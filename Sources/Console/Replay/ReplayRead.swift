import Foundation
import IncidentModel

/// A stretch of the record a replay must read from the store before it can
/// stand where it was asked to. The model never reads it itself: it hands it
/// to the store worker (`ConsoleEffect.readReplay`), which answers with the
/// events (`ConsoleMessage.replayEvents`) or why it could not
/// (`ConsoleMessage.replayReadFailed`); only the latest read asked for lands.
public struct ReplayRead: Sendable, Equatable {
    /// How the events read are applied.
    enum Fold: Equatable {
        /// Onward from `position`: every event read is applied to the state there.
        case onward(from: Int)
        /// From checkpoint `k`, the events read covering the log pane's window too.
        case fromCheckpoint(Int)
    }

    let log: ReplayLog
    /// The position the replay stands at once the events are applied.
    let target: Int
    /// The events to read, by seq.
    let first: Int, last: Int
    let fold: Fold
    /// The replay clock once landed (playing: where the clock had got to); nil: when the target event was recorded.
    let clock: Date?
    /// Tells this read from an earlier one asked for the same stretch.
    let number: Int

    /// Reads the stretch, checked to be exactly it. Done on the store worker.
    public func perform() throws -> [Event] {
        let events = try log.source.events(seqs: Int64(first)...Int64(last))
        guard events.count == last - first + 1, events.first?.seq == Int64(first) else {
            throw IncidentError.invalidInput("\(log.incident)'s events #\(first)–#\(last) could not all be read back")
        }
        return events
    }

    public static func == (left: ReplayRead, right: ReplayRead) -> Bool {
        left.log === right.log && left.number == right.number && left.target == right.target
            && left.first == right.first && left.last == right.last && left.fold == right.fold && left.clock == right.clock
    }
}
