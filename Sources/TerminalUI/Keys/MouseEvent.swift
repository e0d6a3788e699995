/// A mouse action at a cell.
public struct MouseEvent: Hashable, Sendable {
    /// Which button (or wheel direction).
    public enum Button: String, Hashable, Sendable, CaseIterable {
        case left = "Left"
        case middle = "Middle"
        case right = "Right"
        case wheelUp = "WheelUp"
        case wheelDown = "WheelDown"
    }

    /// What happened to the button. Wheel events are always `.press`.
    public enum Action: String, Hashable, Sendable, CaseIterable {
        case press = "Press"
        case release = "Release"
        case click = "Click"
    }

    public var button: Button
    public var action: Action
    /// Column, 0-based.
    public var x: Int
    /// Row, 0-based.
    public var y: Int

    public init(button: Button, action: Action = .press, x: Int, y: Int) {
        self.button = button
        self.action = (button == .wheelUp || button == .wheelDown) ? .press : action
        self.x = x
        self.y = y
    }
}
