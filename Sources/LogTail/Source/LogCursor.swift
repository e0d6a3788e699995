/// Where a source is in its log, so that following can resume after a
/// restart without skipping or repeating a line.
///
/// Opaque to everything but the source that made it: a file source writes
/// its device, inode and byte offset; a CloudWatch poller would write the
/// last event timestamp and the ids of the events it saw at that millisecond.
/// The console stores the cursor that came with a batch of lines in the same
/// transaction as the lines, and hands it back when it starts the source again.
public struct LogCursor: Hashable, Codable, Sendable, CustomStringConvertible {
    public let token: String

    public init(_ token: String) {
        self.token = token
    }

    public var description: String { token }
}
