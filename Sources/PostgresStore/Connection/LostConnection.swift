/// What a connection lost under a statement means for a change being written.
enum LostConnection: Sendable {
    /// The statement was refused before it was sent, or belonged to a transaction whose COMMIT was
    /// never sent: the server rolls such a transaction back when its session ends, so nothing was written.
    case beforeCommit
    /// A COMMIT (or a statement that commits by itself) was sent and no answer came: the server may
    /// have committed it just before the connection went, and only reading the database tells.
    case awaitingCommit
}
