import Foundation

/// A seek asked for before the record is indexed far enough to land it: too
/// far from every state the replay knows to fold there now, or a time the
/// recorded times indexed so far cannot place yet. It lands when an index
/// snapshot reaches it (`ReplayState.extend`), unless a later seek replaces it.
public enum ReplaySeekWait: Sendable, Equatable {
    /// To this many events applied.
    case position(Int)
    /// To the last event recorded at or before this time.
    case time(Date)
}
