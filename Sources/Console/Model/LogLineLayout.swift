/// How the log pane lays a line out that is wider than the pane: cut at the
/// edge and scrolled sideways (`h`/`l`), or wrapped onto the rows below
/// (`<C-w>`), as lnav does. Either way each line shows its time once.
struct LogLineLayout: Sendable, Equatable {
    /// Wrapped onto as many rows as the line needs; the time only on its first.
    var wraps = false
    /// Columns of text scrolled out to the left (while not wrapping); the time stays.
    var column = 0
}
