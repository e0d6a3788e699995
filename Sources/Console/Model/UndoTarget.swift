/// What one option of the Recovery item's undo menu puts back: one resource
/// of a run (or, empty, every resource the run has not put back yet).
struct UndoTarget: Equatable, Sendable {
    var run: String
    var resources: [String]
}
